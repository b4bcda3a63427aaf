import _RetentionSupport

extension IdentityResolution {
  /// The merges of a resolution, a collection of ``Merge`` values stored compactly (each merge's
  /// value as UTF-8 bytes, its orders as numbers into one table of order ids) and spelled out
  /// when read.
  ///
  /// A resolution of a million orders holds a few hundred thousand merges; storing them as
  /// values would cost several allocations each. Reading one merge costs O(*k*) for *k* orders;
  /// changing the collection other than by appending spells every merge out once, O(*m*) for *m*
  /// merges.
  ///
  /// ```swift
  /// for merge in resolution.merges.prefix(3) { print(merge.identifier, merge.value, merge.orders) }
  /// ```
  public struct Merges: RandomAccessCollection, RangeReplaceableCollection, Sendable, Hashable, Codable,
    ExpressibleByArrayLiteral
  {
    private var identifiers: [String] = []
    private var identifierOfMerge: [UInt8] = []
    private var valueBytes: [UInt8] = []
    private var valueStarts: [Int32] = [0]
    private var orderStarts: [Int32] = [0]
    private var orders: [Int32] = []
    /// The reason of each merge, as a number into `reasons`, or -1.
    private var reasonOfMerge: [Int32] = []
    private var reasons: [String] = []
    /// The order ids the merges' orders are numbers into (a resolver's are the log's, shared).
    private var orderIDs: [String] = []

    /// No merges.
    public init() {}

    /// Merges given as values.
    ///
    /// - Parameter merges: The merges.
    /// - Complexity: O(*n*) for *n* orders in all merges.
    public init(_ merges: some Sequence<Merge>) {
      if let merges = merges as? Merges {
        self = merges
        return
      }
      for merge in merges { append(merge) }
    }

    /// Merges written as an array literal.
    ///
    /// - Parameter merges: The merges.
    public init(arrayLiteral merges: Merge...) { self.init(merges) }

    /// No merges yet, of identifiers with the given names and of orders numbered into given ids.
    init(identifiers: [String], orderIDs: [String]) {
      self.identifiers = identifiers
      self.orderIDs = orderIDs
    }

    /// The first position.
    public var startIndex: Int { 0 }
    /// One past the last position.
    public var endIndex: Int { identifierOfMerge.count }

    /// The merge at a position, spelled out.
    ///
    /// - Complexity: O(*k*) for a merge of *k* orders.
    public subscript(position: Int) -> Merge {
      Merge(
        identifier: identifiers[Int(identifierOfMerge[position])],
        value: String(decoding: valueBytes[Int(valueStarts[position])..<Int(valueStarts[position + 1])], as: UTF8.self),
        orders: orders[Int(orderStarts[position])..<Int(orderStarts[position + 1])].map { orderIDs[Int($0)] },
        reason: reasonOfMerge[position] < 0 ? nil : reasons[Int(reasonOfMerge[position])])
    }

    /// Appends a merge.
    ///
    /// - Parameter merge: The merge.
    /// - Complexity: Amortised O(*k*) for a merge of *k* orders.
    public mutating func append(_ merge: Merge) {
      let identifier =
        identifiers.firstIndex(of: merge.identifier)
        ?? {
          identifiers.append(merge.identifier)
          return identifiers.count - 1
        }()
      let first = Int32(orderIDs.count)
      orderIDs.append(contentsOf: merge.orders)
      append(
        identifier: identifier, value: Array(merge.value.utf8), orders: first..<Int32(orderIDs.count),
        reason: merge.reason)
    }

    /// Replaces the merges in a range by others.
    ///
    /// - Parameters:
    ///   - range: The positions to replace.
    ///   - merges: The merges to put there.
    /// - Complexity: O(*m*) for *m* merges before and after.
    public mutating func replaceSubrange(_ range: Range<Int>, with merges: some Collection<Merge>) {
      if range.isEmpty && range.lowerBound == endIndex {
        for merge in merges { append(merge) }
        return
      }
      var values = Array(self)
      values.replaceSubrange(range, with: merges)
      self = Merges(values)
    }

    /// Appends a merge by the number of its identifier, its value's bytes, its orders' numbers
    /// and its reason.
    mutating func append(
      identifier: Int, value: some Collection<UInt8>, orders: some Collection<Int32>, reason: String? = nil
    ) {
      if let reason {
        reasonOfMerge.append(Int32(reasons.count))
        reasons.append(reason)
      } else {
        reasonOfMerge.append(-1)
      }
      identifierOfMerge.append(UInt8(identifier))
      valueBytes.append(contentsOf: value)
      valueStarts.append(Int32(valueBytes.count))
      self.orders.append(contentsOf: orders)
      orderStarts.append(Int32(self.orders.count))
    }

    /// Appends a merge without a reason for each group of more than one order, in the order of
    /// `groups`: group `g` joins the orders `orders[starts[g]..<starts[g + 1]]` by the value
    /// `values[g]` of the identifier with a number (a log's customers, by their ids).
    ///
    /// - Complexity: O(*n*) for *n* groups and their values' bytes and orders.
    mutating func appendGroups(
      _ groups: [Int32], identifier: Int, values: [String], starts: [Int32], orders groupedOrders: [Int32]
    ) {
      var mergedValues: [String] = []
      orders.reserveCapacity(orders.count + groupedOrders.count)
      for group in groups {
        let start = Int(starts[Int(group)]), end = Int(starts[Int(group) + 1])
        guard end - start > 1 else { continue }
        mergedValues.append(values[Int(group)])
        // Element by element: groups are short, and this loop inlines.
        for position in start..<end { orders.append(groupedOrders[position]) }
        orderStarts.append(Int32(orders.count))
      }
      let (bytes, ends) = UTF8Bytes.concatenated(mergedValues, eachAfter: "")
      let valueOffset = Int32(valueBytes.count)
      valueBytes.append(contentsOf: bytes)
      valueStarts.append(contentsOf: ends.lazy.map { Int32($0) + valueOffset })
      identifierOfMerge.append(contentsOf: repeatElement(UInt8(identifier), count: mergedValues.count))
      reasonOfMerge.append(contentsOf: repeatElement(-1, count: mergedValues.count))
    }

    /// Appends the merges of another collection with the same identifiers and order ids.
    mutating func append(sharingTablesWith other: Merges) {
      precondition(identifiers == other.identifiers && orderIDs.count == other.orderIDs.count, "the same tables")
      let valueOffset = Int32(valueBytes.count)
      let orderOffset = Int32(orders.count)
      let reasonOffset = Int32(reasons.count)
      reasonOfMerge.append(contentsOf: other.reasonOfMerge.lazy.map { $0 < 0 ? -1 : $0 + reasonOffset })
      reasons.append(contentsOf: other.reasons)
      identifierOfMerge.append(contentsOf: other.identifierOfMerge)
      valueBytes.append(contentsOf: other.valueBytes)
      valueStarts.append(contentsOf: other.valueStarts.dropFirst().lazy.map { $0 + valueOffset })
      orders.append(contentsOf: other.orders)
      orderStarts.append(contentsOf: other.orderStarts.dropFirst().lazy.map { $0 + orderOffset })
    }

    /// Whether two collections hold the same merges in the same order.
    ///
    /// - Complexity: O(*n*) for *n* orders in all merges.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.elementsEqual(rhs) }

    /// Hashes the number of merges.
    public func hash(into hasher: inout Hasher) { hasher.combine(count) }

    /// Decodes an array of merges.
    public init(from decoder: any Decoder) throws {
      self.init(try decoder.singleValueContainer().decode([Merge].self))
    }

    /// Encodes an array of merges.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      try container.encode(Array(self))
    }
  }
}
