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
          switch UTF8Bytes.read(value, { normalizer.normalize(field, $0, into: &scratch) }) {
          case .normalized(let count):
            scratch.read(count: count) { writer.set(column: field.rawValue, row: row, $0) }
          case .noValue:
            continue
          case .needsRule:
            guard let normalized = resolver.rule(of: field, value) else { continue }
            UTF8Bytes.read(normalized) { writer.set(column: field.rawValue, row: row, $0) }
          }
        }
      }
    }
  }
}

extension DeterministicIdentityResolver {
  /// The rule of a field applied to a value.
  func rule(of field: IdentifierField, _ raw: String) -> String? {
    switch field {
    case .email: generalEmail(raw)
    case .phone: generalPhone(raw)
    case .name: generalName(raw)
    case .customerID: generalID(raw)
    }
  }
}
