import Foundation
import RetentionModel

/// Benchmarks of covariate fits on the CDNOW master file (23,570 customers, the committed
/// `Tests/Data/cdnow/CDNOW_master.txt`), calibration to 1997-09-30 in weeks.
///
/// Two sets of covariates: the dummy "the first order held more than one CD" (two profiles,
/// `StaticCovariates.firstOrder(of:attributes:)`), and the logarithm of the first order's value
/// as a continuous covariate (one profile per distinct value), the case that gives up the
/// compression. The data are built outside the timed closures; the timed fit includes the fit
/// without covariates that starts it, the standard errors and the likelihood-ratio tests.
func covariateBenchmarks(_ runner: inout BenchmarkRunner) {
  let names = [
    "covariates: Pareto/NBD fit, first order > 1 CD, CDNOW master (23,570 customers)",
    "covariates: BG/NBD fit, first order > 1 CD, CDNOW master (23,570 customers)",
    "covariates: Pareto/NBD fit, ln first-order value, CDNOW master (23,570 customers)",
    "covariates: BG/NBD fit, ln first-order value, CDNOW master (23,570 customers)",
  ]
  guard names.contains(where: runner.wants) else { return }
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let url = root.appendingPathComponent("Tests/Data/cdnow/CDNOW_master.txt")
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
  guard let log = try? OrderLog(contentsOf: url, format: .cdnow),
    let calibrationEnd = calendar.date(from: DateComponents(year: 1997, month: 9, day: 30)),
    let observationEnd = calendar.date(from: DateComponents(year: 1998, month: 6, day: 30))
  else {
    print("covariate benchmarks: \(url.path) could not be read; skipped")
    return
  }
  let summaries = log.summaries(
    SummaryOptions(observationEnd: observationEnd, calibrationEnd: calibrationEnd, unit: .weeks))
  guard let dummies = try? StaticCovariates.firstOrder(of: log, attributes: [.multipleItems]),
    let dummyData = try? CovariateData(summaries, covariates: dummies),
    let values = try? firstOrderValues(log), let valueData = try? CovariateData(summaries, covariates: values)
  else {
    print("covariate benchmarks: the covariates could not be built; skipped")
    return
  }
  func note<Model>(_ fit: CovariateFit<Model>?, _ data: CovariateData) -> String {
    guard let fit, let effect = fit.covariates.first else { return "fit failed" }
    return
      "\(data.profiles.count) profiles, \(data.uniqueRowCount) rows, LL \(String(format: "%.3f", fit.logLikelihood)), "
      + String(
        format: "purchase %.3f (SE %.3f), dropout %.3f (SE %.3f), LR p %.2g", effect.purchase,
        effect.purchaseSE ?? .nan, effect.dropout, effect.dropoutSE ?? .nan, fit.overallTest.pValue)
  }
  runner.measure(names[0], repeats: 11) { note(try? ParetoNBDModel.fit(dummyData), dummyData) }
  runner.measure(names[1], repeats: 11) { note(try? BGNBDModel.fit(dummyData), dummyData) }
  runner.measure(names[2], repeats: 3) { note(try? ParetoNBDModel.fit(valueData), valueData) }
  runner.measure(names[3], repeats: 3) { note(try? BGNBDModel.fit(valueData), valueData) }
}

/// ln(1 + value of the first purchase) per customer with a purchase, centred on its mean.
private func firstOrderValues(_ log: OrderLog) throws -> StaticCovariates {
  var customers: [String] = [], values: [Double] = []
  for customer in log.customerIDs {
    guard let first = log.orderIndices(ofCustomer: customer).first(where: { log.orderIsPurchase[$0] }) else { continue }
    customers.append(customer)
    values.append(log1p(log.orderNetAmounts[first]))
  }
  let mean = values.reduce(0, +) / Double(max(1, values.count))
  let rows = values.map { [$0 - mean] }
  return try StaticCovariates(columnNames: ["lnFirstOrderValue"], customerIDs: customers, rows: rows)
}
