import Foundation
import RetentionModel

/// The fits of `secondsale fit --model all` that lifetimes has no benchmark row for yet, and the
/// fits without a lifetimes counterpart, on the CDNOW master file (committed, 23,570 customers,
/// calibration to 1997-09-30) and UCI Online Retail (`../shared/data`, calibration to 2011-06-30,
/// 2,960 customers), for `Benchmarks/models-vs-lifetimes.sh`, which times lifetimes'
/// `ModifiedBetaGeoFitter`, `BetaGeoBetaBinomFitter` and `ParetoNBDFitter` on the same data in the
/// same minutes.
///
/// Weeks for the continuous-time models; the BG/BB on one opportunity per day (x repeat
/// purchase days, t_x and n in days since the first purchase), as `fit --model all` fits it. The
/// data are built outside the timed closures.
func lifetimesComparisonBenchmarks(_ runner: inout BenchmarkRunner) {
  let datasets: [(name: String, path: String, format: OrderFileFormat, calibrationEnd: Date, observationEnd: Date)] = [
    (
      "CDNOW master (23,570 customers)", "Tests/Data/cdnow/CDNOW_master.txt", .cdnow,
      comparisonDate(1997, 9, 30), comparisonDate(1998, 6, 30)
    ),
    (
      "UCI Online Retail (2,960 customers)", "../shared/data/online-retail/online_retail.csv", .onlineRetail,
      comparisonDate(2011, 6, 30), comparisonDate(2011, 12, 9)
    ),
  ]
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  for dataset in datasets {
    let names = [
      "versus lifetimes: MBG/NBD fit, \(dataset.name)", "versus lifetimes: BG/BB fit (daily), \(dataset.name)",
      "no lifetimes counterpart: MBG/CNBD-k fit (k = 1...12), \(dataset.name)",
      "no lifetimes counterpart: BG/CNBD-k fit (k = 1...12), \(dataset.name)",
      "no lifetimes counterpart: Pareto/NBD covariate fit, first-order multipleItems, \(dataset.name)",
      "no lifetimes counterpart: BG/NBD covariate fit, first-order multipleItems, \(dataset.name)",
    ]
    guard names.contains(where: runner.wants) else { continue }
    let url = root.appendingPathComponent(dataset.path).standardizedFileURL
    guard let log = try? OrderLog(contentsOf: url, format: dataset.format) else {
      print("lifetimes comparison: \(url.path) could not be read; skipped")
      continue
    }
    func summaries(_ unit: TimeUnit) -> CustomerSummaries {
      log.summaries(
        SummaryOptions(observationEnd: dataset.observationEnd, calibrationEnd: dataset.calibrationEnd, unit: unit))
    }
    let weeks = summaries(.weeks), days = summaries(.days)
    let triples = weeks.compressed()
    // Unique daily patterns with counts, as `fit --model all` fits them.
    var countOfPattern: [[Double]: Double] = [:]
    for index in days.indices {
      countOfPattern[[days.frequency[index], days.recency[index].rounded(), days.age[index].rounded()], default: 0] += 1
    }
    let unique = countOfPattern.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    let patterns = BGBBModel.Patterns(
      frequency: unique.map { $0.key[0] }, recency: unique.map { $0.key[1] }, opportunities: unique.map { $0.key[2] },
      count: unique.map(\.value))
    runner.measure(names[0], repeats: 11) {
      let fit = try? MBGNBDModel.fit(triples)
      return "\(triples.uniqueCount) triples, LL \(String(format: "%.4f", fit?.logLikelihood ?? .nan))"
    }
    runner.measure(names[1], repeats: 5) {
      let fit = try? BGBBModel.fit(patterns)
      return "\(patterns.patternCount) patterns, LL \(String(format: "%.4f", fit?.logLikelihood ?? .nan))"
    }
    if let timing = try? PurchaseTimingData(summaries: weeks, log: log) {
      runner.measure(names[2], repeats: 5) {
        let search = try? MBGCNBDModel.fit(timing)
        return "k \(search?.best.parameters.k ?? 0) of \(search?.fits.count ?? 0) tried, LL \(String(format: "%.4f", search?.best.logLikelihood ?? .nan))"
      }
      runner.measure(names[3], repeats: 5) {
        let search = try? BGCNBDModel.fit(timing)
        return "k \(search?.best.parameters.k ?? 0) of \(search?.fits.count ?? 0) tried, LL \(String(format: "%.4f", search?.best.logLikelihood ?? .nan))"
      }
    }
    // The dummy "the first order held more than one unit" (CDNOW: more than one CD).
    do {
      let data = try CovariateData(weeks, covariates: try StaticCovariates.firstOrder(of: log, attributes: [.multipleItems]))
      runner.measure(names[4], repeats: 5) {
        let fit = try? ParetoNBDModel.fit(data)
        return "\(data.profiles.count) profiles, \(data.uniqueRowCount) rows, LL \(String(format: "%.4f", fit?.logLikelihood ?? .nan))"
      }
      runner.measure(names[5], repeats: 5) {
        let fit = try? BGNBDModel.fit(data)
        return "\(data.profiles.count) profiles, \(data.uniqueRowCount) rows, LL \(String(format: "%.4f", fit?.logLikelihood ?? .nan))"
      }
    } catch {
      print("lifetimes comparison: no covariate fit on \(dataset.name): \(error)")
    }
  }
}

/// Midnight UTC of a calendar date.
private func comparisonDate(_ year: Int, _ month: Int, _ day: Int) -> Date {
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
  return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
}
