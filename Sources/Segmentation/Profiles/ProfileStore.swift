import Foundation

/// The columnar storage of ``CustomerProfiles``, shared by the profiles read from it: each
/// profile's numbers in one record without references, its lists of strings as numbers into one
/// table per list field, its id in the resolution's ``PersonIDs``, its company, email and name
/// in the log's customer references.
///
/// Immutable: attaching a score makes a new store that shares the other columns.
final class ProfileStore: Sendable {
  /// The numbers of one profile (everything but its id and lists).
  struct Figures: Sendable {
    var orders: Int
    var daysSinceLastOrder: Int
    var daysSinceFirstOrder: Int
    var revenue: Double
    var averageOrderValue: Double
    var firstOrder: Double
    var lastOrder: Double
    /// NaN for "fewer than two orders".
    var medianInterval: Double
    var largestLineQuantity: Double
    var largestRelativeQuantity: Double
    /// The references the latest company, email and name come from, or -1.
    var company: Int32
    var email: Int32
    var name: Int32
    /// -1 unknown, 0 no, 1 yes.
    var marketing: Int8
  }

  // One entry per profile in each of these.
  let idTable: PersonIDs
  let idIndices: [Int32]
  let figures: [Figures]
  /// Company, email and name are read from these references (``Figures`` holds the index of
  /// the reference each comes from).
  let references: OrderLog.CustomerReferences
  let categoryLists: StringLists
  let productLists: StringLists
  let tagLists: StringLists
  let channelLists: StringLists
  let scoreColumns: [String: [Double?]]

  init(
    idTable: PersonIDs, idIndices: [Int32], figures: [Figures], references: OrderLog.CustomerReferences,
    categoryLists: StringLists,
    productLists: StringLists, tagLists: StringLists, channelLists: StringLists, scoreColumns: [String: [Double?]]
  ) {
    self.idTable = idTable
    self.idIndices = idIndices
    self.figures = figures
    self.references = references
    self.categoryLists = categoryLists
    self.productLists = productLists
    self.tagLists = tagLists
    self.channelLists = channelLists
    self.scoreColumns = scoreColumns
  }

  /// The same profiles with other score columns.
  func replacingScores(_ scoreColumns: [String: [Double?]]) -> ProfileStore {
    ProfileStore(
      idTable: idTable, idIndices: idIndices, figures: figures, references: references, categoryLists: categoryLists,
      productLists: productLists, tagLists: tagLists, channelLists: channelLists, scoreColumns: scoreColumns)
  }

  var count: Int { idIndices.count }

  func id(at position: Int) -> String { idTable[Int(idIndices[position])] }

  func medianIntervalDays(at position: Int) -> Double? {
    let interval = figures[position].medianInterval
    return interval.isNaN ? nil : interval
  }

  func company(at position: Int) -> String? {
    let reference = figures[position].company
    return reference < 0 ? nil : references[Int(reference)].company
  }

  func email(at position: Int) -> String? {
    let reference = figures[position].email
    return reference < 0 ? nil : references[Int(reference)].email
  }

  func name(at position: Int) -> String? {
    let reference = figures[position].name
    return reference < 0 ? nil : references[Int(reference)].name
  }

  func acceptsMarketing(at position: Int) -> Bool? {
    let consent = figures[position].marketing
    return consent < 0 ? nil : consent == 1
  }

  func score(_ name: String, at position: Int) -> Double? { scoreColumns[name]?[position] ?? nil }

  func scores(at position: Int) -> [String: Double] {
    var scores: [String: Double] = [:]
    for (name, column) in scoreColumns {
      if let value = column[position] { scores[name] = value }
    }
    return scores
  }

  /// The profile at a position as plain values.
  ///
  /// - Complexity: O(*k*), where *k* is the number of list entries and scores of the profile.
  func values(at position: Int) -> CustomerProfile.Values {
    let figures = figures[position]
    return CustomerProfile.Values(
      id: id(at: position), orders: figures.orders, revenue: figures.revenue,
      averageOrderValue: figures.averageOrderValue,
      firstOrder: Date(timeIntervalSince1970: figures.firstOrder),
      lastOrder: Date(timeIntervalSince1970: figures.lastOrder),
      daysSinceLastOrder: figures.daysSinceLastOrder, daysSinceFirstOrder: figures.daysSinceFirstOrder,
      medianIntervalDays: medianIntervalDays(at: position), categories: categoryLists[position],
      products: productLists[position], largestLineQuantity: figures.largestLineQuantity,
      largestRelativeQuantity: figures.largestRelativeQuantity, company: company(at: position),
      tags: tagLists[position],
      channels: channelLists[position], acceptsMarketing: acceptsMarketing(at: position), email: email(at: position),
      name: name(at: position), scores: scores(at: position))
  }
}
