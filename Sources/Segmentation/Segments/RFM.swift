import Foundation
import _RetentionSupport

/// Recency, frequency and monetary scores with named segments.
///
/// Each dimension is scored 1...*n* (quintiles by default; 5 is best: most recent, most orders,
/// most revenue). Scores come from ranks, so ties are deterministic: people are ranked from worst
/// to best value, equal values in profile order (the earlier profile gets the lower rank,
/// "rank first" in R's terms), and
/// rank *i* of *N* gets score ⌊*i* · *n* / *N*⌋ + 1. The thresholds returned with the result are,
/// per dimension, the largest value in each score band. Custom thresholds replace the n-tiles.
/// RFM's frequency counts all purchase orders (BTYD's counts repeat purchases only).
///
/// ```swift
/// let rfm = RFMAnalysis(profiles: profiles)
/// print(rfm.thresholds.recency, rfm.segmentSizes)
/// ```
public struct RFMAnalysis: Sendable, Hashable, Codable {
  /// The scores of one person.
  public struct Score: Sendable, Hashable, Codable {
    /// Recency score (n = most recent).
    public var recency: Int
    /// Frequency score (n = most orders).
    public var frequency: Int
    /// Monetary score (n = most revenue).
    public var monetary: Int
    /// The segment of the R `rfm` rules.
    public var segment: String
    /// The Shopify-style `rfm_group`.
    public var shopifyGroup: String
  }

  /// Per dimension, the largest value in each score band (ascending value).
  public struct Thresholds: Sendable, Hashable, Codable {
    /// Days since last order at the top of each band, for scores n, n−1, ..., 1 (recency is
    /// better when smaller).
    public var recency: [Double]
    /// Orders at the top of each band, for scores 1...n.
    public var frequency: [Double]
    /// Revenue at the top of each band, for scores 1...n.
    public var monetary: [Double]
  }

  /// Custom band boundaries: a value up to `boundaries[0]` scores 1 (for recency, n), and so on.
  public struct CustomThresholds: Sendable, Hashable, Codable {
    /// Increasing days-since-last-order boundaries (n − 1 of them).
    public var recency: [Double]
    /// Increasing order-count boundaries.
    public var frequency: [Double]
    /// Increasing revenue boundaries.
    public var monetary: [Double]

    /// Creates custom thresholds; each list needs the same number of increasing values.
    public init(recency: [Double], frequency: [Double], monetary: [Double]) {
      self.recency = recency
      self.frequency = frequency
      self.monetary = monetary
    }
  }

  /// A named segment as a box in score space (inclusive bounds).
  public struct NamedSegment: Sendable, Hashable, Codable {
    /// The name.
    public var name: String
    /// Recency score range.
    public var recency: ClosedRange<Int>
    /// Frequency score range.
    public var frequency: ClosedRange<Int>
    /// Monetary score range.
    public var monetary: ClosedRange<Int>

    /// Creates a segment.
    public init(_ name: String, recency: ClosedRange<Int>, frequency: ClosedRange<Int>, monetary: ClosedRange<Int>) {
      self.name = name
      self.recency = recency
      self.frequency = frequency
      self.monetary = monetary
    }
  }

  /// The default segments of the R `rfm` package (`rfm_segment` example, version 0.2), in
  /// first-match order; people matching none are `Others`.
  public static let rfmPackageSegments: [NamedSegment] = [
    .init("Champions", recency: 4...5, frequency: 4...5, monetary: 4...5),
    .init("Loyal Customers", recency: 2...5, frequency: 3...5, monetary: 3...5),
    .init("Potential Loyalist", recency: 3...5, frequency: 1...3, monetary: 1...3),
    .init("New Customers", recency: 4...5, frequency: 1...1, monetary: 1...1),
    .init("Promising", recency: 3...4, frequency: 1...1, monetary: 1...1),
    .init("Need Attention", recency: 2...3, frequency: 2...3, monetary: 2...3),
    .init("About To Sleep", recency: 2...3, frequency: 1...2, monetary: 1...2),
    .init("At Risk", recency: 1...2, frequency: 2...5, monetary: 2...5),
    .init("Can't Lose Them", recency: 1...1, frequency: 4...5, monetary: 4...5),
    .init("Lost", recency: 1...2, frequency: 1...2, monetary: 1...2),
  ]

