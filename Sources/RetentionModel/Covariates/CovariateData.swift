/// Customers' (x, t_x, T) with their covariates, compressed by covariate profile: the data of a
/// covariate fit.
///
/// Customers with equal covariate values (a profile) share their individual parameters, so the
/// likelihood runs over each profile's unique (x, t_x, T) triples with counts. With categorical
/// covariates there are few profiles and the fit costs little more than one without
/// covariates; a continuous covariate gives up to one profile per customer.
///
/// ```swift
/// let data = try CovariateData(summaries, covariates: covariates)
/// let fit = try ParetoNBDModel.fit(data)
/// ```
public struct CovariateData: Sendable, Hashable, Codable {
  /// The covariate columns.
  public let covariateNames: [String]
  /// The blocks of columns tested together.
  public let blocks: [StaticCovariates.Block]
  /// The distinct covariate rows (profiles).
  public let profiles: [[Double]]
  /// The triples of each profile's customers, in ``profiles`` order.
  public let triples: [FrequencyRecencyData]
  /// The unit of t_x and T.
  public let unit: TimeUnit
  /// Covariate rows whose customer is not among the summarised customers (for example customers
  /// whose first purchase came after the calibration end); they take no part in the fit.
  public let unmatchedCovariateRows: Int

  /// Creates data from per-customer columns.
  ///
  /// - Parameters:
  ///   - frequency: x per customer.
  ///   - recency: t_x per customer, in `unit`.
  ///   - age: T per customer, in `unit`.
  ///   - covariates: The covariate row of each customer, each with one finite value per name.
  ///   - covariateNames: The column names.
  ///   - blocks: The blocks; `nil` for one per column.
  ///   - unit: The unit of t_x and T.
  /// - Throws: ``RetentionModelError`` `.invalidArgument` for columns of unequal lengths or bad
  ///   names or blocks, `.invalidData` for a covariate row of the wrong length or a non-finite
  ///   value, `.emptyData` without customers.
  /// - Complexity: O(*n* · *k* + *u* log *u*), for *n* customers, *k* columns and *u* unique
  ///   rows.
  public init(
    frequency: [Double], recency: [Double], age: [Double], covariates: [[Double]], covariateNames: [String],
    blocks: [StaticCovariates.Block]? = nil, unit: TimeUnit
  ) throws {
    guard [recency.count, age.count, covariates.count].allSatisfy({ $0 == frequency.count }) else {
      throw RetentionModelError(
        .invalidArgument,
        reason:
          "unequal columns: \(frequency.count) x, \(recency.count) t_x, \(age.count) T, \(covariates.count) covariate rows"
      )
    }
    let table = try StaticCovariates(
      columnNames: covariateNames, customerIDs: frequency.indices.map(String.init), rows: covariates, blocks: blocks)
    try self.init(
      frequency: frequency, recency: recency, age: age, rows: covariates, covariates: table, unit: unit, unmatched: 0)
  }

  /// Creates data from triples already grouped by covariate profile.
  ///
  /// For triples summarised per profile elsewhere (a query grouped by the covariates, or
  /// customers simulated per profile): no per-customer covariate rows are built. The result
  /// equals that of ``init(frequency:recency:age:covariates:covariateNames:blocks:unit:)`` on
  /// the same customers.
  ///
  /// ```swift
  /// let data = try CovariateData(
  ///   profiles: [[0], [1]], triples: [controlTriples, treatedTriples], covariateNames: ["treated"])
  /// ```
  ///
  /// - Parameters:
  ///   - profiles: The distinct covariate rows, each with one finite value per name.
  ///   - triples: Each profile's customers, all in one unit.
  ///   - covariateNames: The column names.
  ///   - blocks: The blocks; `nil` for one per column.
  /// - Throws: ``RetentionModelError`` `.invalidArgument` for unequal counts of profiles and
  ///   triples, triples in different units or bad names or blocks; `.invalidData` for a
  ///   repeated profile, a profile of the wrong length or a non-finite value; `.emptyData`
  ///   without customers.
  /// - Complexity: O(*P* · *k* + *P* log *P*), for *P* profiles and *k* columns.
  public init(
    profiles: [[Double]], triples: [FrequencyRecencyData], covariateNames: [String],
    blocks: [StaticCovariates.Block]? = nil
  ) throws {
    guard profiles.count == triples.count else {
      throw RetentionModelError(
        .invalidArgument, reason: "\(profiles.count) covariate profiles for \(triples.count) sets of triples")
    }
    guard let unit = triples.first?.unit, triples.allSatisfy({ $0.unit == unit }) else {
      throw RetentionModelError(
        triples.isEmpty ? .emptyData : .invalidArgument,
        reason: triples.isEmpty ? "no customers to fit on" : "the profiles' triples are in different units")
    }
    let keys = profiles.map { $0.map { $0 + 0 } }
    let table = try StaticCovariates(
      columnNames: covariateNames, customerIDs: keys.indices.map { "profile \($0)" }, rows: keys, blocks: blocks)
    if let repeated = Dictionary(keys.enumerated().map { ($1, [$0]) }, uniquingKeysWith: +).values
      .first(where: { $0.count > 1 })?.sorted()
    {
      throw RetentionModelError(
        .invalidData, row: repeated[1], reason: "covariate profile \(repeated[1]) repeats profile \(repeated[0])")
    }
    guard triples.contains(where: { $0.customerCount > 0 }) else {
      throw RetentionModelError(.emptyData, reason: "no customers to fit on")
    }
    let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
    self.profiles = order.map { keys[$0] }
    self.triples = order.map { triples[$0] }
    self.covariateNames = table.columnNames
    self.blocks = table.blocks
    self.unit = unit
    self.unmatchedCovariateRows = 0
  }

