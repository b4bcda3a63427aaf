import _RetentionSupport

/// The rules of a row of an event file, for CSV and JSON Lines alike.
///
/// | event | needs | takes |
/// |---|---|---|
/// | `product_viewed`, `added_to_cart` | `product` (one id) | a `customer`, or none for an anonymous visitor |
/// | `checkout_started` | `product` (ids separated by `;`, or a JSON array) | |
/// | `order_placed` | `order` | `product` (ids) |
/// | `shipped`, `delayed`, `delivered` | `order` | |
/// | `message_sent`, `message_delivered`, `opened`, `clicked`, `bounced`, `held_out` | `message` | `flow`, `step` (a whole number from 1), `channel`; for `opened`, `value` = `machine` |
/// | `subscribed`, `unsubscribed` | `channel` | |
/// | `account_created` | | |
/// | `survey_answered` | `value` (a finite number) | |
///
/// Every event needs `time` (ISO 8601; without an offset it is read in the import's time zone),
/// `event` (a name of ``EventName``, any case) and, except views and cart additions, `customer`.
/// Fields are trimmed of spaces and tabs; fields an event does not take are ignored. A product
/// field holds product ids separated by `;` (a JSON array holds any ids).
extension EventImportPart {
  /// Reads one row by the rules and appends its event.
  ///
  /// - Parameters:
  ///   - bytes: The bytes the ranges point into.
  ///   - fields: Where each field is.
  ///   - row: The row number, for errors.
  ///   - context: The time zone of times without an offset.
  /// - Throws: Why the row is rejected, naming the row and field; nothing is appended then.
  mutating func appendRow(
    _ bytes: ByteView, _ fields: EventFieldRanges, row: Int, context: ImportContext
  ) throws(RetentionCoreError) {
    func value(_ field: EventField) -> Range<Int>? { Self.trimmed(fields[field], in: bytes) }
    func missing(_ field: EventField, _ reason: String) -> RetentionCoreError {
      RetentionCoreError(.missingField, row: row, field: field.name, reason: reason)
    }
    func text(_ range: Range<Int>) -> String { RetentionCoreError.quoted(bytes.extracting(range).string) }

    guard let eventRange = value(.event) else { throw missing(.event, "the event name is empty") }
    guard let name = Self.eventName(bytes.extracting(eventRange)) else {
      throw RetentionCoreError(
        .invalidValue, row: row, field: EventField.event.name,
        reason:
          "unknown event \(text(eventRange)); the events are \(EventName.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    guard let timeRange = value(.time) else { throw missing(.time, "the time is empty") }
    guard let time = context.seconds(bytes.extracting(timeRange), format: .iso8601) else {
      throw RetentionCoreError(
        .invalidDate, row: row, field: EventField.time.name,
        reason: "not an ISO 8601 time (2024-03-01T09:30:00Z, 2024-03-01 09:30:00+01:00): \(text(timeRange))")
    }
    let customerRange = value(.customer)
    if customerRange == nil && !name.allowsAnonymousCustomer {
      throw missing(.customer, "the customer is empty; only product_viewed and added_to_cart may be anonymous")
    }

    var code = EventCode(name)
    var subject: Int32 = -1
    var detail: Int32 = -1
    switch code.subject {
    case .product:
      let count = collectProductItems(fields, bytes: bytes)
      guard count > 0 else { throw missing(.product, "\(name.rawValue) needs a product id") }
      guard count == 1 else {
        throw RetentionCoreError(
          .invalidValue, row: row, field: EventField.product.name,
          reason: "\(name.rawValue) is about one product, found \(count)")
      }
      subject = products.intern(bytes.extracting(productItems[0]))
    case .productList:
      guard collectProductItems(fields, bytes: bytes) > 0 else {
        throw missing(.product, "\(name.rawValue) needs one or more product ids")
      }
      subject = appendProductList(bytes)
    case .order:
      guard let order = value(.order) else { throw missing(.order, "\(name.rawValue) needs an order id") }
      if name == .orderPlaced && collectProductItems(fields, bytes: bytes) > 0 { detail = appendProductList(bytes) }
      subject = intern(bytes.extracting(order), .order)
    case .message:
      guard let message = value(.message) else { throw missing(.message, "\(name.rawValue) needs a message id") }
      var step: Int32 = -1
      if let range = value(.step) {
        guard let number = FieldParsing.double(bytes.extracting(range)), number >= 1, number <= Double(Int32.max),
          number.rounded() == number
        else {
          throw RetentionCoreError(
            .invalidNumber, row: row, field: EventField.step.name,
            reason: "the step is a whole number from 1, found \(text(range))")
        }
        step = Int32(number)
      }
      var channel: Int8 = -1
      if let range = value(.channel) {
        guard let found = Self.channel(bytes.extracting(range)) else { throw Self.badChannel(text(range), row: row) }
        channel = Int8(found)
      }
      if name == .opened, let range = value(.value) {
        let open = bytes.extracting(range)
        if Self.matches(open, Self.machine) {
          code = .openedByMachine
        } else if !Self.matches(open, Self.human) {
          throw RetentionCoreError(
            .invalidValue, row: row, field: EventField.value.name,
            reason: "the value of an open is \"machine\" (an automated open), \"human\" or empty, found \(text(range))")
        }
      }
      let flow = value(.flow).map { intern(bytes.extracting($0), .flow) } ?? -1
      detail = self.detail(flow: flow, step: step, channel: channel)
      subject = intern(bytes.extracting(message), .message)
    case .channel:
      guard let range = value(.channel) else { throw missing(.channel, "\(name.rawValue) needs a channel") }
      guard let found = Self.channel(bytes.extracting(range)) else { throw Self.badChannel(text(range), row: row) }
      subject = Int32(found)
    case .score:
      guard let range = value(.value) else { throw missing(.value, "survey_answered needs the score in value") }
      guard let score = FieldParsing.double(bytes.extracting(range)) else {
        throw RetentionCoreError(
          .invalidNumber, row: row, field: EventField.value.name, reason: "the score is not a number: \(text(range))")
      }
      guard score.isFinite else {
        throw RetentionCoreError(.notFinite, row: row, field: EventField.value.name, reason: "the score is \(score)")
      }
      subject = appendScore(score)
    case .none:
      break
    }
    let customer = customerRange.map { intern(bytes.extracting($0), .customer) } ?? -1
    append(time: time, code: code, customer: customer, subject: subject, detail: detail)
  }

  /// Collects the product ids of a row into ``productItems``: a JSON array's items, or the
  /// product field split at `;`, each trimmed, empty ones left out.
  ///
  /// - Returns: The number of product ids.
  private mutating func collectProductItems(_ fields: EventFieldRanges, bytes: ByteView) -> Int {
    productItems.removeAll(keepingCapacity: true)
    if let items = fields.productItems {
      for item in items { if let item = Self.trimmed(item, in: bytes) { productItems.append(item) } }
      return productItems.count
    }
    guard let range = Self.trimmed(fields.product, in: bytes) else { return 0 }
    var start = range.lowerBound
    for index in range where bytes[index] == UInt8(ascii: ";") {
      if let item = Self.trimmed(start..<index, in: bytes) { productItems.append(item) }
      start = index + 1
    }
    if let item = Self.trimmed(start..<range.upperBound, in: bytes) { productItems.append(item) }
    return productItems.count
  }

  /// Appends the product list of ``productItems`` and returns its number.
  private mutating func appendProductList(_ bytes: ByteView) -> Int32 {
    for item in productItems { listProducts.append(products.intern(bytes.extracting(item))) }
    listStarts.append(Int32(listProducts.count))
    return Int32(listStarts.count - 2)
  }

  /// A range without leading and trailing spaces and tabs, or `nil` when nothing is left.
  static func trimmed(_ range: Range<Int>?, in bytes: ByteView) -> Range<Int>? {
    guard var lower = range?.lowerBound, var upper = range?.upperBound else { return nil }
    while lower < upper && (bytes[lower] == 0x20 || bytes[lower] == 0x09) { lower += 1 }
    while upper > lower && (bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09) { upper -= 1 }
    return lower < upper ? lower..<upper : nil
  }

  /// Whether a field is a name written in any case (`name` is lowercase ASCII).
  static func matches(_ bytes: ByteView, _ name: [UInt8]) -> Bool {
    guard bytes.count == name.count else { return false }
    for index in name.indices {
      let byte = bytes[index]
      if ((0x41...0x5A).contains(byte) ? byte | 0x20 : byte) != name[index] { return false }
    }
    return true
  }

  private static let eventNames: [(bytes: [UInt8], name: EventName)] = EventName.allCases.map {
    (Array($0.rawValue.utf8), $0)
  }
  private static let machine = Array("machine".utf8)
  private static let human = Array("human".utf8)
  private static let channelNames: [[UInt8]] = Channel.allCases.map { Array($0.rawValue.utf8) }

  /// The event name of a field, in any case.
  static func eventName(_ bytes: ByteView) -> EventName? {
    eventNames.first { matches(bytes, $0.bytes) }?.name
  }

  /// The position in `Channel.allCases` of a channel name, in any case.
  static func channel(_ bytes: ByteView) -> Int? {
    channelNames.firstIndex { matches(bytes, $0) }
  }

  private static func badChannel(_ text: String, row: Int) -> RetentionCoreError {
    RetentionCoreError(
      .invalidValue, row: row, field: EventField.channel.name,
      reason: "unknown channel \(text); the channels are email, sms, phone and push")
  }
}
