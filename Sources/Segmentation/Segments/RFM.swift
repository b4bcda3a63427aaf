import Foundation
import _RetentionSupport

/// Recency, frequency and monetary scores with named segments.
///
/// Each dimension is scored 1...*n* (quintiles by default; *n* is best: most recent, most
/// orders, most revenue). The values of a dimension are ranked from smallest to largest, and
/// rank *i* of *N* (from 0) falls in band ⌊*i* · *n* / *N*⌋ + 1; people with equal values share
/// the band of the first of them, so a score depends on the value alone. Frequency and monetary
/// value score their band; recency, where fewer days since the last order is better, scores
/// *n* + 1 − band. The thresholds returned with the result are, per dimension, the largest value
/// in each band, in ascending order of value; a value falls in the band of the first threshold at
/// or above it, so passing the thresholds back as ``CustomThresholds`` (``CustomThresholds/init(_:)``)
/// reproduces every score, and applies one month's cut to the next. RFM's frequency counts all
/// purchase orders (BTYD's counts repeat purchases only).
///
/// ```swift
/// let rfm = try RFMAnalysis(profiles: profiles)
/// print(rfm.thresholds.recency, rfm.segmentSizes)
/// let nextMonth = try RFMAnalysis(profiles: laterProfiles, custom: .init(rfm.thresholds))
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

  /// Per dimension, the largest value in each score band, in ascending order of value: *n*
  /// values, or none when there are no profiles.
  ///
  /// A band without people (when many people share a value, or there are fewer people than
  /// bands) repeats the threshold below it, so each list never decreases. With custom
  /// thresholds, the lists are the custom boundaries followed by the largest value of the best
  /// band (the last boundary when no value is above it).
  public struct Thresholds: Sendable, Hashable, Codable {
    /// Days since the last order at the top of each band, for scores n, n−1, ..., 1 (recency is
    /// better when smaller).
    public var recency: [Double]
    /// Orders at the top of each band, for scores 1...n.
    public var frequency: [Double]
    /// Revenue at the top of each band, for scores 1...n.
    public var monetary: [Double]
  }

  /// Custom band boundaries: a value up to `boundaries[0]` scores 1 (for recency, n), a value
  /// above it and up to `boundaries[1]` scores 2 (for recency, n − 1), and so on; a value above
  /// the last boundary scores n (for recency, 1).
  public struct CustomThresholds: Sendable, Hashable, Codable {
    /// Non-decreasing days-since-last-order boundaries (n − 1 of them).
    public var recency: [Double]
    /// Non-decreasing order-count boundaries.
    public var frequency: [Double]
    /// Non-decreasing revenue boundaries.
    public var monetary: [Double]

    /// Creates custom thresholds; each list needs n − 1 non-decreasing values (a value repeated
    /// leaves a band empty).
    ///
    /// - Parameters:
    ///   - recency: Days-since-last-order boundaries, for scores n, n − 1, ..., 2.
    ///   - frequency: Order-count boundaries, for scores 1...n − 1.
    ///   - monetary: Revenue boundaries, for scores 1...n − 1.
    public init(recency: [Double], frequency: [Double], monetary: [Double]) {
      self.recency = recency
      self.frequency = frequency
      self.monetary = monetary
    }

    /// The boundaries of an earlier analysis: its thresholds without the top of the last band,
    /// so that the same profiles get the same scores and later profiles the same cut.
    ///
    /// ```swift
    /// let june = try RFMAnalysis(profiles: juneProfiles)
    /// let july = try RFMAnalysis(profiles: julyProfiles, custom: .init(june.thresholds))
    /// ```
    ///
    /// - Parameter thresholds: The thresholds of an analysis with the same number of bands.
    public init(_ thresholds: Thresholds) {
      self.init(
        recency: Array(thresholds.recency.dropLast()), frequency: Array(thresholds.frequency.dropLast()),
        monetary: Array(thresholds.monetary.dropLast()))
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
  /// - Throws: ``SegmentationError`` `.invalidArgument` for fewer than 2 bands, or custom
  ///   thresholds of the wrong length, decreasing, or not numbers.
  /// - Complexity: O(*n* · *b*) for *n* profiles and *b* bands, plus sorting the values near
  ///   the band cuts.
  public init(
    profiles: CustomerProfiles, bands: Int = 5, custom: CustomThresholds? = nil,
    segments: [NamedSegment] = RFMAnalysis.rfmPackageSegments
  ) throws {
    guard bands >= 2 else { throw SegmentationError(.invalidArgument, reason: "RFM needs at least 2 bands") }
    if let custom {
      for (name, boundaries) in [
        ("recency", custom.recency), ("frequency", custom.frequency), ("monetary", custom.monetary),
      ] {
        guard boundaries.count == bands - 1 else {
          throw SegmentationError(
            .invalidArgument,
            reason: "custom \(name) thresholds: \(boundaries.count) boundaries, \(bands) bands need \(bands - 1)")
        }
        guard !boundaries.contains(where: \.isNaN), zip(boundaries, boundaries.dropFirst()).allSatisfy({ $0 <= $1 })
        else {
          throw SegmentationError(
            .invalidArgument, reason: "custom \(name) thresholds \(boundaries) must be numbers that never decrease")
        }
      }
    }
    let n = profiles.count
    let (recencyDays, frequency, monetary) = profiles.rfmColumns

    // Scores from boundaries: a value scores the band of the first boundary at or above it.
    func boundaryScores(_ values: [Double], _ boundaries: ArraySlice<Double>, higherIsBetter: Bool) -> [Int32] {
      let boundaries = Array(boundaries)
      var scores = [Int32](repeating: 0, count: values.count)
      for (index, value) in values.enumerated() {
        var band = 0
        while band < boundaries.count && !(value <= boundaries[band]) { band += 1 }
        scores[index] = Int32(higherIsBetter ? band + 1 : bands - band)
      }
      return scores
    }
    // The thresholds: custom boundaries with the top of the best band, or the n-tiles.
    func bandThresholds(_ values: [Double], custom boundaries: [Double]?) -> [Double] {
      if let boundaries {
        let top = values.filter { !$0.isNaN }.max() ?? -.infinity
        return boundaries + [Swift.max(top, boundaries.last ?? top)]
      }
      return Self.bandTops(values, bands: bands)
    }
    let tops = (
      recency: bandThresholds(recencyDays, custom: custom?.recency),
      frequency: bandThresholds(frequency, custom: custom?.frequency),
      monetary: bandThresholds(monetary, custom: custom?.monetary)
    )
    thresholds = Thresholds(recency: tops.recency, frequency: tops.frequency, monetary: tops.monetary)
    let r = boundaryScores(recencyDays, tops.recency.dropLast(), higherIsBetter: false)
    let f = boundaryScores(frequency, tops.frequency.dropLast(), higherIsBetter: true)
    let m = boundaryScores(monetary, tops.monetary.dropLast(), higherIsBetter: true)
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
        cells.append(
          Cell(
            segment: matching.first ?? segments.count, matches: matching.count, group: groupNames.firstIndex(of: group)!
          ))
        if flat {
          cellOfCombination[combination] = cellNumber
        } else {
          cellOfLargeCombination[combination] = cellNumber
        }
      }
      let cell = cells[Int(cellNumber)]
      if cell.matches > 0 { covered += 1 }
      if cell.matches > 1 { overlapping += 1 }
      segmentCounts[cell.segment] += 1
      groupCounts[cell.group] += 1
      scores.append(
        Score(
          recency: recency, frequency: frequency, monetary: monetary, segment: names[cell.segment],
          shopifyGroup: groupNames[cell.group]))
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

  /// The largest value in each of `bands` equal parts of the values ranked from smallest to
  /// largest (rank *i* of *N*, from 0, in part ⌊*i* · `bands` / *N*⌋ + 1), an empty part
  /// repeating the value below it; none for no values.
  private static func bandTops(_ values: [Double], bands: Int) -> [Double] {
    guard !values.isEmpty else { return [] }
    var tops = stableRankBands(values, descending: false, bands: bands).tops
    for band in tops.indices where tops[band].isNaN { tops[band] = band > 0 ? tops[band - 1] : -.infinity }
    return tops
  }

  /// The Shopify `rfm_group` of a recency, frequency and monetary score.
  ///
  /// Shopify describes its 11 groups (Shopify Admin API `CustomerRfmGroup`) in words only;
  /// SecondSale maps them onto the recency score R and the mean FM of the frequency and monetary
  /// scores (rescaled to 1...5) as follows:
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
