import Testing
import _RetentionSupport
import _TestSupport

/// `ByteSet`, `ByteView.firstIndex(in:from:)` and `ByteView.elementsEqual(_:)`: the fast scans
/// agree with plain loops over arrays on random bytes.
struct ByteSetTests {
  private func randomBytes(_ generator: inout SplitMix64, count: Int, alphabet: [UInt8]) -> [UInt8] {
    (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
  }

  @Test(arguments: 0..<20 as Range<UInt64>)
  func firstIndexAgreesWithAPlainSearch(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let alphabet = Array("ab,\"\n\r".utf8) + [0, 0xFF]
    let bytes = randomBytes(&generator, count: Int(generator.next() % 200), alphabet: alphabet)
    let members = randomBytes(&generator, count: Int(generator.next() % 4), alphabet: alphabet)
    let set = ByteSet(members)
    for start in 0...bytes.count {
      let expected = bytes[start...].firstIndex { members.contains($0) } ?? bytes.count
      #expect(bytes.withByteView { $0.firstIndex(in: set, from: start) } == expected, "start \(start)")
    }
    for byte in 0...255 {
      #expect(set.contains(UInt8(byte)) == members.contains(UInt8(byte)))
    }
  }

  @Test(arguments: 0..<20 as Range<UInt64>)
  func elementsEqualAgreesWithArrayEquality(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    for _ in 0..<200 {
      // Short alphabets and lengths around 8, so that equal, almost equal (one byte differs, in
      // the words or in the tail) and differently long inputs all occur.
      let left = randomBytes(&generator, count: Int(generator.next() % 20), alphabet: [1, 2])
      var right = generator.next() % 2 == 0 ? left : randomBytes(&generator, count: Int(generator.next() % 20), alphabet: [1, 2])
      if !right.isEmpty && generator.next() % 3 == 0 { right[Int(generator.next() % UInt64(right.count))] ^= 3 }
      let fast = left.withByteView { leftView in right.withByteView { leftView.elementsEqual($0) } }
      #expect(fast == (left == right), "\(left) \(right)")
    }
  }

  @Test func arraysAppendViews() {
    var bytes: [UInt8] = [1]
    [UInt8]([2, 3, 4]).withByteView { bytes.append($0.extracting(1..<3)) }
    #expect(bytes == [1, 3, 4])
  }
}
