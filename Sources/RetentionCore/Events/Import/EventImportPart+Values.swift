import Foundation
import _RetentionSupport

extension EventImportPart {
  /// Appends an event built in code, by the rules of a file's rows.
  ///
  /// The rules (see `EventImportPart+Rows.swift`): a finite time; a customer (not empty) except
  /// for views and cart additions; non-empty product, order and message ids; a step from 1; a
  /// finite score. Strings are taken as they are (not trimmed); an empty flow is none.
  ///
  /// - Parameters:
  ///   - event: The event.
  ///   - row: Its 1-based position, for errors.
  /// - Throws: Why the event is rejected, naming the position and field.
  mutating func append(_ event: CustomerEvent, row: Int) throws(RetentionCoreError) {
    func missing(_ field: EventField, _ reason: String) -> RetentionCoreError {
      RetentionCoreError(.missingField, row: row, field: field.name, reason: reason)
    }
    let name = event.kind.eventName
    let time = event.time.timeIntervalSince1970
    guard time.isFinite else {
      throw RetentionCoreError(.invalidDate, row: row, field: EventField.time.name, reason: "the time is not finite")
    }
    if event.customerID?.isEmpty ?? !name.allowsAnonymousCustomer {
      throw missing(.customer, "the customer is empty; only product_viewed and added_to_cart may be anonymous")
    }
    func productList(_ ids: [String]) throws(RetentionCoreError) -> Int32 {
      guard !ids.isEmpty, !ids.contains(where: \.isEmpty) else {
        throw missing(.product, "\(name.rawValue) needs one or more non-empty product ids")
      }
      return appendList(ids.map { products.intern($0) })
    }
    func order(_ id: String) throws(RetentionCoreError) -> Int32 {
      guard !id.isEmpty else { throw missing(.order, "\(name.rawValue) needs an order id") }
      return orders.intern(id)
    }
    var subject: Int32 = -1
    var detail: Int32 = -1
    var isMachineOpen = false
    switch event.kind {
    case .productViewed(let product), .addedToCart(let product):
      guard !product.isEmpty else { throw missing(.product, "\(name.rawValue) needs a product id") }
      subject = products.intern(product)
    case .checkoutStarted(let products):
      subject = try productList(products)
    case .orderPlaced(let id, let products):
      if !products.isEmpty { detail = try productList(products) }
      subject = try order(id)
    case .shipped(let id), .delayed(let id), .delivered(let id):
      subject = try order(id)
    case .messageSent(let message), .messageDelivered(let message), .clicked(let message), .bounced(let message),
      .heldOut(let message):
      (subject, detail) = try reference(message, name: name, row: row)
    case .opened(let message, let machine):
      (subject, detail) = try reference(message, name: name, row: row)
      isMachineOpen = machine
    case .subscribed(let channel), .unsubscribed(let channel):
      subject = Int32(Channel.allCases.firstIndex(of: channel) ?? 0)
    case .accountCreated:
      break
    case .surveyAnswered(let score):
      guard score.isFinite else {
        throw RetentionCoreError(.notFinite, row: row, field: EventField.value.name, reason: "the score is \(score)")
      }
      subject = appendScore(score)
    }
    let customer = event.customerID.map { customerIDs.intern($0) } ?? -1
    append(
      time: time, code: EventCode(name, isMachineOpen: isMachineOpen), customer: customer, subject: subject,
      detail: detail)
  }

  /// The message number and details number of a message reference.
  private mutating func reference(
    _ message: MessageReference, name: EventName, row: Int
  ) throws(RetentionCoreError) -> (Int32, Int32) {
    guard !message.id.isEmpty else {
      throw RetentionCoreError(
        .missingField, row: row, field: EventField.message.name, reason: "\(name.rawValue) needs a message id")
    }
    if let step = message.step, step < 1 || step > Int(Int32.max) {
      throw RetentionCoreError(
        .invalidNumber, row: row, field: EventField.step.name,
        reason: "the step is a whole number from 1, found \(step)")
    }
    let flow = message.flow.flatMap { $0.isEmpty ? nil : flows.intern($0) } ?? -1
    let channel = message.channel.flatMap { Channel.allCases.firstIndex(of: $0) }.map(Int8.init) ?? -1
    let detail = self.detail(flow: flow, step: Int32(message.step ?? -1), channel: channel)
    return (messages.intern(message.id), detail)
  }
}
