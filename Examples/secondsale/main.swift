import Foundation
import RetentionCore
import _CommandLineSupport
import _RetentionSupport

// secondsale: the SecondSale command line. Each subcommand lives in its own file and registers
// here; those that read an orders file share the import and summary options of DataOptions
// (each lists and accepts only the ones it uses).

let commands: [Command] = [
  summaryCommand, fitCommand, ladderCommand, valueCommand, segmentCommand, recommendCommand, evaluateCommand,
  replenishCommand, sqlCommand, planCommand, attributeCommand, scoreCommand,
]

/// The program's usage, made only when printed.
func usage() -> String {
  """
  usage: secondsale <command> [FILE] [options]

  commands:
  \(commands.map { "  \($0.name.padding(toLength: 12, withPad: " ", startingAt: 0))\($0.abstract)" }.joined(separator: "\n"))

  Run `secondsale <command> --help` for the options of a command.
  """
}

// A command runs once and exits: memory that one step frees (the import's pending rows, say)
// is kept for the next instead of being returned to the kernel and faulted in again.
ProcessAllocator.keepFreedMemory()

let argv = Array(CommandLine.arguments.dropFirst())
guard let name = argv.first, name != "--help", name != "-h", name != "help" else {
  print(usage())
  exit(argv.isEmpty ? 64 : 0)
}
guard let command = commands.first(where: { $0.name == name }) else {
  printError("secondsale: unknown command '\(RetentionCoreError.excerpt(name, limit: 100))'\n\n\(usage())")
  exit(64)
}
do {
  let arguments = try Arguments(
    Array(argv.dropFirst()), valueOptions: command.allValueOptions, flags: command.allFlags,
    maximumPositionals: command.positionals, helpHint: "secondsale \(name) --help")
  if arguments.flag("help") {
    print(command.help)
    exit(0)
  }
  try command.run(arguments)
} catch {
  printError("secondsale \(name): \(error)")
  exit(1)
}
