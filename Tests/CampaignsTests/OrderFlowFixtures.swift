import Foundation
import Campaigns

/// Times and builders of the order-driven flow tests: days and hours from a fixed instant,
/// 2024-03-01 00:00 UTC.
enum OrderFlowFixtures {
  static let t0 = Date(timeIntervalSince1970: 1_709_251_200)  // 2024-03-01 00:00 UTC
  static let day = 86_400.0

  /// `days` days and `hours` hours after ``t0``.
  static func at(day days: Double, hour hours: Double = 0) -> Date {
    t0.addingTimeInterval(days * day + hours * 3_600)
  }

  /// An order of one or more products at `day` days and `hour` hours.
  static func order(
    _ id: String, _ customer: CustomerReference, day days: Double, hour: Double = 10, products: [String] = ["p1"],
    amount: Double = 10, categories: [String: String] = [:]
  ) -> Order {
    Order(
      id: id, customer: customer, placedAt: at(day: days, hour: hour),
      lines: products.map {
        LineItem(productID: $0, category: categories[$0], unitPrice: amount / Double(products.count))
      })
  }

  /// An order of a known customer id.
  static func order(
    _ id: String, _ customer: String, day days: Double, hour: Double = 10, products: [String] = ["p1"],
    amount: Double = 10
  ) -> Order {
    order(id, CustomerReference(id: customer), day: days, hour: hour, products: products, amount: amount)
  }

  /// An event at `day` days and `hour` hours.
  static func event(_ customer: String, day days: Double, hour: Double = 0, _ kind: CustomerEvent.Kind) -> CustomerEvent
  {
    CustomerEvent(customerID: customer, time: at(day: days, hour: hour), kind: kind)
  }

  /// A context whose window runs from `from` to `to` days after ``t0``.
  static func context(
    orders: [Order], events: [CustomerEvent] = [], from start: Double, to end: Double,
    recommender: (any Recommender)? = nil,
    filter: RecommendationFilter = RecommendationFilter(excludesPurchasedDurables: true)
  ) throws -> CampaignContext {
    CampaignContext(
      events: EventLog(events), orders: try OrderLog(orders), window: at(day: start)..<at(day: end),
      recommender: recommender, recommendationFilter: filter)
  }
}

/// A step of a flow entry due in a planning window.
struct DueStep: Hashable, CustomStringConvertible {
  var person: String
  /// The step, from 1.
  var step: Int
  var due: Date
  var key: String
  var content: String
  var incentive: String?

  var description: String { "\(person) step \(step) at \(due) (\(key))" }
}

/// The steps of a flow due in a context's window, by the rules of ``Flow``'s documentation: the
/// due time is the entry's step time or its time plus the step's wait; a step is due when that
/// lies in the window or at most `catchUp` before it; an exit between the entry and the planning
/// instant stops the entry.
///
/// A stand-in for the flows planner (another branch of issue 18), without consent, caps,
/// sending hours, control groups or the sent history: what the trigger and the flow's
/// configuration decide.
enum FlowSchedule {
  static func dueSteps(_ flow: Flow, in context: CampaignContext, catchUp: TimeInterval = 3_600) -> [DueStep] {
    let earliest = context.window.lowerBound.addingTimeInterval(-catchUp)
    var due: [DueStep] = []
    for entry in flow.trigger.entries(in: context) where !hasExited(entry, flow: flow, in: context) {
      for (index, step) in flow.steps.enumerated() {
        let time = entry.stepTimes?[index] ?? entry.time.addingTimeInterval(step.wait)
        guard time >= earliest, time < context.window.upperBound else { continue }
        due.append(
          DueStep(
            person: entry.person, step: index + 1, due: time, key: entry.key, content: step.content,
            incentive: step.incentive))
      }
    }
    return due.sorted { ($0.due, $0.person, $0.step) < ($1.due, $1.person, $1.step) }
  }

  static func hasExited(_ entry: FlowEntry, flow: Flow, in context: CampaignContext) -> Bool {
    let since = context.events.events(ofCustomer: entry.person).filter {
      $0.time > entry.time && $0.time <= context.asOf
    }
    let channels = Set(flow.steps.map(\.channel))
    return flow.exits.contains { exit in
      switch exit {
      case .ordered: return context.hasOrdered(entry.person, after: entry.time)
      case .startedCheckout:
        return since.contains { if case .checkoutStarted = $0.kind { true } else { false } }
      case .unsubscribed:
        return since.contains {
          if case .unsubscribed(let channel) = $0.kind { channels.contains(channel) } else { false }
        }
      case .event(let name): return since.contains { $0.kind.name == name }
      }
    }
  }
}
