import Foundation
import RetentionCore

/// The shared data folder beside the project root, found from the working directory or the
/// executable's location.
func sharedDataURL(_ relativePath: String) -> URL? {
  let candidates = [
    URL(fileURLWithPath: FileManager.default.currentDirectoryPath).deletingLastPathComponent(),
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent(),
  ]
  for root in candidates {
    let url = root.appendingPathComponent("shared/data").appendingPathComponent(relativePath)
    if FileManager.default.fileExists(atPath: url.path) { return url }
  }
  return nil
}

func utcDate(_ year: Int, _ month: Int, _ day: Int) -> Date {
  var components = DateComponents()
  components.year = year
  components.month = month
  components.day = day
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(secondsFromGMT: 0)!
  return calendar.date(from: components)!
}

/// A generated shop: `customers` customers with geometric order counts, about `linesPerCustomer`
/// lines each, over two years; deterministic.
func generatedOrders(customers: Int, linesPerCustomer: Double, seed: UInt64 = 42) -> [Order] {
  var generator = BenchmarkGenerator(seed: seed)
  func uniform() -> Double { generator.uniform() }
  let start = utcDate(2022, 1, 1).timeIntervalSince1970
  let span = 730.0 * 86_400
  var orders: [Order] = []
  orders.reserveCapacity(customers * 3)
  var lines = 0
  let target = Int(Double(customers) * linesPerCustomer)
  for customer in 0..<customers {
    let id = "c\(customer)"
    let first = start + uniform() * span * 0.8
    var time = first
    var orderNumber = 0
    repeat {
      let lineCount = 1 + Int(uniform() * 6)
      let orderLines = (0..<lineCount).map { _ in
        LineItem(productID: "p\(Int(pow(uniform(), 2) * 5_000))", quantity: Double(1 + Int(uniform() * 3)), unitPrice: 5 + uniform() * 40)
      }
      lines += lineCount
      orders.append(Order(id: "\(id)-\(orderNumber)", customer: CustomerReference(id: id), placedAt: Date(timeIntervalSince1970: time), lines: orderLines))
      orderNumber += 1
      time += -log(max(uniform(), 1e-12)) * 60 * 86_400
    } while time < start + span && uniform() < 0.7 && lines < target + 10
  }
  return orders
}

func coreBenchmarks(_ runner: inout BenchmarkRunner) {
  if let url = sharedDataURL("online-retail/online_retail.csv") {
    let options = SummaryOptions(observationEnd: utcDate(2011, 12, 9), unit: .days)
    runner.measure("import UCI Online Retail (541,909 lines) + all summaries") {
      guard let log = try? OrderLog(contentsOf: url, format: .onlineRetail) else { return "import failed" }
      let summaries = log.summaries(options)
      return "\(log.orderCount) orders, \(summaries.count) customers"
    }
    runner.measure("  of which: import only") {
      guard let log = try? OrderLog(contentsOf: url, format: .onlineRetail) else { return "import failed" }
      return "\(log.lineCount) lines"
    }
  } else {
    print("shared data not found: skipping the UCI Online Retail benchmarks")
  }
  if let url = sharedDataURL("online-retail/online_retail.csv") {
    runner.measure("  of which: CSV parse only (47 MB)") {
      guard var reader = try? CSVReader(contentsOf: url) else { return "open failed" }
      var record = CSVRecord()
      var fields = 0
      while (try? reader.readRecord(into: &record)) == true { fields += record.count }
      return "\(fields) fields"
    }
  }
  if let url = sharedDataURL("cdnow/CDNOW_master.txt") {
    runner.measure("import CDNOW master (69,659 rows)") {
      guard let log = try? OrderLog(contentsOf: url, format: .cdnow) else { return "import failed" }
      return "\(log.customerCount) customers"
    }
    if let log = try? OrderLog(contentsOf: url, format: .cdnow) {
      let options = SummaryOptions(observationEnd: utcDate(1998, 6, 30), calibrationEnd: utcDate(1997, 9, 30), unit: .weeks)
      runner.measure("CDNOW master: calibration/holdout summaries + triples") {
        let triples = log.summaries(options).compressed()
        return "\(triples.uniqueCount) unique triples"
      }
    }
  }
  let generatedNames = [
    "build order log: 1M customers, generated", "summaries for 1M customers (calibration + holdout)",
    "compress 1M summaries to unique triples",
  ]
  guard generatedNames.contains(where: runner.wants) else { return }
  let orders = generatedOrders(customers: 1_000_000, linesPerCustomer: 10)
  var built: OrderLog?
  if runner.wants(generatedNames[0]) {
    runner.measure(generatedNames[0], repeats: 3, warmUp: false) {
      built = try? OrderLog(orders)
      return "\(built?.orderCount ?? 0) orders, \(built?.lineCount ?? 0) lines"
    }
  } else {
    built = try? OrderLog(orders)
  }
  if let log = built {
    let options = SummaryOptions(
      observationEnd: utcDate(2023, 12, 31), calibrationEnd: utcDate(2023, 6, 30), unit: .weeks)
    runner.measure("summaries for 1M customers (calibration + holdout)") {
      let summaries = log.summaries(options)
      return "\(summaries.count) customers, \(summaries.repeatCustomerCount) repeaters"
    }
    let summaries = log.summaries(options)
    runner.measure("compress 1M summaries to unique triples") {
      "\(summaries.compressed().uniqueCount) unique triples"
    }
  }
}
