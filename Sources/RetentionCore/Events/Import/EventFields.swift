/// A column of an event file (a key of a JSON Lines event file).
enum EventField: Int, CaseIterable, Sendable {
  case time, customer, event, product, order, message, flow, step, channel, value

  /// The column's name, as the header (or the JSON key) writes it.
  var name: String {
    switch self {
    case .time: "time"
    case .customer: "customer"
    case .event: "event"
    case .product: "product"
    case .order: "order"
    case .message: "message"
    case .flow: "flow"
    case .step: "step"
    case .channel: "channel"
    case .value: "value"
    }
  }

  /// Every field, in order (`allCases` builds a new array each time it is read).
  static let all = allCases

  /// The field of a column name, or `nil` for another column.
  init?(name: some StringProtocol) {
    guard let field = Self.all.first(where: { $0.name == name }) else { return nil }
    self = field
  }
}

/// Where the fields of one row are in its bytes: a range per field, or `nil` for a field the row
/// does not have (a column missing from the header, a JSON key not given or `null`).
///
/// A JSON array of product ids gives ``productItems``; otherwise the product field is one id, or
/// for a checkout several separated by `;`.
struct EventFieldRanges {
  var time: Range<Int>?
  var customer: Range<Int>?
  var event: Range<Int>?
  var product: Range<Int>?
  var order: Range<Int>?
  var message: Range<Int>?
  var flow: Range<Int>?
  var step: Range<Int>?
  var channel: Range<Int>?
  var value: Range<Int>?
  /// The product ids of a JSON array, or `nil` when the product field is text.
  var productItems: [Range<Int>]?

  subscript(field: EventField) -> Range<Int>? {
    get {
      switch field {
      case .time: time
      case .customer: customer
      case .event: event
      case .product: product
      case .order: order
      case .message: message
      case .flow: flow
      case .step: step
      case .channel: channel
      case .value: value
      }
    }
    set {
      switch field {
      case .time: time = newValue
      case .customer: customer = newValue
      case .event: event = newValue
      case .product: product = newValue
      case .order: order = newValue
      case .message: message = newValue
      case .flow: flow = newValue
      case .step: step = newValue
      case .channel: channel = newValue
      case .value: value = newValue
      }
    }
  }

  /// Forgets every field, keeping the product list's storage.
  mutating func removeAll() {
    for field in EventField.all { self[field] = nil }
    if productItems != nil { productItems = nil }
  }
}