  /// The scores, one per profile.
  public var scores: [Score]
  /// The thresholds used.
  public var thresholds: Thresholds
  /// The number of score bands.
  public var bands: Int
  /// People per R `rfm` segment (including `Others`).
  public var segmentSizes: [String: Int]
  /// People per Shopify-style group.
  public var shopifyGroupSizes: [String: Int]
  /// The share of people in a named segment (not `Others`).
  public var coverage: Double
  /// People who fit more than one named segment box (first match wins).
  public var overlapping: Int

  /// Scores every profile.
  ///
  /// - Parameters:
  ///   - profiles: The profiles.
  ///   - bands: The number of score bands (5 for quintiles).
  ///   - custom: Custom thresholds instead of n-tiles (each list with `bands − 1` values).
  ///   - segments: Named segments in first-match order; the R `rfm` defaults by default.
  /// - Throws: ``SegmentationError`` `.invalidArgument` for fewer than 2 bands or custom
  ///   thresholds of the wrong length.
  /// - Complexity: O(*n* log *n*).
  public init(
    profiles: CustomerProfiles, bands: Int = 5, custom: CustomThresholds? = nil,
    segments: [NamedSegment] = RFMAnalysis.rfmPackageSegments
  ) throws {
    guard bands >= 2 else { throw SegmentationError(.invalidArgument, reason: "RFM needs at least 2 bands") }
    if let custom, [custom.recency, custom.frequency, custom.monetary].contains(where: { $0.count != bands - 1 }) {
      throw SegmentationError(.invalidArgument, reason: "custom thresholds need \(bands - 1) boundaries per dimension")
    }
    let n = profiles.count
    let (recencyDays, frequency, monetary) = profiles.rfmColumns

    // Scores from fixed boundaries.
    func boundaryScores(_ values: [Double], _ boundaries: [Double], higherIsBetter: Bool) -> [Int32] {
      values.map { value in
        let band = boundaries.firstIndex { value <= $0 } ?? boundaries.count
        return Int32(higherIsBetter ? band + 1 : bands - band)
      }
    }
    let r: [Int32], f: [Int32], m: [Int32]
    if let custom {
      r = boundaryScores(recencyDays, custom.recency, higherIsBetter: false)
      f = boundaryScores(frequency, custom.frequency, higherIsBetter: true)
      m = boundaryScores(monetary, custom.monetary, higherIsBetter: true)
      thresholds = Thresholds(recency: custom.recency, frequency: custom.frequency, monetary: custom.monetary)
    } else {
      // Scores from ranks (ascending "goodness"; recency is better when smaller), equal values
      // in profile order.
      let (rs, rTops) = stableRankBands(recencyDays, descending: true, bands: bands)
      let (fs, fTops) = stableRankBands(frequency, descending: false, bands: bands)
      let (ms, mTops) = stableRankBands(monetary, descending: false, bands: bands)
      (r, f, m) = (rs, fs, ms)
      thresholds = Thresholds(recency: rTops, frequency: fTops, monetary: mTops)
    }
    self.bands = bands
    // Every person with the same three scores gets the same segment and group: work them out
    // once per score combination.
    struct Cell {
      var segment: Int
      var matches: Int
      var group: Int
    }
    let names = segments.map(\.name) + ["Others"]
    var cells: [Cell] = []
    // The cell of each combination: a flat table for the usual few bands, else a dictionary.
    let flat = bands <= 64
    var cellOfCombination = [Int32](repeating: -1, count: flat ? bands * bands * bands : 0)
    var cellOfLargeCombination: [Int: Int32] = [:]
    var segmentCounts = [Int](repeating: 0, count: names.count)
    var groupNames: [String] = []
    var groupCounts: [Int] = []
    var covered = 0, overlapping = 0
    var scores: [Score] = []
    scores.reserveCapacity(n)
    for index in 0..<n {
      let (recency, frequency, monetary) = (Int(r[index]), Int(f[index]), Int(m[index]))
      let combination = ((recency - 1) * bands + frequency - 1) * bands + monetary - 1
      var cellNumber = flat ? cellOfCombination[combination] : cellOfLargeCombination[combination] ?? -1
      if cellNumber < 0 {
        let matching = segments.indices.filter {
          segments[$0].recency.contains(recency) && segments[$0].frequency.contains(frequency)
            && segments[$0].monetary.contains(monetary)
        }
        let group = Self.shopifyGroup(recency: recency, frequency: frequency, monetary: monetary, bands: bands)
        if !groupNames.contains(group) {
          groupNames.append(group)
          groupCounts.append(0)
        }
        cellNumber = Int32(cells.count)
        cells.append(Cell(segment: matching.first ?? segments.count, matches: matching.count, group: groupNames.firstIndex(of: group)!))
        if flat { cellOfCombination[combination] = cellNumber } else { cellOfLargeCombination[combination] = cellNumber }
      }
      let cell = cells[Int(cellNumber)]
      if cell.matches > 0 { covered += 1 }
      if cell.matches > 1 { overlapping += 1 }
      segmentCounts[cell.segment] += 1
      groupCounts[cell.group] += 1
      scores.append(
        Score(recency: recency, frequency: frequency, monetary: monetary, segment: names[cell.segment], shopifyGroup: groupNames[cell.group]))
    }
    var sizes: [String: Int] = [:]
    for (segment, count) in segmentCounts.enumerated() where count > 0 { sizes[names[segment], default: 0] += count }
    let groups = Dictionary(uniqueKeysWithValues: zip(groupNames, groupCounts))
    self.scores = scores
    segmentSizes = sizes
    shopifyGroupSizes = groups
    coverage = n > 0 ? Double(covered) / Double(n) : 0
    self.overlapping = overlapping
  }

