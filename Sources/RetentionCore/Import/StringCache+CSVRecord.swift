import _RetentionSupport

extension StringCache {
  /// The entry of a field's bytes (optionally trimmed of spaces and tabs), added if new; the
  /// column keys the last-value shortcut.
  ///
  /// - Complexity: O(*k*) on average for a field of *k* bytes.
  mutating func entry(_ record: CSVRecord, _ column: Int, trimming: Bool = false) -> Int32 {
    record.withBytes(at: column) { entry($0, column: column, trimming: trimming) }
  }

  /// The cached string of a field's bytes (optionally trimmed of spaces and tabs).
  ///
  /// - Complexity: O(*k*) on average for a field of *k* bytes.
  mutating func string(_ record: CSVRecord, _ column: Int, trimming: Bool = false) -> String {
    let entry = entry(record, column, trimming: trimming)  // before `value`, which reads the cache after it grew
    return value(Int(entry))
  }
}
