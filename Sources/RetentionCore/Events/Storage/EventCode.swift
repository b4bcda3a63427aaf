/// The kind of a stored event: an ``EventName`` with machine opens kept apart from the others,
/// one byte per event in the log's columns.
///
/// The cases are in the order events of one instant are sorted (the order of ``EventName``, a
/// person's open before a machine's).
package enum EventCode: UInt8, Sendable, Hashable, CaseIterable {
  case productViewed, addedToCart, checkoutStarted, orderPlaced, shipped, delayed, delivered
  case messageSent, messageDelivered, opened, openedByMachine, clicked, bounced, heldOut
  case subscribed, unsubscribed, accountCreated, surveyAnswered

  /// What the subject column of an event of this kind holds.
  package enum Subject: Sendable {
    /// A product number.
    case product
    /// A product list number (a checkout's products).
    case productList
    /// An order number; for `order_placed` the details column holds its product list, or -1.
    case order
    /// A message number; the details column holds the message's details (flow, step, channel).
    case message
    /// A channel's position in `Channel.allCases`.
    case channel
    /// A position in the log's scores.
    case score
    /// Nothing (-1).
    case none
  }

  /// The code of a name; `opened` by a machine is ``openedByMachine``.
  package init(_ name: EventName, isMachineOpen: Bool = false) {
    switch name {
    case .productViewed: self = .productViewed
    case .addedToCart: self = .addedToCart
    case .checkoutStarted: self = .checkoutStarted
    case .orderPlaced: self = .orderPlaced
    case .shipped: self = .shipped
    case .delayed: self = .delayed
    case .delivered: self = .delivered
    case .messageSent: self = .messageSent
    case .messageDelivered: self = .messageDelivered
    case .opened: self = isMachineOpen ? .openedByMachine : .opened
    case .clicked: self = .clicked
    case .bounced: self = .bounced
    case .heldOut: self = .heldOut
    case .subscribed: self = .subscribed
    case .unsubscribed: self = .unsubscribed
    case .accountCreated: self = .accountCreated
    case .surveyAnswered: self = .surveyAnswered
    }
  }

  /// The name of the kind.
  package var name: EventName {
    switch self {
    case .productViewed: .productViewed
    case .addedToCart: .addedToCart
    case .checkoutStarted: .checkoutStarted
    case .orderPlaced: .orderPlaced
    case .shipped: .shipped
    case .delayed: .delayed
    case .delivered: .delivered
    case .messageSent: .messageSent
    case .messageDelivered: .messageDelivered
    case .opened, .openedByMachine: .opened
    case .clicked: .clicked
    case .bounced: .bounced
    case .heldOut: .heldOut
    case .subscribed: .subscribed
    case .unsubscribed: .unsubscribed
    case .accountCreated: .accountCreated
    case .surveyAnswered: .surveyAnswered
    }
  }

  /// What the subject column holds.
  package var subject: Subject {
    switch self {
    case .productViewed, .addedToCart: .product
    case .checkoutStarted: .productList
    case .orderPlaced, .shipped, .delayed, .delivered: .order
    case .messageSent, .messageDelivered, .opened, .openedByMachine, .clicked, .bounced, .heldOut: .message
    case .subscribed, .unsubscribed: .channel
    case .surveyAnswered: .score
    case .accountCreated: .none
    }
  }
}

/// The details of a message event other than its id: the flow's number in the log's flow table
/// (-1 for none), the step (-1 for none) and the channel's position in `Channel.allCases` (-1
/// for none).
package struct MessageDetail: Sendable, Hashable {
  package var flow: Int32
  package var step: Int32
  package var channel: Int8

  package init(flow: Int32, step: Int32, channel: Int8) {
    self.flow = flow
    self.step = step
    self.channel = channel
  }
}
