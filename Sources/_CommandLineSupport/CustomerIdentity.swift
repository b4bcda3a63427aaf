/// Who counts as one customer in a program's figures: `--identity people|customer-id`.
public enum CustomerIdentity: String, Sendable, CaseIterable, Encodable {
  /// The people found by identity resolution (the default): a guest checkout and an account
  /// order by one person are one customer.
  case people
  /// The shop's customer ids, as imported; guest orders belong to no customer.
  case customerID = "customer-id"
}
