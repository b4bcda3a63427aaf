import Foundation
import RetentionCore
import RetentionModel

/// `retention-benchmarks triples [--unit weeks|days] [--json FILE] FILE...`: the Swift half of the
/// scale benchmark (`Benchmarks/spark/scale/`).
///
/// Reads triple CSVs written by the generated triple query (one file for the whole table, or
/// one per shard), ingests each with `FrequencyRecencyData(sqlResultCSV:unit:)`, merges them with
/// `FrequencyRecencyData(merging:unit:)` and fits the BG/NBD model, timing each step. Prints one
/// JSON object: the times, the counts, the parameters and log-likelihood (also as bit patterns,
/// so that two runs can be compared exactly).
struct TripleFilesReport: Encodable {
  var files: [String]
  var unit: String
  var bytes: Int
  var triplesRead: Int
  var uniqueTriples: Int
  var customers: Double
  var readSeconds: Double
  var ingestSeconds: Double
  var mergeSeconds: Double
  var fitSeconds: Double
  /// The CPU time of the process (all threads) in each step, in seconds: read, ingest, merge, fit.
  var cpuSeconds: [String: Double]
  var parameters: [String: Double]
  var logLikelihood: Double
  /// The bit patterns of r, alpha, a, b and the log-likelihood, in hexadecimal.
  var bits: [String]
  var converged: Bool
  var iterations: Int
}

/// Runs the `triples` mode and exits: 0 on success, 64 for bad arguments, 1 for a failure.
func runTripleFiles(_ arguments: [String]) -> Never {
  let usage = "usage: retention-benchmarks triples [--unit weeks|days] [--json FILE] FILE..."
  func fail(_ message: String, status: Int32 = 64) -> Never {
    FileHandle.standardError.write(Data("retention-benchmarks triples: \(message) (\(usage))\n".utf8))
    exit(status)
  }
  var unit = TimeUnit.weeks
  var jsonPath: String?
  var files: [String] = []
  var index = 0
  while index < arguments.count {
    let argument = arguments[index]
    switch argument {
    case "--help", "-h":
      print(usage)
      exit(0)
    case "--unit", "--json":
      guard index + 1 < arguments.count else { fail("\(argument) needs a value") }
      let value = arguments[index + 1]
      if argument == "--json" {
        jsonPath = value
      } else {
        switch value {
        case "weeks": unit = .weeks
        case "days": unit = .days
        default: fail("--unit: expected weeks or days, got \(value.prefix(40))")
        }
      }
      index += 2
    default:
      if argument.hasPrefix("-") { fail("unknown option \(argument.prefix(100))") }
      files.append(argument)
      index += 1
    }
  }
  guard !files.isEmpty else { fail("no triple files given") }

  let clock = ContinuousClock()
  func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }
  func processCPU() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
  }
  var cpu: [String: Double] = ["read": 0, "ingest": 0, "merge": 0, "fit": 0]
  func charge(_ step: String, since start: Double) { cpu[step, default: 0] += processCPU() - start }
  do {
    var read = Duration.zero
    var ingest = Duration.zero
    var bytes = 0
    var triplesRead = 0
    var shards: [FrequencyRecencyData] = []
    for file in files {
      var start = clock.now
      var cpuStart = processCPU()
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: file))
      } catch {
        fail("cannot read \(file): \(error.localizedDescription)", status: 1)
      }
      read += clock.now - start
      charge("read", since: cpuStart)
      bytes += data.count
      start = clock.now
      cpuStart = processCPU()
      let shard = try FrequencyRecencyData(sqlResultCSV: data, unit: unit)
      ingest += clock.now - start
      charge("ingest", since: cpuStart)
      triplesRead += shard.uniqueCount
      shards.append(shard)
    }
    var start = clock.now
    var cpuStart = processCPU()
    let merged = shards.count == 1 ? shards[0] : FrequencyRecencyData(merging: shards, unit: unit)
    let merge = clock.now - start
    charge("merge", since: cpuStart)
    shards = []
    start = clock.now
    cpuStart = processCPU()
    let fit = try BGNBDModel.fit(merged)
    let fitting = clock.now - start
    charge("fit", since: cpuStart)
    let values = fit.parameters.values
    let report = TripleFilesReport(
      files: files, unit: "\(unit)", bytes: bytes, triplesRead: triplesRead, uniqueTriples: merged.uniqueCount,
      customers: merged.customerCount, readSeconds: seconds(read), ingestSeconds: seconds(ingest),
      mergeSeconds: seconds(merge), fitSeconds: seconds(fitting), cpuSeconds: cpu,
      parameters: Dictionary(uniqueKeysWithValues: zip(["r", "alpha", "a", "b"], values)),
      logLikelihood: fit.logLikelihood,
      bits: (values + [fit.logLikelihood]).map { String($0.bitPattern, radix: 16) },
      converged: fit.converged, iterations: fit.iterations)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let json = try encoder.encode(report)
    if let jsonPath { try json.write(to: URL(fileURLWithPath: jsonPath)) }
    print(String(decoding: json, as: UTF8.self))
    exit(0)
  } catch {
    fail("\(error)", status: 1)
  }
}