  /// Shopify's 11 `rfm_group`s (Shopify Admin API `CustomerRfmGroup`), which Shopify describes in
  /// words only; SecondSale maps them onto the recency score R and the mean FM of the frequency
  /// and monetary scores (rescaled to 1...5) as follows:
  /// R 5: FM ≥ 4 CHAMPIONS, 3 ACTIVE, 2 PROMISING, 1 NEW; R 4: FM ≥ 4 LOYAL, 3 ACTIVE, ≤ 2
  /// PROMISING; R 3: FM ≥ 2 NEEDS_ATTENTION, 1 ALMOST_LOST; R ≤ 2: FM 5 PREVIOUSLY_LOYAL, 3-4
  /// AT_RISK, ≤ 2 ALMOST_LOST (R 2) or DORMANT (R 1). PROSPECTS (no orders) has no profile.
  public static func shopifyGroup(recency: Int, frequency: Int, monetary: Int, bands: Int = 5) -> String {
    func scale(_ score: Int) -> Double { 1 + Double(score - 1) * 4 / Double(Swift.max(bands - 1, 1)) }
    let r = Int(scale(recency).rounded())
    let fm = Int(((scale(frequency) + scale(monetary)) / 2).rounded())
    switch r {
    case 5: return fm >= 4 ? "CHAMPIONS" : fm == 3 ? "ACTIVE" : fm == 2 ? "PROMISING" : "NEW"
    case 4: return fm >= 4 ? "LOYAL" : fm == 3 ? "ACTIVE" : "PROMISING"
    case 3: return fm >= 2 ? "NEEDS_ATTENTION" : "ALMOST_LOST"
    default:
      if fm == 5 { return "PREVIOUSLY_LOYAL" }
      if fm >= 3 { return "AT_RISK" }
      return r == 2 ? "ALMOST_LOST" : "DORMANT"
    }
  }
}

/// An RFM segment as a ``Segment``: the people the analysis put in a named segment.
public struct RFMSegment: Segment {
  /// The analysis (computed on the same profiles).
  public var analysis: RFMAnalysis
  /// The segment name (an R `rfm` name, or a Shopify group).
  public var segment: String
  /// Creates the segment.
  public init(_ segment: String, of analysis: RFMAnalysis) {
    self.segment = segment
    self.analysis = analysis
  }
  /// `RFM: Champions`.
  public var name: String { "RFM: \(segment)" }
  /// Members: people whose segment or group is the name.
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    analysis.scores.map { score in
      score.segment == segment || score.shopifyGroup == segment
        ? "RFM \(score.recency)\(score.frequency)\(score.monetary)" : nil
    }
  }
}
