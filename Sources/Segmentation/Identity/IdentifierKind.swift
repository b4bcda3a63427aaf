/// The kinds of identifier that link orders, in the order resolution applies them.
enum IdentifierKind: Int, CaseIterable, Sendable {
  case customerID, email, phone, nameAndAddress

  /// The name used in merges and ignored identifiers.
  var label: String {
    switch self {
    case .customerID: "customer id"
    case .email: "email"
    case .phone: "phone"
    case .nameAndAddress: "name and address"
    }
  }

  /// The start of a person id made from a value of this kind.
  var prefix: String {
    switch self {
    case .customerID: "id:"
    case .email: "email:"
    case .phone: "phone:"
    case .nameAndAddress: "name:"
    }
  }
}
