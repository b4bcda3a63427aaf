import _RetentionSupport

/// The fields of one CSV record, as byte ranges into a reused buffer, or (for records without
/// quotes) into the reader's chunk itself.
public struct CSVRecord {
  var bytes: [UInt8] = []
  var ends: [Int] = []
  /// For a record read in place: the chunk holding it, and where the record starts in it. Field
  /// *i* then runs from one past the end of field *i* − 1 (the separator) to `ends[i]`.
  var source: [UInt8]?
  var base = 0
  var fieldStart = 0
  var pendingQuote = false
  var pendingCarriageReturn = false
  /// Whether the record had text after a closing quote (`"a"b`), which RFC 4180 forbids.
  public internal(set) var malformed = false
  /// Why the record's fields could not be kept, or `nil` when they were: a record with a
  /// defect has no fields (``count`` is zero), and an importer rejects it.
  public internal(set) var defect: Defect?
  /// The longest record (field bytes and separators) whose fields are kept.
  var limit = Int.max

  /// Why a record's fields were not kept.
  public enum Defect: Sendable, Hashable, CustomStringConvertible {
    /// The record is longer than the reader's ``CSVReader/maximumRecordLength`` bytes; it was
    /// skipped without being held in memory.
    case tooLong(limit: Int)
    /// The record holds a NUL byte: binary content, not text.
    case containsNUL

    /// Why the record was not read, as a sentence fragment.
    public var description: String {
      switch self {
      case .tooLong(let limit):
        limit % (1 << 20) == 0
          ? "the row is longer than \(limit >> 20) MiB, the most a row may hold"
          : "the row is longer than \(limit) bytes, the most a row may hold"
      case .containsNUL: "the row holds a NUL byte: binary content, not text"
      }
    }
  }

  /// Creates an empty record.
  public init() {
    bytes.reserveCapacity(1024)
    ends.reserveCapacity(128)
  }

  mutating func removeAll(limit: Int = Int.max) {
    if !bytes.isEmpty { bytes.removeAll(keepingCapacity: true) }
    ends.removeAll(keepingCapacity: true)
    source = nil
    fieldStart = 0
    malformed = false
    defect = nil
    self.limit = limit
  }

  // Appends stop at the limit: the record is marked and its fields dropped, so a record of any
  // length costs at most `limit` bytes of memory.
  mutating func append(_ byte: UInt8) {
    guard defect == nil else { return }
    if bytes.count + ends.count + 1 > limit { return markDefect(.tooLong(limit: limit)) }
    bytes.append(byte)
  }

  mutating func append(_ run: ByteView) {
    guard defect == nil else { return }
    if bytes.count + ends.count + run.count > limit { return markDefect(.tooLong(limit: limit)) }
    bytes.append(run)
  }

  mutating func endField() {
    guard defect == nil else { return }
    if bytes.count + ends.count > limit { return markDefect(.tooLong(limit: limit)) }
    ends.append(bytes.count)
  }

  /// Drops the fields read so far and ignores the rest of the record.
  mutating func markDefect(_ defect: Defect) {
    guard self.defect == nil else { return }
    self.defect = defect
    bytes.removeAll(keepingCapacity: bytes.capacity <= 1 << 16)
    ends.removeAll(keepingCapacity: ends.capacity <= 1 << 12)
    source = nil
  }

  /// The number of fields.
  public var count: Int { ends.count }

  /// Whether the record is one empty field (a blank line).
  public var isBlank: Bool { ends.count == 1 && range(at: 0).isEmpty }

  /// The byte range of a field in the record's storage (``source`` or ``bytes``).
  func range(at index: Int) -> Range<Int> {
    if source != nil { return (index == 0 ? base : ends[index - 1] + 1)..<ends[index] }
    return (index == 0 ? 0 : ends[index - 1])..<ends[index]
  }

  /// Calls `body` with the bytes of a field (empty for a missing field).
  ///
  /// - Parameters:
  ///   - index: A field index; out-of-range fields read as empty.
  ///   - body: A closure receiving the bytes; they are valid only during the call.
  /// - Returns: What `body` returns.
  func withBytes<Result>(at index: Int, _ body: (ByteView) throws -> Result) rethrows -> Result {
    let range = index >= 0 && index < ends.count ? range(at: index) : 0..<0
    if let source { return try source.withByteView { try body($0.extracting(range)) } }
    return try bytes.withByteView { try body($0.extracting(range)) }
  }

  /// The bytes of a field (empty for a missing field), sharing the record's storage.
  ///
  /// ```swift
  /// let isCancellation = record.bytes(at: 0).first == UInt8(ascii: "C")
  /// ```
  ///
  /// - Parameter index: A field index; out-of-range fields read as empty.
  public func bytes(at index: Int) -> ArraySlice<UInt8> {
    guard index >= 0 && index < ends.count else { return [] }
    let range = range(at: index)
    return source?[range] ?? bytes[range]
  }

  /// The field decoded as UTF-8 (invalid sequences repaired), or an empty string for a missing field.
  ///
  /// - Parameter index: A field index.
  public func string(at index: Int) -> String {
    withBytes(at: index) { $0.string }
  }

  /// Whether a field starts with a byte.
  func startsWith(_ byte: UInt8, at index: Int) -> Bool {
    withBytes(at: index) { !$0.isEmpty && $0[0] == byte }
  }

  /// Whether a field is empty or missing.
  public func isEmpty(at index: Int) -> Bool {
    guard index >= 0 && index < ends.count else { return true }
    return range(at: index).isEmpty
  }
}
