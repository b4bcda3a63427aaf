import Foundation

// Usage: swift run -c release retention-benchmarks [--repeats N] [--filter TEXT] [--json FILE]
//        swift run -c release retention-benchmarks triples [--unit weeks|days] [--json FILE] FILE...
//        retention-benchmarks --export-orders FILE   (writes the generated 1M-customer shop as CSV)
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "triples" { runTripleFiles(Array(arguments.dropFirst())) }
func option(_ name: String, in arguments: [String] = CommandLine.arguments) -> String? {
  guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
  return arguments[index + 1]
}
// Every argument must be known: an unknown option, a missing value or a bad count is an error,
// not a silent default.
let usage =
  "usage: retention-benchmarks [--repeats N] [--filter TEXT] [--json FILE]"
  + " | retention-benchmarks triples [--unit weeks|days] [--json FILE] FILE..."
  + " | retention-benchmarks --export-orders FILE"
func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("retention-benchmarks: \(message) (\(usage))\n".utf8))
  exit(64)
}
var argumentIndex = 0
while argumentIndex < arguments.count {
  let argument = arguments[argumentIndex]
  if argument == "--help" || argument == "-h" {
    print(usage)
    exit(0)
  }
  guard ["--repeats", "--filter", "--json", "--export-orders"].contains(argument) else {
    fail("unknown option \(argument.prefix(100))")
  }
  guard argumentIndex + 1 < arguments.count else { fail("\(argument) needs a value") }
  argumentIndex += 2
}
if let path = option("--export-orders") {
  guard arguments.count == 2 else { fail("--export-orders takes no other option") }
  do {
    let count = try exportGeneratedOrders(to: URL(fileURLWithPath: path))
    print("wrote \(count) orders of the generated 1M-customer shop to \(path)")
    exit(0)
  } catch {
    fail("cannot write \(path): \(error)")
  }
}
if let text = option("--repeats"), (Int(text) ?? 0) < 1 { fail("--repeats: expected a positive whole number") }
var runner = BenchmarkRunner(repeats: Int(option("--repeats") ?? "") ?? 5, filter: option("--filter"))
print("SecondSale benchmarks: median of \(runner.repeats) runs, release build expected")
print(String(repeating: "-", count: 90))
coreBenchmarks(&runner)
modelBenchmarks(&runner)
valueBenchmarks(&runner)
recommendationBenchmarks(&runner)
replenishmentBenchmarks(&runner)
personalSignalBenchmarks(&runner)
campaignBenchmarks(&runner)
eventBenchmarks(&runner)
covariateBenchmarks(&runner)
lifetimesComparisonBenchmarks(&runner)
if let path = option("--json") {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
  try encoder.encode(runner.results).write(to: URL(fileURLWithPath: path))
}
