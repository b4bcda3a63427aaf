import _RetentionSupport

/// The normalised email, phone and name of every customer reference of a log (columns
/// ``IdentifierField/email``, ``IdentifierField/phone``, ``IdentifierField/name``; one row per
/// reference), normalised over halves of the references in parallel.
///
/// Each value goes through its field's fast path; values that are not ASCII go through the rule
/// itself (`generalEmail` and so on).
enum NormalizedFields {
  static let fields: [IdentifierField] = [.email, .phone, .name]

  static func table(of references: [CustomerReference], resolver: DeterministicIdentityResolver) -> ByteValueTable {
    let normalizer = IdentifierNormalizer(resolver.configuration)
    return ByteValueTable(
      columns: fields.count, rows: references.count, parts: ParallelWork.halves(references.count, minimum: 10_000)
    ) { rows, writer in
      var scratch = ByteScratch()
      for row in rows {
        for field in fields {
          let value: String?
          switch field {
          case .email: value = references[row].email
          case .phone: value = references[row].phone
          default: value = references[row].name
          }
          guard let value else { continue }
          let country = field == .phone ? references[row].address?.country : nil
          let callingCode = country.flatMap(CallingCode.init(country:))
          switch UTF8Bytes.read(value, { normalizer.normalize(field, $0, callingCode: callingCode, into: &scratch) }) {
          case .normalized(let count):
            scratch.read(count: count) { writer.set(column: field.rawValue, row: row, $0) }
          case .noValue:
            continue
          case .needsRule:
            guard let normalized = resolver.rule(of: field, value, country: country) else { continue }
            UTF8Bytes.read(normalized) { writer.set(column: field.rawValue, row: row, $0) }
          }
        }
      }
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
