import Testing
import _TestSupport
import _RetentionSupport

/// `StringCache` against a dictionary: equal bytes give equal entries and their strings, long
/// values an entry each, trimming drops spaces and tabs at both ends.
struct StringCacheTests {
  @Test(arguments: 0..<6 as Range<UInt64>)
  func entriesNumberValuesLikeADictionary(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    var cache = StringCache()
    var entryOfValue: [String: Int32] = [:]
    var count = 0
    for _ in 0..<20_000 {
      let column = Int(generator.next() % 3)
      let isLong = generator.next() % 50 == 0
      let number = Int(generator.next() % 3_000)
      let value = isLong ? String(repeating: "long value \(number)", count: 10) : "v\(number)-ü"
      let padded = generator.next() % 4 == 0 ? " \t\(value) " : value
      let entry = UTF8Bytes.read(padded) { cache.entry($0, column: column, trimming: true) }
      #expect(cache.value(Int(entry)) == value)
      if isLong {
        #expect(entry == Int32(count))
        count += 1
      } else if let known = entryOfValue[value] {
        #expect(entry == known)
      } else {
        #expect(entry == Int32(count))
        entryOfValue[value] = entry
        count += 1
      }
    }
    #expect(cache.count == count)
  }
}
