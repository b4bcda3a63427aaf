import Foundation
import Campaigns

/// Hand-made shops for the flow tests: times are hours from 2024-03-01 00:00 UTC.
enum Shop {
  /// 2024-03-01 00:00 UTC.
  static let t0 = Date(timeIntervalSince1970: 1_709_251_200)

  /// The instant `hours` after ``t0``.
  static func at(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3_600) }

  /// An event of a person (`nil`: anonymous) at an hour.
  static func event(_ person: String?, _ hours: Double, _ kind: CustomerEvent.Kind) -> CustomerEvent {
    CustomerEvent(customerID: person, time: at(hours), kind: kind)
  }

  /// Opt-ins long before everything else.
  static func optIn(_ people: [String], channel: Channel = .email, at hours: Double = -1_000) -> [CustomerEvent] {
    people.map { event($0, hours, .subscribed(channel: channel)) }
  }

  /// A logged `message_sent` of a flow's step.
  static func sent(
    _ person: String, _ hours: Double, flow: String, step: Int = 1, key: String = "k", channel: Channel = .email
  ) -> CustomerEvent {
    let id = PlannedMessage.id(flow: flow, step: step, person: person, key: key)
    return event(person, hours, .messageSent(MessageReference(id: id, flow: flow, step: step, channel: channel)))
  }

  /// An order of one line per product.
  static func order(
    _ id: String, _ person: String, hours: Double, products: [String] = ["p1"], email: String? = nil,
    phone: String? = nil, acceptsMarketing: Bool? = nil
  ) -> Order {
    Order(
      id: id, customer: CustomerReference(id: person, email: email, phone: phone), placedAt: at(hours),
      lines: products.map { LineItem(productID: $0, unitPrice: 10) }, acceptsMarketing: acceptsMarketing)
  }

  /// A context over the window `from..<to` (hours), planning at `asOf` (default: `from`).
  static func context(
    _ events: [CustomerEvent], orders: [Order] = [], from start: Double, to end: Double, asOf: Double? = nil,
    timeZones: [String: TimeZone] = [:], recommender: (any Recommender)? = nil
  ) throws -> CampaignContext {
    CampaignContext(
      events: EventLog(events), orders: try OrderLog(orders), window: at(start)..<at(end), asOf: asOf.map(at),
      timeZones: timeZones, recommender: recommender)
  }

  /// A policy without sending hours (steps go at their due time) and with the default caps.
  static let anyTime = ContactPolicy(sendingHours: nil)

  /// Runs the planner window after window, as a sending pipeline would.
  ///
  /// Windows of `every` hours from `start` to `end`; the run logs a
  /// `message_sent` (treatment) or `held_out` (control) event at the send time of each message,
  /// as a sending pipeline does; a message id is sent once, as a sending tool does with a
  /// repeated id, and a skipped step is reported once. Each run plans at its window's start
  /// (ahead), or with `behind` at its end (the window is the `every` hours up to the run).
  static func simulate(
    _ flows: [Flow], events: [CustomerEvent], orders: [Order] = [], from start: Double, to end: Double,
    every hours: Double = 1, behind: Bool = false, policy: ContactPolicy = anyTime,
    recommender: (any Recommender)? = nil
  ) throws -> (messages: [PlannedMessage], skipped: [CampaignPlan.Skipped]) {
    let planner = CampaignPlanner(flows: flows, policy: policy)
    var logged: [CustomerEvent] = []
    var messages: [PlannedMessage] = []
    var skipped: [CampaignPlan.Skipped] = []
    var seen: Set<String> = []
    let log = try OrderLog(orders)
    var run = start
    while run < end {
      let window = behind ? at(run - hours)..<at(run) : at(run)..<at(run + hours)
      let context = CampaignContext(
        events: EventLog(events + logged), orders: log, window: window, asOf: at(run), recommender: recommender)
      let plan = planner.plan(context)
      for message in plan.messages where seen.insert(message.id).inserted {
        messages.append(message)
        let kind: CustomerEvent.Kind =
          message.group == .treatment ? .messageSent(message.reference) : .heldOut(message.reference)
        logged.append(CustomerEvent(customerID: message.person, time: message.sendAt, kind: kind))
      }
      for step in plan.skipped where seen.insert("skipped \(step.flow)/\(step.step):\(step.person)").inserted {
        skipped.append(step)
      }
      run += hours
    }
    return (messages, skipped)
  }
}

extension Flow {
  /// The flow without a control group, so that a test sees every message go.
  var withoutControlGroup: Flow {
    var flow = self
    flow.controlShare = 0
    return flow
  }
}
