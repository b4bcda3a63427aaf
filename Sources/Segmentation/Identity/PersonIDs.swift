/// The ids of the people of an ``IdentityResolution``: a collection of strings stored as UTF-8
/// bytes one after another (no allocation per id), each spelled out as a `String` when read.
///
/// Ids compare byte for byte. It encodes as an array of strings.
public struct PersonIDs: RandomAccessCollection, Sendable, Hashable, Codable, ExpressibleByArrayLiteral {
  private var bytes: [UInt8]
  /// The end of each id in `bytes`.
  private var ends: [Int]

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

  /// Ids from string literals.
  public init(arrayLiteral ids: String...) { self.init(ids) }

  init() {
    bytes = []
    ends = []
  }

  /// Appends an id given as UTF-8 bytes.
  mutating func append(_ id: some Collection<UInt8>) {
    bytes.append(contentsOf: id)
    ends.append(bytes.count)
  }

  /// Appends the ids of another collection.
  mutating func append(contentsOf other: PersonIDs) {
    let offset = bytes.count
    bytes.append(contentsOf: other.bytes)
    ends.append(contentsOf: other.ends.lazy.map { $0 + offset })
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
