import _RetentionSupport

/// The first step of resolution: the normalised email, name and phone numbers of every customer
/// reference of a log, normalised over halves of the references in parallel.
///
/// Emails and names are the columns of one table, one row per reference. Phones are a table of
/// their own with one row per phone number (a reference has as many as its order gave: Shopify's
/// Phone, Billing Phone and Shipping Phone), so that one numbering covers them all: the shipping
/// phone of one order and the billing phone of another are one value. Each value goes through
/// its field's fast path; values that are not ASCII go through the rule itself (`generalEmail`
/// and so on).
struct NormalizedFields: Sendable {
  /// The columns of ``table``.
  static let emailColumn = 0
  static let nameColumn = 1

  /// The normalised email and name of each reference.
  let table: ByteValueTable
  /// The normalised phone numbers, one row per number as written.
  let phones: ByteValueTable
  /// The rows of ``phones`` of each reference: `phoneStarts[r]..<phoneStarts[r + 1]`, its
  /// ``CustomerReference/phone`` first, then its ``CustomerReference/additionalPhones``.
  let phoneStarts: [Int32]

  init(of references: OrderLog.CustomerReferences, resolver: DeterministicIdentityResolver) {
    let normalizer = IdentifierNormalizer(resolver.configuration)
    table = ByteValueTable(
      columns: 2, rows: references.count, parts: ParallelWork.halves(references.count, minimum: 10_000)
    ) { rows, writer in
      var scratch = ByteScratch()
      for row in rows {
        if let email = references[row].email {
          Self.write(
            email, .email, country: nil, column: Self.emailColumn, row: row, normalizer, resolver, &scratch, &writer)
        }
        if let name = references[row].name {
          Self.write(
            name, .name, country: nil, column: Self.nameColumn, row: row, normalizer, resolver, &scratch, &writer)
        }
      }
    }
    var phoneStarts = [Int32](repeating: 0, count: references.count + 1)
    var phoneCount: Int32 = 0
    for reference in references.indices {
      phoneStarts[reference] = phoneCount
      phoneCount += (references[reference].phone == nil ? 0 : 1) + Int32(references[reference].additionalPhones.count)
    }
    phoneStarts[references.count] = phoneCount
    // Each part of the phone rows begins at the first row of a reference.
    let referenceParts = ParallelWork.halves(references.count, minimum: 10_000)
    let phoneParts = referenceParts.map { Int(phoneStarts[$0.lowerBound])..<Int(phoneStarts[$0.upperBound]) }
    phones = ByteValueTable(columns: 1, rows: Int(phoneCount), parts: phoneParts, bytesPerRow: 16) {
      [phoneStarts] rows, writer in
      var scratch = ByteScratch()
      guard let part = phoneParts.firstIndex(of: rows) else { return }
      for reference in referenceParts[part] where phoneStarts[reference] < phoneStarts[reference + 1] {
        let customer = references[reference]
        let country = customer.address?.country
        var row = Int(phoneStarts[reference])
        if let phone = customer.phone {
          Self.write(phone, .phone, country: country, column: 0, row: row, normalizer, resolver, &scratch, &writer)
          row += 1
        }
        for phone in customer.additionalPhones {
          Self.write(phone, .phone, country: country, column: 0, row: row, normalizer, resolver, &scratch, &writer)
          row += 1
        }
      }
    }
    self.phoneStarts = phoneStarts
  }

  /// Normalises a value into a cell; a value without a normalised form leaves the cell empty.
  private static func write(
    _ value: String, _ field: IdentifierField, country: String?, column: Int, row: Int,
    _ normalizer: IdentifierNormalizer, _ resolver: DeterministicIdentityResolver, _ scratch: inout ByteScratch,
    _ writer: inout ByteValueTable.Writer
  ) {
    let callingCode = country.flatMap(CallingCode.init(country:))
    switch UTF8Bytes.read(value, { normalizer.normalize(field, $0, callingCode: callingCode, into: &scratch) }) {
    case .normalized(let count):
      scratch.read(count: count) { writer.set(column: column, row: row, $0) }
    case .noValue:
      return
    case .needsRule:
      guard let normalized = resolver.rule(of: field, value, country: country) else { return }
      UTF8Bytes.read(normalized) { writer.set(column: column, row: row, $0) }
    }
  }
}

extension DeterministicIdentityResolver {
  /// The rule of a field applied to a value (for a phone, of an order in a country).
  func rule(of field: IdentifierField, _ raw: String, country: String? = nil) -> String? {
    switch field {
    case .email: generalEmail(raw)
    case .phone: generalPhone(raw, country: country)
    case .name: generalName(raw)
    case .customerID: generalID(raw)
    }
  }
}
