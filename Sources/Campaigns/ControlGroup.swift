/// Which people a flow holds out: a stable hash of the person and the flow decides, so that a
/// person stays in (or out of) a flow's control group across runs, machines and platforms.
///
/// The hash is 64-bit FNV-1a (Fowler, Noll and Vo; offset basis `0xcbf29ce484222325`, prime
/// `0x100000001b3`) of the UTF-8 bytes of the person id, a zero byte, and the UTF-8 bytes of the
/// flow name. Its top 53 bits, read as a fraction in `0..<1`
/// (`Double(hash >> 11) / 2^53`), put the person in the control group when they are below the
/// flow's ``Flow/controlShare``. Swift's `Hasher` is never used: it is seeded anew in every
/// process.
///
/// ```swift
/// let held = ControlGroup(share: 0.1).contains("p-17", flow: "abandoned-checkout")
/// ControlGroup.fraction(person: "p-17", flow: "abandoned-checkout")  // the same in every run
/// ```
public struct ControlGroup: Sendable, Hashable, Codable {
  /// The share of people held out, in `0...1`.
  public var share: Double

  /// Creates a control group.
  ///
  /// - Parameter share: The share of people held out, in `0...1`.
  public init(share: Double) {
    precondition((0...1).contains(share), "the control share lies in 0...1")
    self.share = share
  }

  /// Whether the person is held out of the flow.
  ///
  /// - Parameters:
  ///   - person: The person id.
  ///   - flow: The flow name.
  /// - Returns: `true` when the person's ``fraction(person:flow:)`` is below ``share``.
  /// - Complexity: O(*n*) for *n* bytes of the two names.
  public func contains(_ person: String, flow: String) -> Bool {
    share > 0 && Self.fraction(person: person, flow: flow) < share
  }

  /// The person's place in `0..<1` for the flow: the top 53 bits of ``hash(person:flow:)``
  /// divided by 2^53.
  ///
  /// - Parameters:
  ///   - person: The person id.
  ///   - flow: The flow name.
  /// - Complexity: O(*n*) for *n* bytes of the two names.
  public static func fraction(person: String, flow: String) -> Double {
    Double(hash(person: person, flow: flow) >> 11) / 9_007_199_254_740_992  // 2^53
  }

  /// The 64-bit FNV-1a hash of the UTF-8 bytes of `person`, a zero byte, and the UTF-8 bytes of
  /// `flow`.
  ///
  /// - Parameters:
  ///   - person: The person id.
  ///   - flow: The flow name.
  /// - Complexity: O(*n*) for *n* bytes of the two names.
  public static func hash(person: String, flow: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func add(_ byte: UInt8) {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    for byte in person.utf8 { add(byte) }
    add(0)
    for byte in flow.utf8 { add(byte) }
    return hash
  }
}
