import Campaigns
import Foundation
import _CommandLineSupport

/// The data options `secondsale attribute` uses.
let attributeDataOptions: DataOptions.Features = [.fileFormat, .timeZone, .json, .identity]

let attributeCommand = Command(
  name: "attribute",
  abstract: "what the messages earned: attributed and incremental revenue, uplift, satisfaction",
  dataOptions: attributeDataOptions,
  valueOptions: ["events", "from", "to", "open-window", "click-window", "conversion-window", "touch", "seed"],
  help: """
    usage: secondsale attribute ORDERS --events EVENTS [--from D] [--to D] [options]

    What the messages of a period earned. Credited (attributed) revenue: orders by the same
    person within a window after a human open or a click of a message (machine opens never
    count; one message per order, the last touch by default). Incremental revenue: per flow, the
    people who got it against the people held out of it (held_out events), with 95 % intervals
    (Newcombe for the conversion uplift, a bootstrap for revenue); a flow without a control group
    has none. The share of the shop's revenue credited to email is shown beside the articles'
    benchmarks (email at least 20 %, flows about 18 %, campaigns about 12 %). Survey answers
    give the NPS and whether promoters, passives and detractors ordered again within 90 days.
    Events are joined to people through the same identity resolution as the orders.

    options:
      --events FILE            the event file (CSV or JSON Lines: time, customer, event, product,
                               order, message, flow, step, channel, value); required
      --from D                 the first day of the period, YYYY-MM-DD in --time-zone, or an ISO
                               8601 time (default: the day of the first event)
      --to D                   the last day of the period, included, or an ISO 8601 time, excluded
                               (default: the day of the last event)
      --open-window D          orders within D after a human open are credited: 5d (default), 36h
      --click-window D         orders within D after a click are credited: 5d (default)
      --touch T                last (default) | first: which open or click gets the order
      --conversion-window D    a person in a flow converts with an order within D after the
                               message or the hold-out: 7d (default)
      --seed N                 the seed of the revenue bootstrap (default 1; the same seed gives
                               the same intervals)
    \(DataOptions.help(for: attributeDataOptions))
    """,
  run: { arguments in
    guard let eventsPath = arguments.value("events") else { throw CommandLineError("--events FILE is required") }
    let options = try DataOptions(arguments, features: attributeDataOptions)
    var attribution = AttributionSettings()
    if let text = arguments.value("open-window") {
      attribution.openWindow = try parseDuration(text, option: "open-window")
    }
    if let text = arguments.value("click-window") {
      attribution.clickWindow = try parseDuration(text, option: "click-window")
    }
    if let text = arguments.value("touch") {
      guard let touch = AttributionSettings.Touch(rawValue: text) else {
        throw CommandLineError("--touch: expected last or first, got \(text.prefix(40))")
      }
      attribution.touch = touch
    }
    let conversionWindow = try parseDuration(arguments.value("conversion-window") ?? "7d", option: "conversion-window")
    let seedText = arguments.value("seed") ?? "1"
    guard let seed = UInt64(seedText) else {
      throw CommandLineError("--seed: not a whole number >= 0: \(seedText.prefix(40))")
    }
    let clock = DayClock(timeZone: options.timeZone)
    let from = try arguments.value("from").map { try periodBoundary($0, option: "from", clock: clock, isEnd: false) }
    let to = try arguments.value("to").map { try periodBoundary($0, option: "to", clock: clock, isEnd: true) }

    let keyed = try options.loadKeyed()
    let events = try options.loadEvents(eventsPath, keyedTo: keyed)
    let days = CampaignEarnings.days(of: events, clock: clock)
    guard let start = from ?? days?.lowerBound, let end = to ?? days?.upperBound else {
      throw CommandLineError(
        "\(URL(fileURLWithPath: eventsPath).lastPathComponent) has no events: give --from and --to")
    }
    guard start < end else { throw CommandLineError("--from must be before --to") }

    var generator = SeededRandomNumberGenerator(seed: seed)
    let earnings = CampaignEarnings(
      orders: keyed.log, events: events, period: start..<end,
      settings: CampaignEarnings.Settings(attribution: attribution, conversionWindow: conversionWindow),
      using: &generator)
    if options.json {
      print(try jsonText(earnings))
    } else {
      print(earningsTable(earnings, clock: clock))
    }
  })

/// A `--from` or `--to` value: a day (`YYYY-MM-DD`, its start in the clock's time zone, or for
/// the end the start of the next day, so that the day is included) or an ISO 8601 instant.
func periodBoundary(_ text: String, option: String, clock: DayClock, isEnd: Bool) throws -> Date {
  if let utcDay = parseDay(text) {
    return clock.startOfDay(DayClock().day(of: utcDay) + (isEnd ? 1 : 0))
  }
  guard let instant = parseInstant(text) else {
    throw CommandLineError("--\(option): not a day (YYYY-MM-DD) or an ISO 8601 time: \(text.prefix(40))")
  }
  return instant
}
