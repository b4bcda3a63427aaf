import _RetentionSupport

/// The ids of the people of an ``IdentityResolution``: a collection of strings stored as UTF-8
/// bytes one after another (no allocation per id), each spelled out as a `String` when read.
///
/// Ids compare byte for byte. It encodes as an array of strings.
public struct PersonIDs: RandomAccessCollection, Sendable, Hashable, Codable, ExpressibleByArrayLiteral {
  private var bytes: [UInt8]
  /// The end of each id in `bytes`.
  private var ends: [Int]
  /// The prefix and the strings the ids were made of by ``init(prefix:strings:)``.
  ///
  /// Each id is the prefix followed by the string at its position; `nil` for ids made otherwise
  /// (appending clears it). Not part of the value: it lets ``OrderLog/keyed(by:)`` recognise
  /// the customer ids of a log without reading the ids.
  private var prefixedStrings: PrefixedStrings?

  /// Strings, each with one prefix before it.
  private struct PrefixedStrings: Sendable {
    var prefix: String
    var strings: [String]
  }

  /// The first position.
  public var startIndex: Int { 0 }
  /// One past the last position.
  public var endIndex: Int { ends.count }

  /// The id at a position.
  ///
  /// - Complexity: O(*k*) for an id of *k* bytes.
  public subscript(position: Int) -> String {
    let start = position == 0 ? 0 : ends[position - 1]
    return String(decoding: bytes[start..<ends[position]], as: UTF8.self)
  }

  /// Ids from strings.
  public init(_ ids: some Sequence<String>) {
    if let ids = ids as? PersonIDs {
      self = ids
      return
    }
    bytes = []
    ends = []
    for id in ids { append(id.utf8) }
  }

  /// Ids made of strings with a prefix before each: id `i` is `prefix + strings[i]`.
  ///
  /// - Complexity: O(*n*) for *n* bytes in all.
  init(prefix: String, strings: [String]) {
    (bytes, ends) = UTF8Bytes.concatenated(strings, eachAfter: prefix)
    prefixedStrings = PrefixedStrings(prefix: prefix, strings: strings)
  }

  /// Whether id `i` is `prefix + strings[i]` for every `i`, as known without reading the ids:
  /// `true` only for ids made of these strings by ``init(prefix:strings:)`` and not changed
  /// since (`false` may be wrong, never `true`).
  ///
  /// - Complexity: O(1) for the very array the ids were made of, else O(*n*) for *n* strings.
  func areKnown(toBePrefix prefix: String, before strings: [String]) -> Bool {
    guard let prefixedStrings else { return false }
    return prefixedStrings.prefix == prefix && prefixedStrings.strings == strings
  }

  /// Ids from string literals.
  public init(arrayLiteral ids: String...) { self.init(ids) }

  init() {
    bytes = []
    ends = []
  }

  /// Appends an id given as UTF-8 bytes.
  mutating func append(_ id: some Collection<UInt8>) {
    prefixedStrings = nil
    bytes.append(contentsOf: id)
    ends.append(bytes.count)
  }

  /// Appends the ids of another collection.
  mutating func append(contentsOf other: PersonIDs) {
    prefixedStrings = nil
    let offset = bytes.count
    bytes.append(contentsOf: other.bytes)
    ends.append(contentsOf: other.ends.lazy.map { $0 + offset })
  }

  /// Whether two collections hold the same ids in the same order.
  ///
  /// - Complexity: O(*n*) for *n* bytes.
  public static func == (lhs: Self, rhs: Self) -> Bool { lhs.ends == rhs.ends && lhs.bytes == rhs.bytes }

  /// Hashes the ids' bytes.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(bytes)
    hasher.combine(ends)
  }

  /// Decodes an array of strings.
  public init(from decoder: any Decoder) throws {
    self.init(try decoder.singleValueContainer().decode([String].self))
  }

  /// Encodes an array of strings.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(Array(self))
  }
}
