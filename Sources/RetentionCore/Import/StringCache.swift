import Foundation
import _RetentionSupport

/// Reuses the `String` of a field value seen before, so repeated ids and names are decoded and
/// allocated once: an open-addressing table keyed by the bytes (FNV-1a), plus the last value of
/// each column, since consecutive rows of one order repeat most fields.
struct StringCache {
  private var arena: [UInt8] = []
  private var slots: [Int32]
  private var entryStart: [Int] = []
  private var entryLength: [Int] = []
  private var entryHash: [UInt64] = []
  private var strings: [String] = []
  private var lastEntry: [Int] = []
  private var uncachedCount = 0

  init() {
    slots = [Int32](repeating: -1, count: 1 << 12)
  }

  /// The number of distinct values seen (entries are `0..<count`).
  var count: Int { strings.count }

  /// The string of an entry.
  func value(_ entry: Int) -> String { strings[entry] }

  mutating func string(_ record: CSVRecord, _ column: Int, trimming: Bool = false) -> String {
    strings[Int(entry(record, column, trimming: trimming))]
  }

  /// The entry of a field's bytes (optionally trimmed of spaces and tabs), added if new.
  mutating func entry(_ record: CSVRecord, _ column: Int, trimming: Bool = false) -> Int32 {
    record.withBytes(at: column) { raw in
      var bytes = raw
      if trimming {
        var start = 0, end = raw.count
        while start < end && (raw[start] == 0x20 || raw[start] == 0x09) { start += 1 }
        while end > start && (raw[end - 1] == 0x20 || raw[end - 1] == 0x09) { end -= 1 }
        bytes = raw.extracting(start..<end)
      }
      return entry(bytes, column: column)
    }
  }

  /// The cached string of some bytes; `column` keys the last-value shortcut.
  mutating func string(_ bytes: ByteView, column: Int) -> String {
    strings[Int(entry(bytes, column: column))]
  }

  /// The entry of some bytes, added if new; `column` keys the last-value shortcut. Values longer
  /// than 96 bytes are not looked up: each gets an entry of its own.
  mutating func entry(_ bytes: ByteView, column: Int) -> Int32 {
    if bytes.count > 96 {
      strings.append(bytes.string)
      uncachedCount += 1
      entryStart.append(0)
      entryLength.append(-1)
      entryHash.append(0)
      return Int32(strings.count - 1)
    }
    while lastEntry.count <= column { lastEntry.append(-1) }
    let last = lastEntry[column]
    if last >= 0 && matches(last, bytes) { return Int32(last) }
    let hash = ByteHash.hash(bytes)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while true {
      let entry = Int(slots[slot])
      if entry < 0 { break }
      if entryHash[entry] == hash && matches(entry, bytes) {
        lastEntry[column] = entry
        return Int32(entry)
      }
      slot = (slot + 1) & mask
    }
    let entry = strings.count
    entryStart.append(arena.count)
    entryLength.append(bytes.count)
    entryHash.append(hash)
    arena.append(bytes)
    strings.append(bytes.string)
    slots[slot] = Int32(entry)
    lastEntry[column] = entry
    if (strings.count - uncachedCount) * 2 > slots.count { grow() }
    return Int32(entry)
  }

  private func matches(_ entry: Int, _ bytes: ByteView) -> Bool {
    let length = entryLength[entry]
    guard length == bytes.count else { return false }
    if length == 0 { return true }
    let start = entryStart[entry]
    return arena.withByteView { $0.extracting(start..<(start + length)).elementsEqual(bytes) }
  }

  private mutating func grow() {
    var bigger = [Int32](repeating: -1, count: slots.count * 2)
    let mask = bigger.count - 1
    for entry in strings.indices where entryLength[entry] >= 0 {
      let hash = entryHash[entry]
      var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
      while bigger[slot] >= 0 { slot = (slot + 1) & mask }
      bigger[slot] = Int32(entry)
    }
    slots = bigger
  }
}
