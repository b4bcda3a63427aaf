import Foundation
import RetentionModel

/// Benchmarks of RetentionModel: fitting on real and simulated data, and whole-base scoring.
///
/// The data are built once, outside the timed closures: the CDNOW master file (23,570
/// customers) through the CDNOW importer, and a million simulated customers on a one-day grid
/// (first purchases over 12 weeks, calibration to week 52), as a shop's order log would give.
func modelBenchmarks(_ runner: inout BenchmarkRunner) {
  let calibrationEnd = modelBenchmarkDate(1997, 9, 30)
  let observationEnd = modelBenchmarkDate(1998, 6, 30)
  var master: FrequencyRecencyData?
  if let url = modelBenchmarkSharedData("cdnow/CDNOW_master.txt"),
    let log = try? OrderLog(contentsOf: url, format: .cdnow)
  {
    master = log.summaries(SummaryOptions(observationEnd: observationEnd, calibrationEnd: calibrationEnd, unit: .weeks)).compressed()
  } else {
    print("model benchmarks: ../shared/data/cdnow/CDNOW_master.txt not found; CDNOW benchmarks skipped")
  }
  if let master {
    runner.measure("model: BG/NBD fit, CDNOW master compressed (23,570 customers)", repeats: 21) {
      let fit = try? BGNBDModel.fit(master)
      return "\(master.uniqueCount) triples, LL \(String(format: "%.3f", fit?.logLikelihood ?? .nan))"
    }
    runner.measure("model: BG/NBD fit without standard errors, CDNOW master", repeats: 21) {
      let fit = try? BGNBDModel.fit(master, options: FitOptions(computesStandardErrors: false))
      return "\(fit?.iterations ?? 0) iterations, \(fit?.evaluations ?? 0) evaluations"
    }
    runner.measure("model: Pareto/NBD fit, CDNOW master compressed", repeats: 11) {
      let fit = try? ParetoNBDModel.fit(master)
      return "LL \(String(format: "%.6f", fit?.logLikelihood ?? .nan)), \(fit?.evaluations ?? 0) evaluations"
    }
  }

  // UCI Online Retail (calibration to 2011-06-30, 2,960 customers): the maximum likelihood has
  // no dropout (s tends to 0), where the 2F1 series of the Pareto/NBD needs the expansion at z = 1.
  let retailNames = [
    "model: Pareto/NBD fit, UCI Online Retail compressed (2,960 customers)",
    "model: BG/NBD fit, UCI Online Retail compressed (2,960 customers)",
    "model: MBG/NBD fit, UCI Online Retail compressed (2,960 customers)",
  ]
  if retailNames.contains(where: runner.wants) {
    if let url = modelBenchmarkSharedData("online-retail/online_retail.csv"),
      let log = try? OrderLog(contentsOf: url, format: .onlineRetail)
    {
      let options = SummaryOptions(
        observationEnd: modelBenchmarkDate(2011, 12, 9), calibrationEnd: modelBenchmarkDate(2011, 6, 30), unit: .weeks)
      let retail = log.summaries(options).compressed()
      runner.measure(retailNames[0], repeats: 11) {
        let fit = try? ParetoNBDModel.fit(retail)
        return "\(retail.uniqueCount) triples, LL \(String(format: "%.4f", fit?.logLikelihood ?? .nan))"
      }
      runner.measure(retailNames[1], repeats: 11) {
        let fit = try? BGNBDModel.fit(retail)
        return "\(retail.uniqueCount) triples, LL \(String(format: "%.4f", fit?.logLikelihood ?? .nan))"
      }
      runner.measure(retailNames[2], repeats: 11) {
        let fit = try? MBGNBDModel.fit(retail)
        return "\(fit?.evaluations ?? 0) evaluations, LL \(String(format: "%.4f", fit?.logLikelihood ?? .nan))"
      }
    } else {
      print("model benchmarks: ../shared/data/online-retail/online_retail.csv not found; UCI benchmarks skipped")
    }
  }

  // Simulating two million customers takes a while: skip it when the filter wants none of these.
  guard runner.wants("model: BG/NBD fit, 1M") || runner.wants("model: Pareto/NBD fit, 1M") || runner.wants("scoring") else {
    return
  }
  let design = SimulationDesign(
    customers: 1_000_000, acquisitionSpan: .weeks(12), calibrationEnd: .weeks(52), resolution: .days(1))
  var generator = BenchmarkGenerator(seed: 2_026)
  let bgnbdTruth = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
  let bgnbdBase = bgnbdTruth.simulateCustomerBase(design, using: &generator)
  runner.measure("model: BG/NBD fit, 1M simulated customers, compression included", repeats: 5) {
    let data = FrequencyRecencyData(
      frequency: bgnbdBase.frequency, recency: bgnbdBase.recency, age: bgnbdBase.age, unit: bgnbdBase.unit)
    let fit = try? BGNBDModel.fit(data)
    return "\(data.uniqueCount) triples, r \(String(format: "%.4f", fit?.parameters.r ?? .nan)), LL \(String(format: "%.6f", fit?.logLikelihood ?? .nan))"
  }
  let paretoTruth = ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, unit: .weeks)
  let paretoBase = paretoTruth.simulateCustomerBase(design, using: &generator)
  runner.measure("model: Pareto/NBD fit, 1M simulated customers, compression included", repeats: 3) {
    let data = FrequencyRecencyData(
      frequency: paretoBase.frequency, recency: paretoBase.recency, age: paretoBase.age, unit: paretoBase.unit)
    let fit = try? ParetoNBDModel.fit(data)
    return "\(data.uniqueCount) triples, r \(String(format: "%.4f", fit?.parameters.r ?? .nan)), LL \(String(format: "%.6f", fit?.logLikelihood ?? .nan))"
  }
  runner.measure("model: BG/NBD scoring P(alive) + E[Y(52)], 1M customers", repeats: 11) {
    let scores = bgnbdTruth.scores(
      frequency: bgnbdBase.frequency, recency: bgnbdBase.recency, age: bgnbdBase.age, unit: bgnbdBase.unit,
      within: .weeks(52))
    return "sum E[Y] \(String(format: "%.0f", scores.expectedPurchases.reduce(0, +)))"
  }
  runner.measure("model: Pareto/NBD scoring P(alive) + E[Y(52)], 1M customers", repeats: 5) {
    let scores = paretoTruth.scores(
      frequency: paretoBase.frequency, recency: paretoBase.recency, age: paretoBase.age, unit: paretoBase.unit,
      within: .weeks(52))
    return "sum E[Y] \(String(format: "%.0f", scores.expectedPurchases.reduce(0, +)))"
  }
}

/// Midnight UTC of a calendar date.
private func modelBenchmarkDate(_ year: Int, _ month: Int, _ day: Int) -> Date {
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
  return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
}

/// The URL of a shared data file (`../shared/data` beside the package root), or `nil`.
private func modelBenchmarkSharedData(_ path: String) -> URL? {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  let url = root.deletingLastPathComponent().appendingPathComponent("shared/data").appendingPathComponent(path)
  return FileManager.default.fileExists(atPath: url.path) ? url : nil
}

/// SplitMix64 (Steele, Lea & Flood 2014), so the simulated data are the same on every run.
struct BenchmarkGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform draw from [0, 1) with 53 random bits.
  mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
