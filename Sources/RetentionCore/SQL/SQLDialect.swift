/// The SQL dialect a query is written in.
///
/// The dialects differ in how identifiers are quoted, how bound parameters are written and which
/// date functions exist; ``SummaryQueries`` writes the same computation in each:
///
/// ```swift
/// let dialect = try SQLDialect(name: "bigquery")   // .bigQuery
/// ```
public enum SQLDialect: String, Sendable, Hashable, Codable, CaseIterable {
  /// PostgreSQL 12 or later: `"identifiers"`, parameters `$1`, `$2`, ...
  case postgreSQL = "postgres"
  /// Google BigQuery Standard SQL: identifiers in backquotes, named parameters `@name`.
  case bigQuery = "bigquery"
  /// Apache Spark SQL 3.4 or later: identifiers in backquotes, named parameter markers `:name`.
  case spark = "spark"

  /// Parses a dialect name as given on a command line.
  ///
  /// - Parameter name: `postgres` (or `postgresql`, `pg`), `bigquery` (or `bq`), or `spark`.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for an unknown name.
  public init(name: String) throws {
    switch name.lowercased() {
    case "postgres", "postgresql", "pg": self = .postgreSQL
    case "bigquery", "bq": self = .bigQuery
    case "spark", "sparksql", "spark-sql": self = .spark
    default:
      throw RetentionCoreError(
        .invalidArgument, field: "dialect", reason: "unknown SQL dialect \"\(name)\"; use postgres, bigquery or spark")
    }
  }

  /// The dialect's name for humans.
  public var displayName: String {
    switch self {
    case .postgreSQL: "PostgreSQL"
    case .bigQuery: "BigQuery Standard SQL"
    case .spark: "Spark SQL"
    }
  }

  /// The type name of a 64-bit floating-point number.
  var doubleType: String {
    switch self {
    case .postgreSQL: "double precision"
    case .bigQuery: "FLOAT64"
    case .spark: "DOUBLE"
    }
  }
}
