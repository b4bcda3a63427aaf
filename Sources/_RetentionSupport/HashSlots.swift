/// The probe table behind every interner of the SDK: open addressing with linear probing over
/// one array of 64-bit slots, each holding the upper 32 bits of an entry's hash (its tag) beside
/// 1 + the entry's number (0 is an empty slot).
///
/// The table stores numbers only; its owner keeps the values and says, through a closure,
/// whether the entry a probe reached holds the value looked for. A probe reads one array and
/// calls the closure only when the tags agree, so values are compared about once per lookup.
///
/// ```swift
/// var slots = HashSlots(capacity: 2)
/// var values: [String] = []
/// let hash = UTF8Bytes.read("ada") { ByteHash.hash($0) }
/// let probe = slots.find(hash: hash) { values[$0] == "ada" }  // probe.entry == nil
/// values.append("ada")
/// slots.insert(0, hash: hash, at: probe.slot) { _ in hash }
/// ```
///
/// The hash is not keyed: crafted input can make probing slow, never wrong.
///
/// Public (in a module that is not a product) so that its probe inlines into the interners'
/// callers in other modules, which `@inlinable package` members do not.
public struct HashSlots: Sendable {
  @usableFromInline var slots: [UInt64]
  @usableFromInline var occupied = 0

  /// The number of entries in the table.
  @inlinable public var count: Int { occupied }

  @usableFromInline static var tagMask: UInt64 { 0xFFFF_FFFF_0000_0000 }

  /// Creates an empty table with room for `capacity` entries before it grows (it stays at most
  /// half full).
  public init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size *= 2 }
    slots = [UInt64](repeating: 0, count: size)
  }

  /// Where a probe ended: at the entry found, or at the empty slot where a new entry goes.
  public struct Probe {
    /// The number of the entry found, or `nil`.
    public let entry: Int?
    /// The slot of the entry found, or the empty slot that ended the probe.
    public let slot: Int

    @inlinable init(entry: Int?, slot: Int) {
      self.entry = entry
      self.slot = slot
    }
  }

  /// Probes for an entry with a hash.
  ///
  /// - Parameters:
  ///   - hash: The hash of the value looked for.
  ///   - isEntry: Whether an entry (whose tag matches) holds the value looked for.
  /// - Returns: The entry found, or the empty slot at which to ``insert(_:hash:at:rehashing:)``
  ///   it (valid until the table changes).
  /// - Complexity: O(1) expected probes.
  @inlinable @inline(__always) public func find(hash: UInt64, where isEntry: (Int) -> Bool) -> Probe {
    let tag = hash & Self.tagMask
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let content = slots[slot]
      if content == 0 { return Probe(entry: nil, slot: slot) }
      if content & Self.tagMask == tag {
        let entry = Int(content & 0xFFFF_FFFF) - 1
        if isEntry(entry) { return Probe(entry: entry, slot: slot) }
      }
      slot = (slot + 1) & mask
    }
  }

  /// Puts an entry in the empty slot a ``find(hash:where:)`` returned, and doubles the table
  /// when it becomes more than half full.
  ///
  /// - Parameters:
  ///   - entry: The entry's number, in `0..<UInt32.max`.
  ///   - hash: Its hash.
  ///   - slot: The empty slot the probe for it ended at.
  ///   - hashOf: The hash of an entry in the table, called for each entry when the table grows.
  /// - Complexity: Amortised O(1).
  @inlinable @inline(__always) public mutating func insert(_ entry: Int, hash: UInt64, at slot: Int, rehashing hashOf: (Int) -> UInt64) {
    precondition(slots[slot] == 0 && entry >= 0 && entry < Int(UInt32.max), "an entry goes into an empty slot")
    slots[slot] = (hash & Self.tagMask) | UInt64(entry + 1)
    occupied += 1
    if occupied * 2 > slots.count { grow(rehashing: hashOf) }
  }

  @usableFromInline mutating func grow(rehashing hashOf: (Int) -> UInt64) {
    var bigger = [UInt64](repeating: 0, count: slots.count * 2)
    let mask = bigger.count - 1
    for content in slots where content != 0 {
      var slot = Int(truncatingIfNeeded: hashOf(Int(content & 0xFFFF_FFFF) - 1)) & mask
      while bigger[slot] != 0 { slot = (slot + 1) & mask }
      bigger[slot] = content
    }
    slots = bigger
  }

  /// The same table with each entry `n` renamed `newNumbers[n]`, without rehashing.
  ///
  /// - Complexity: O(*s*), where *s* is the number of slots.
  public func renumbered(_ newNumbers: [Int32]) -> HashSlots {
    var result = self
    for (slot, content) in slots.enumerated() where content != 0 {
      let entry = Int(content & 0xFFFF_FFFF) - 1
      result.slots[slot] = (content & Self.tagMask) | UInt64(newNumbers[entry] + 1)
    }
    return result
  }
}
