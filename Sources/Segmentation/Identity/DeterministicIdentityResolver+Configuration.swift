extension DeterministicIdentityResolver {
  /// How identifiers are normalised and which are trusted.
  public struct Configuration: Sendable, Hashable, Codable {
    /// Fold plus-addressing (`ada+shop@x.com` → `ada@x.com`); on by default.
    public var foldsPlusAddressing = true
    /// Fold dots in Gmail local parts (`a.da@gmail.com` → `ada@gmail.com`); on by default.
    public var foldsGmailDots = true
    /// The country calling code for national phone numbers starting with a single 0 (`49` for
    /// Germany); `nil` leaves them as written.
    public var defaultCountryCode: String? = "49"
    /// Also link orders with the same name and the same full address (street, zip, city);
    /// off by default.
    public var matchesNameAndAddress = false
    /// Identifier values that belong to the shop itself (its own email, phone or address, used
    /// when staff place orders), compared after normalisation.
    public var shopIdentifiers: Set<String> = []
    /// Values that mean "no value".
    public var placeholders: Set<String> = [
      "", "null", "nil", "none", "-1", "0", "anonymous", "n/a", "na", "unknown", "guest", "test",
    ]
    /// An email or phone used with more distinct names than this is shared, not personal.
    public var maximumNamesPerIdentifier = 1
    /// An email or phone used with more distinct customer ids than this is shared.
    public var maximumCustomerIDsPerIdentifier = 3

    /// Creates the default configuration.
    public init() {}
  }
}
