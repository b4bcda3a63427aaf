import Foundation
import Segmentation
import _CommandLineSupport

/// The JSON printed by `secondsale segment --json`.
struct SegmentOutput: Encodable {
  /// Who counts as one customer: `people` (identity resolution) or `customer-id`.
  var identity: String
  struct RFMOutput: Encodable {
    var thresholds: RFMAnalysis.Thresholds
    var segments: [String: Int]
    var shopifyGroups: [String: Int]
    var coverage: Double
  }
  /// People (or customer ids) with a purchase up to `asOf`: the customers the segments split.
  var customers: Int
  var people: Int
  var ordersWithoutIdentity: Int
  var merges: Int
  var ignoredIdentifiers: Int
  var asOf: String
  var segments: [SegmentReport.Entry]
  var rfm: RFMOutput
}

/// The built-in segments the command reports, by export name.
func builtInSegments() -> [(key: String, segment: any Segment)] {
  [
    ("first-time-buyers", FirstTimeBuyers()),
    ("repeat-buyers", RepeatBuyers()),
    ("top-customers", TopCustomers(percent: 10)),
    ("high-aov", HighAverageOrderValue()),
    ("bulk-b2b", BulkBuyers()),
    ("lapsed", LapsedCustomers()),
    ("new-customers", NewCustomers(withinDays: 30)),
  ]
}

/// The data options `secondsale segment` uses.
let segmentDataOptions: DataOptions.Features = [.fileFormat, .timeZone, .observationEnd, .json, .identity]

let segmentCommand = Command(
  name: "segment",
  abstract: "resolve identities, report segments and RFM, export members",
  dataOptions: segmentDataOptions,
  valueOptions: ["export", "out"],
  help: """
    usage: secondsale segment FILE [options]

    Resolves the people behind the orders (exact matches of normalised customer ids, emails and
    phones; names alone never merge), reports the built-in segments and RFM, and exports members.

    options:
      --export NAME     write members of a segment: first-time-buyers, repeat-buyers,
                        top-customers, high-aov, bulk-b2b, lapsed, new-customers; or `people`
                        for one row per order with its resolved person (an audit of the merges)
      --out FILE        where to write the export (CSV; .json for JSON); default: standard output
    \(DataOptions.help(for: segmentDataOptions))
    """,
  run: { arguments in
    let options = try DataOptions(arguments, features: segmentDataOptions)
    // An export without --out goes to standard output: the accounting goes to standard error.
    let exportsToStandardOutput = arguments.value("export") != nil && arguments.value("out") == nil
    let keyed = try options.loadKeyed(accounting: exportsToStandardOutput ? .standardError : .automatic)
    let log = keyed.imported
    let asOf = options.summaryOptions(for: log).observationEnd.addingTimeInterval(86_399)
    let resolution = keyed.resolution
    let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: asOf)
    let segments = builtInSegments()

    if let export = arguments.value("export") {
      let text: String
      let json = arguments.value("out")?.hasSuffix(".json") == true
      if export == "people" {
        if json {
          struct Row: Encodable { var order: String; var person: String? }
          text = try jsonText(log.indices.map { index in
            Row(order: log.orderIDs[index], person: resolution.personOfOrder[index].map(resolution.id(of:)))
          })
        } else {
          var writer = CSVWriter(header: ["order", "person"])
          for index in log.indices {
            let person = resolution.personOfOrder[index].map(resolution.id(of:))
            writer.append([.text(log.orderIDs[index]), .text(person ?? "")])
          }
          text = writer.text
        }
      } else {
        guard let segment = segments.first(where: { $0.key == export })?.segment else {
          throw CommandLineError("--export: unknown segment '\(export)' (use \(segments.map(\.key).joined(separator: ", ")) or people)")
        }
        let members = profiles.members(of: segment)
        text = json ? try jsonText(SegmentExport.records(members, profiles: profiles)) : SegmentExport.csv(members, profiles: profiles)
      }
      if let out = arguments.value("out") {
        try writeTextFile(text, to: out)
        printError("wrote \(out)")
      } else {
        print(text, terminator: "")
      }
      return
    }

    let report = SegmentReport(segments: segments.map(\.segment), profiles: profiles)
    let rfm = try RFMAnalysis(profiles: profiles)
    let output = SegmentOutput(
      identity: options.identity.rawValue,
      customers: profiles.count, people: resolution.personCount, ordersWithoutIdentity: resolution.ordersWithoutIdentity,
      merges: resolution.mergeCount, ignoredIdentifiers: resolution.ignoredIdentifiers.count,
      asOf: formatDay(asOf), segments: report.segments,
      rfm: .init(thresholds: rfm.thresholds, segments: rfm.segmentSizes, shopifyGroups: rfm.shopifyGroupSizes, coverage: rfm.coverage))
    if options.json {
      print(try jsonText(output))
      return
    }
    print("customers: \(output.customers) with a purchase (\(output.identity))")
    print("\(output.people) people behind \(log.orderCount) orders (\(output.merges) merges; \(output.ordersWithoutIdentity) orders without any identifier; \(output.ignoredIdentifiers) shared or placeholder identifiers ignored)")
    print("segments as of \(output.asOf):")
    for entry in output.segments {
      print("  " + entry.name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%6d people  %5.1f %% of customers  %5.1f %% of revenue", entry.size, entry.customerShare * 100, entry.revenueShare * 100))
    }
    print("RFM (quintiles; coverage \(String(format: "%.0f", rfm.coverage * 100)) %):")
    for (name, size) in rfm.segmentSizes.sorted(by: { $0.value > $1.value }) {
      print("  " + name.padding(toLength: 20, withPad: " ", startingAt: 0) + "\(size)")
    }
  })
