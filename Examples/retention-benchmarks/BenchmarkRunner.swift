import Foundation

/// Times named pieces of work and prints the median of several runs.
struct BenchmarkRunner {
  struct Result: Codable {
    var name: String
    var medianSeconds: Double
    var runs: Int
    var note: String
  }

  var repeats: Int
  var filter: String?
  var results: [Result] = []

  /// Whether a benchmark of this name passes the filter (so expensive set-up can be skipped).
  func wants(_ name: String) -> Bool {
    filter.map { name.localizedCaseInsensitiveContains($0) } ?? true
  }

  /// Runs `body` `repeats` times (after one untimed warm-up when `warmUp`), records and prints the median.
  ///
  /// `body` returns a short note (a figure that proves the work was done, e.g. a count); the
  /// note of the last run is printed next to the time.
  mutating func measure(_ name: String, repeats: Int? = nil, warmUp: Bool = true, _ body: () throws -> String) rethrows {
    if let filter, !name.localizedCaseInsensitiveContains(filter) { return }
    let count = repeats ?? self.repeats
    var note = ""
    if warmUp { note = try body() }
    var times: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<count {
      let start = clock.now
      note = try body()
      let elapsed = clock.now - start
      times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    times.sort()
    let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    results.append(Result(name: name, medianSeconds: median, runs: count, note: note))
    let padded = name.padding(toLength: 58, withPad: " ", startingAt: 0)
    print("\(padded) \(String(format: "%10.4f", median)) s   \(note)")
  }
}
