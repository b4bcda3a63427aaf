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
  /// Orders without a person: `ordersWithoutIdentifiers` + `ordersSetAside`.
  var ordersWithoutIdentity: Int
  /// Orders that carried no identifier at all.
  var ordersWithoutIdentifiers: Int
  /// Orders whose identifiers were all set aside (shared, placeholder, invalid).
  var ordersSetAside: Int
  /// The first 100 of them, with the reason (`--export merges` lists all).
  var firstOrdersSetAside: [SetAsideOrder]
  var merges: Int
  /// Identifier values set aside, and how many by rule.
  var ignoredIdentifiers: Int
  var ignoredIdentifierRules: [String: Int]
  var asOf: String
  var segments: [SegmentReport.Entry]
  var rfm: RFMOutput
}

/// An order whose identifiers were all set aside, with the reason.
struct SetAsideOrder: Encodable {
  var order: String
  var reason: String
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
    every phone of an order; names alone never merge), reports the built-in segments and RFM,
    and exports members or the audit of the resolution.

    options:
      --export NAME     write members of a segment: first-time-buyers, repeat-buyers,
                        top-customers, high-aov, bulk-b2b, lapsed, new-customers; `people`
                        for one row per order with its resolved person; or `merges` for the
                        audit: every merge (record `merge`: the person, the identifier that
                        joined the orders, its rule and reason, the orders and customer ids),
                        every identifier set aside (`ignored`: shared by different people,
                        placeholder, the shop's own, invalid; with its rule, reason and orders)
                        and every order left without a person (`order-set-aside`: one row per
                        identifier, with why); needs --identity people
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
      if export == "merges" {
        guard keyed.identity == .people else {
          throw CommandLineError("--export merges: the audit of identity resolution needs --identity people")
        }
        let audit = MergesExport(resolution: resolution, log: log, identity: keyed.identity.rawValue)
        text = json ? try jsonText(audit) : audit.csv
      } else if export == "people" {
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
          let names = segments.map(\.key).joined(separator: ", ")
          throw CommandLineError("--export: unknown segment '\(export)' (use \(names), people or merges)")
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
    let withoutIdentity = resolution.ordersWithoutIdentity
    let output = SegmentOutput(
      identity: options.identity.rawValue,
      customers: profiles.count, people: resolution.personCount, ordersWithoutIdentity: withoutIdentity,
      ordersWithoutIdentifiers: withoutIdentity - resolution.ordersSetAside.count,
      ordersSetAside: resolution.ordersSetAside.count,
      firstOrdersSetAside: resolution.ordersSetAside.prefix(100).map {
        SetAsideOrder(order: $0.order, reason: $0.reason)
      },
      merges: resolution.mergeCount, ignoredIdentifiers: resolution.ignoredIdentifiers.count,
      ignoredIdentifierRules: Dictionary(
        resolution.ignoredIdentifiers.map { ($0.rule?.rawValue ?? "unstated", 1) }, uniquingKeysWith: +),
      asOf: formatDay(asOf), segments: report.segments,
      rfm: .init(thresholds: rfm.thresholds, segments: rfm.segmentSizes, shopifyGroups: rfm.shopifyGroupSizes, coverage: rfm.coverage))
    if options.json {
      print(try jsonText(output))
      return
    }
    print("customers: \(output.customers) with a purchase (\(output.identity))")
    print(
      "\(output.people) people behind \(log.orderCount) orders (\(output.merges) merges; "
        + "\(output.ordersWithoutIdentifiers) orders without any identifier; \(output.ignoredIdentifiers) identifiers "
        + "set aside: shared, placeholder or invalid)")
    print(
      "orders set aside: \(output.ordersSetAside) (every identifier set aside, so no person; --export merges says why)")
    for order in output.firstOrdersSetAside.prefix(5) { print("  \(order.order): \(order.reason)") }
    if output.ordersSetAside > 5 { print("  ... (--json lists the first 100)") }
    print("segments as of \(output.asOf):")
    for entry in output.segments {
      print("  " + entry.name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%6d people  %5.1f %% of customers  %5.1f %% of revenue", entry.size, entry.customerShare * 100, entry.revenueShare * 100))
    }
    print("RFM (quintiles; coverage \(String(format: "%.0f", rfm.coverage * 100)) %):")
    for (name, size) in rfm.segmentSizes.sorted(by: { $0.value > $1.value }) {
      print("  " + name.padding(toLength: 20, withPad: " ", startingAt: 0) + "\(size)")
    }
  })
