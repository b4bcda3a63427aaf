extension DeterministicIdentityResolver {
  /// How identifiers are normalised and which are trusted.
  public struct Configuration: Sendable, Hashable, Codable {
    /// Fold plus-addressing (`ada+shop@x.com` → `ada@x.com`); on by default.
    public var foldsPlusAddressing = true
    /// Fold dots in Gmail local parts (`a.da@gmail.com` → `ada@gmail.com`); on by default.
    public var foldsGmailDots = true
    /// The country calling code for national phone numbers of orders without a known country.
    ///
    /// For example `"1"`, `"49"` or `"+44"`. `nil` (the default) leaves such numbers as their
    /// digits, so that they link only to the same digits. An order's own country
    /// (``PostalAddress/country``) always comes first; no country is ever assumed.
    public var defaultCountryCode: String?
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
    /// An email, phone or customer id used by more people than this, told apart by the names on
    /// its orders, is shared, not personal (a company inbox, a family's phone).
    ///
    /// With ``matchesNameVariants`` (the default) names that may be one person count as one:
    /// a middle name added or dropped, an initial, a transliteration (ü/ue, ß/ss), a case or
    /// accent variant; different given names, or surnames neither of which extends the other,
    /// are different people (the rule is in `NameVariants.swift`). Without it every distinct
    /// name counts as a person.
    public var maximumNamesPerIdentifier = 1
    /// Whether names of one person written in several ways count as one person.
    ///
    /// It decides whether an identifier is shared; on by default. Off, any two distinct names on
    /// an email or phone make it shared (the earlier rule).
    public var matchesNameVariants = true
    /// An email or phone used with more distinct customer ids than this is shared.
    public var maximumCustomerIDsPerIdentifier = 3

    /// Creates the default configuration.
    public init() {}
  }
}
