import Foundation
import Testing
import _TestSupport

/// Apache Spark for the opt-in Spark suite.
///
/// A Python interpreter with `pyspark` (which brings Spark itself and needs a Java 17 runtime on
/// `PATH`) and `sqlglot`, named by `SECONDSALE_SPARK_PYTHON`, runs
/// `Benchmarks/spark/run_queries.py` on a job the suite writes.
///
/// Without the variable the suite is skipped with a message saying how to run it; `.ci/run`
/// installs Java and pyspark when it can and sets the variable, or prints
/// `Spark suite skipped: <reason>`. Once the variable is set, a Spark that does not start or a
/// query it rejects is a failure, in CI and elsewhere.
enum SparkEngine {
  /// The environment variable naming the Python interpreter.
  static let variable = "SECONDSALE_SPARK_PYTHON"

  /// The interpreter named by the environment.
  static var python: String? {
    guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else { return nil }
    return value
  }

  /// Why the suite is skipped, and how to run it.
  static let skipMessage: Comment =
    "Spark suite skipped: set SECONDSALE_SPARK_PYTHON to a Python with pyspark and sqlglot (Java 17 on PATH), e.g. SECONDSALE_SPARK_PYTHON=/work/venv-spark/bin/python swift test --filter Spark; bash .ci/run installs them"

  /// The script that runs a job.
  static var script: URL { TestData.projectRoot.appendingPathComponent("Benchmarks/spark/run_queries.py") }

  /// What the script reports (`report` of the job).
  struct Report: Decodable, Sendable {
    struct BigQueryCheck: Decodable, Sendable {
      var name: String
      var checks: [String: String]
      var functions: [String]?
      var parameters: [String]?
    }
    var tables: [String: Int]
    var queries: [String: Int]
    var bigquery: [BigQueryCheck]
    var seconds: [String: Double]
    var failures: [String]
    var pyspark: String?
    var sqlglot: String?
    var java: String?
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs the script on a job file and returns its report; throws when the script could not
  /// write one (Spark did not start, a table did not load), with the end of its error output.
  static func run(job: URL, report: URL) throws -> Report {
    guard let python else { throw Failure(description: "\(variable) is not set") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script.path, job.path]
    var environment = ProcessInfo.processInfo.environment
    environment["SPARK_LOCAL_IP"] = environment["SPARK_LOCAL_IP"] ?? "127.0.0.1"
    process.environment = environment
    let errorFile = job.deletingLastPathComponent().appendingPathComponent("spark-stderr.txt")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    let errors = try FileHandle(forWritingTo: errorFile)
    defer { try? errors.close() }
    process.standardError = errors
    process.standardOutput = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let status = process.terminationStatus
    guard status == 0 || status == 1, FileManager.default.fileExists(atPath: report.path) else {
      let text = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
      throw Failure(
        description: "\(script.lastPathComponent) exited with \(status) and no report: \(text.suffix(3_000))")
    }
    return try JSONDecoder().decode(Report.self, from: Data(contentsOf: report))
  }
}

extension Trait where Self == ConditionTrait {
  /// Runs a suite only when `SECONDSALE_SPARK_PYTHON` names a Python with pyspark
  /// (``SparkEngine``); otherwise skips it with a message that says how to run it.
  static var spark: Self { .enabled(if: SparkEngine.python != nil, SparkEngine.skipMessage) }
}