  /// Matches customer summaries with their covariates.
  ///
  /// Every summarised customer needs a covariate row: a customer without one is an error (the
  /// fit would otherwise run on a silently smaller or biased set of customers). Rows of
  /// customers who are not summarised are counted in ``unmatchedCovariateRows``.
  ///
  /// - Parameters:
  ///   - summaries: The customers' calibration summaries.
  ///   - covariates: One row per customer.
  /// - Throws: ``RetentionModelError`` `.invalidData` when summarised customers have no covariate
  ///   row (with their number and the first of them), `.emptyData` without customers.
  /// - Complexity: O(*n* · *k* + *u* log *u*), for *n* customers, *k* columns and *u* unique
  ///   rows.
  public init(_ summaries: CustomerSummaries, covariates: StaticCovariates) throws {
    var rowOfCustomer: [String: Int] = [:]
    rowOfCustomer.reserveCapacity(covariates.customerCount)
    for (row, customer) in covariates.customerIDs.enumerated() { rowOfCustomer[customer] = row }
    var rows: [[Double]] = []
    rows.reserveCapacity(summaries.count)
    var missing: [String] = []
    for customer in summaries.customerIDs {
      if let row = rowOfCustomer[customer] {
        rows.append(covariates.rows[row])
      } else {
        missing.append(customer)
      }
    }
    if let first = missing.first {
      throw RetentionModelError(
        .invalidData,
        reason:
          "\(missing.count) of \(summaries.count) customers have no covariate row (the first is '\(first)'); every customer of the fit needs one"
      )
    }
    try self.init(
      frequency: summaries.frequency, recency: summaries.recency, age: summaries.age, rows: rows,
      covariates: covariates, unit: summaries.options.unit, unmatched: covariates.customerCount - summaries.count)
  }

  private init(
    frequency: [Double], recency: [Double], age: [Double], rows: [[Double]], covariates: StaticCovariates,
    unit: TimeUnit, unmatched: Int
  ) throws {
    guard !frequency.isEmpty else { throw RetentionModelError(.emptyData, reason: "no customers to fit on") }
    var profileOfRow: [[Double]: Int] = [:]
    var profiles: [[Double]] = []
    var members: [[Int]] = []
    for (customer, row) in rows.enumerated() {
      // +0 folds -0.0 into 0.0, so that both land in one profile.
      let key = row.map { $0 + 0 }
      if let profile = profileOfRow[key] {
        members[profile].append(customer)
      } else {
        profileOfRow[key] = profiles.count
        profiles.append(key)
        members.append([customer])
      }
    }
    // Profiles in lexicographic order, so that equal data give equal values.
    let order = profiles.indices.sorted { profiles[$0].lexicographicallyPrecedes(profiles[$1]) }
    self.profiles = order.map { profiles[$0] }
    self.triples = order.map { profile in
      let customers = members[profile]
      return FrequencyRecencyData(
        frequency: customers.map { frequency[$0] }, recency: customers.map { recency[$0] },
        age: customers.map { age[$0] }, unit: unit)
    }
    self.covariateNames = covariates.columnNames
    self.blocks = covariates.blocks
    self.unit = unit
    self.unmatchedCovariateRows = unmatched
  }

  /// The number of customers.
  public var customerCount: Double { triples.reduce(0) { $0 + $1.customerCount } }

  /// The number of unique (x, t_x, T, covariates) rows the likelihood sums over.
  public var uniqueRowCount: Int { triples.reduce(0) { $0 + $1.uniqueCount } }

  /// All customers' triples without their covariates: the data of the model without covariates.
  ///
  /// - Complexity: O(*u* log *u*), where *u* is the number of unique rows.
  public var pooled: FrequencyRecencyData {
    FrequencyRecencyData(
      frequency: triples.flatMap(\.frequency), recency: triples.flatMap(\.recency), age: triples.flatMap(\.age),
      unit: unit, count: triples.flatMap(\.count))
  }
}
