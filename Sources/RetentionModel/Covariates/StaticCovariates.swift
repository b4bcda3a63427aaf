/// Time-invariant covariates of customers: named numeric columns, one row per customer.
///
/// The covariates of a covariate fit (``ParetoNBDModel/fit(_:options:testsBlocks:)``,
/// ``BGNBDModel/fit(_:options:testsBlocks:)``): a numeric column per effect, such as a 0/1
/// dummy for "the first order came through Instagram". Columns are grouped in ``Block``s, the
/// sets tested together by a likelihood-ratio test: the dummies of one categorical field (all
/// levels but the reference) form one block, a numeric column is a block of its own.
///
/// ```swift
/// let covariates = try StaticCovariates(
///   columnNames: ["newsletter"], customerIDs: ["c1", "c2"], rows: [[1], [0]])
/// ```
///
/// Build them from a CSV file (``init(csv:)``) or from customers' first orders
/// (``firstOrder(of:attributes:minimumCustomersPerLevel:)``).
public struct StaticCovariates: Sendable, Hashable, Codable {
  /// A set of columns tested together: the dummies of one categorical field, or one numeric
  /// column.
  public struct Block: Sendable, Hashable, Codable {
    /// The block's name: the field (`source`) or the column.
    public var name: String
    /// The names of the block's columns, in ``StaticCovariates/columnNames`` order.
    public var columns: [String]
    /// For a categorical field, the level every dummy is measured against (its customers have 0
    /// in every column of the block); `nil` for a numeric column.
    public var referenceLevel: String?

    /// Creates a block.
    ///
    /// - Parameters:
    ///   - name: The block's name.
    ///   - columns: Its columns.
    ///   - referenceLevel: The reference level of a categorical field, or `nil`.
    public init(name: String, columns: [String], referenceLevel: String? = nil) {
      self.name = name
      self.columns = columns
      self.referenceLevel = referenceLevel
    }
  }

  /// The column names, in the order of every row.
  public let columnNames: [String]
  /// The blocks: every column belongs to exactly one.
  public let blocks: [Block]
  /// The customer of each row.
  public let customerIDs: [String]
  /// The rows, one per customer, each with one value per column.
  public let rows: [[Double]]

  /// Creates covariates from rows.
  ///
  /// - Parameters:
  ///   - columnNames: Distinct, non-empty column names.
  ///   - customerIDs: Distinct customer ids, one per row.
  ///   - rows: One row per customer, each with one finite value per column.
  ///   - blocks: The blocks, covering every column exactly once; `nil` for one block per column.
  /// - Throws: ``RetentionModelError`` `.invalidArgument` for an empty, repeated or unknown
  ///   column name or blocks that do not cover every column once; `.invalidData` with the row
  ///   (0-based) for a repeated customer, a row of the wrong length or a non-finite value.
  /// - Complexity: O(*n* · *k*), for *n* rows and *k* columns.
  public init(columnNames: [String], customerIDs: [String], rows: [[Double]], blocks: [Block]? = nil) throws {
    guard !columnNames.isEmpty else {
      throw RetentionModelError(.invalidArgument, reason: "covariates need at least one column")
    }
    var seenColumns: Set<String> = []
    for name in columnNames {
      guard !name.isEmpty else { throw RetentionModelError(.invalidArgument, reason: "a covariate column has no name") }
      guard seenColumns.insert(name).inserted else {
        throw RetentionModelError(.invalidArgument, reason: "covariate column '\(name)' appears twice")
      }
    }
    let blocks = blocks ?? columnNames.map { Block(name: $0, columns: [$0]) }
    var covered: [String: Int] = [:]
    for block in blocks {
      for column in block.columns {
        guard seenColumns.contains(column) else {
          throw RetentionModelError(.invalidArgument, reason: "block '\(block.name)' names unknown column '\(column)'")
        }
        covered[column, default: 0] += 1
      }
    }
    for name in columnNames where covered[name] != 1 {
      throw RetentionModelError(
        .invalidArgument, reason: "column '\(name)' is in \(covered[name] ?? 0) blocks; every column needs exactly one")
    }
    guard customerIDs.count == rows.count else {
      throw RetentionModelError(
        .invalidArgument, reason: "\(customerIDs.count) customer ids for \(rows.count) covariate rows")
    }
    var firstRow: [String: Int] = [:]
    for (index, (customer, row)) in zip(customerIDs, rows).enumerated() {
      if let earlier = firstRow.updateValue(index, forKey: customer) {
        throw RetentionModelError(
          .invalidData, row: index,
          reason: "customer '\(customer)' has a second covariate row (first at row \(earlier))")
      }
      guard row.count == columnNames.count else {
        throw RetentionModelError(
          .invalidData, row: index, reason: "\(row.count) covariate values for \(columnNames.count) columns")
      }
      if let column = row.firstIndex(where: { !$0.isFinite }) {
        throw RetentionModelError(
          .invalidData, row: index,
          reason: "covariate '\(columnNames[column])' of customer '\(customer)' is \(row[column])")
      }
    }
    self.columnNames = columnNames
    self.blocks = blocks
    self.customerIDs = customerIDs
    self.rows = rows
  }

  /// The number of customers (rows).
  public var customerCount: Int { rows.count }
}
