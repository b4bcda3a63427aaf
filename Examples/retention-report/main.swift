import Foundation
import RetentionCore
import _CommandLineSupport

// retention-report: the main job. With no arguments it reads the bundled sample of UCI Online
// Retail (Chen, Sain & Guo 2012, CC BY 4.0) and prints what the shop should know today.
// `retention-report FILE [--format ...]` reads your own orders instead.

let help = """
  usage: retention-report [FILE] [options]

  Prints the key retention figures of a shop. Without FILE it uses the bundled sample of the
  UCI Online Retail data set (CC BY 4.0).

  options:
  \(DataOptions.help)
  """

do {
  let arguments = try Arguments(Array(CommandLine.arguments.dropFirst()), valueOptions: DataOptions.valueOptions)
  if arguments.flag("help") {
    print(help)
    exit(0)
  }
  if let unknown = arguments.unknown(known: DataOptions.valueOptions.union(DataOptions.flags)).first {
    throw CommandLineError("unknown option --\(unknown) (see --help)")
  }
  let sample = Bundle.module.url(forResource: "online_retail_sample", withExtension: "csv")
  let options = try DataOptions(arguments, defaultFile: sample, defaultFormat: .onlineRetail)
  let log = try options.load()
  let report = RetentionFigures(log: log, options: options.summaryOptions(for: log))
  if options.json {
    print(try jsonText(report))
  } else {
    print(report.text(file: options.file.lastPathComponent, importReport: log.report))
  }
} catch {
  printError("retention-report: \(error)")
  exit(1)
}
