import Foundation

// Usage: swift run -c release retention-benchmarks [--repeats N] [--filter TEXT] [--json FILE]
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, in arguments: [String] = CommandLine.arguments) -> String? {
  guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
  return arguments[index + 1]
}
var runner = BenchmarkRunner(repeats: Int(option("--repeats") ?? "") ?? 5, filter: option("--filter"))
print("SecondSale benchmarks: median of \(runner.repeats) runs, release build expected")
print(String(repeating: "-", count: 90))
coreBenchmarks(&runner)
modelBenchmarks(&runner)
valueBenchmarks(&runner)
recommendationBenchmarks(&runner)
if let path = option("--json") {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
  try encoder.encode(runner.results).write(to: URL(fileURLWithPath: path))
}
