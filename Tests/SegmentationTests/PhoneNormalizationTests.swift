import Testing
import Segmentation

/// The phone rule: E.164 with the order's country or a configured default, never an assumed one.
struct PhoneNormalizationTests {
  @Test(
    arguments: [
      // (as written, the order's country, E.164)
      ("+1 555 010 2030", nil, "+15550102030"),
      ("5550102030", "US", "+15550102030"),
      ("1-555-010-2030", "us", "+15550102030"),
      ("(555) 010-2030", "United States", "+15550102030"),
      ("011 49 151 2345678", "US", "+491512345678"),
      ("0151 2345678", "DE", "+491512345678"),
      ("'0151/2345678", "Deutschland", "+491512345678"),
      ("49 151 2345678", "DE", "+491512345678"),
      ("0049 151 2345678", nil, "+491512345678"),
      ("0151 2345678", "AT", "+431512345678"),
      ("06 1234 5678", "IT", "+390612345678"),
      ("06 30 123 4567", "HU", "+36301234567"),
      ("8 912 345 6789", "RU", "+79123456789"),
      ("07700 900123", "United Kingdom", "+447700900123"),
    ] as [(String, String?, String)])
  func internationalForm(raw: String, country: String?, expected: String) {
    #expect(DeterministicIdentityResolver().normalizedPhone(raw, country: country) == expected)
  }

  @Test func noCountryIsAssumed() {
    let resolver = DeterministicIdentityResolver()
    #expect(resolver.configuration.defaultCountryCode == nil)
    // A national number without a country stays as its digits; an unknown country is no country.
    #expect(resolver.normalizedPhone("0151 2345678") == "01512345678")
    #expect(resolver.normalizedPhone("5550102030", country: "Narnia") == "5550102030")
    // The order's country comes before the default.
    var configuration = DeterministicIdentityResolver.Configuration()
    configuration.defaultCountryCode = "+1"
    let american = DeterministicIdentityResolver(configuration: configuration)
    #expect(american.normalizedPhone("5550102030") == "+15550102030")
    #expect(american.normalizedPhone("0151 2345678", country: "DE") == "+491512345678")
  }

  @Test func placeholdersAndTheShopsOwnNumberHaveNoValue() {
    var configuration = DeterministicIdentityResolver.Configuration()
    configuration.shopIdentifiers = ["15550109999"]
    let resolver = DeterministicIdentityResolver(configuration: configuration)
    #expect(resolver.normalizedPhone("000 000 0000", country: "US") == nil)
    #expect(resolver.normalizedPhone("12345", country: "US") == nil)
    // The shop's number, configured without +, is recognised in any form.
    #expect(resolver.normalizedPhone("(555) 010-9999", country: "US") == nil)
    #expect(resolver.normalizedPhone("+1 555 010 9999") == nil)
  }
}
