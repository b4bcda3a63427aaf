import Foundation
@testable import Campaigns

// The planner's per-person history as it was before the columnar event log was read by
// position (commit fa41103): the person's events spelled out as `CustomerEvent`s, messages by id.

/// What the planner needs to know about one person, gathered in one pass over the person's
/// events and orders known at the planning instant: built once per person per plan.
struct ReferencePersonHistory {
  /// The latest purchase (orders and `orderPlaced` events).
  var latestPurchase: Date?
  /// The latest event of each kind that an exit looks at, by file name (`checkout_started`,
  /// `account_created`, ...).
  var latestEvent: [String: Date] = [:]
  /// The latest `unsubscribed` event per channel.
  var latestOptOut: [Channel: Date] = [:]
  /// The consent statements.
  var consent = ConsentStatements()
  /// The ids of messages sent or held out.
  var done: Set<String> = []
  /// The ids of messages a human opened (machine opens excluded).
  var humanOpens: Set<String> = []
  /// The ids of messages clicked.
  var clicks: Set<String> = []
  /// The latest marketing message sent per channel.
  var lastMarketing: [Channel: Date] = [:]
  /// The messages sent or held out per flow: (time, id).
  var flowMessages: [String: [LoggedMessage]] = [:]

  /// A logged message of a flow.
  struct LoggedMessage {
    var time: Date
    var id: String
  }

  /// What a logged message counts as.
  struct MessageClass {
    var isTransactional: Bool
    var channel: Channel
  }

  /// Gathers a person's history.
  ///
  /// - Parameters:
  ///   - person: The person.
  ///   - context: The events and orders; only what is known at its `asOf` counts.
  ///   - policy: The consent rules.
  ///   - exitEvents: The event names whose latest time an exit needs.
  ///   - classify: Whether a logged message is transactional, and its channel when the event
  ///     does not say.
  init(
    person: String, context: CampaignContext, policy: ContactPolicy, exitEvents: Set<String>,
    classify: (MessageReference) -> MessageClass
  ) {
    latestPurchase = context.latestPurchase(of: person)
    consent.add(orders: context.orders, of: person, through: context.asOf, policy: policy)
    for event in context.knownEvents(of: person) {
      let name = event.kind.name
      if exitEvents.contains(name), latestEvent[name].map({ $0 < event.time }) ?? true {
        latestEvent[name] = event.time
      }
      consent.add(event)
      switch event.kind {
      case .unsubscribed(let channel):
        if latestOptOut[channel].map({ $0 < event.time }) ?? true { latestOptOut[channel] = event.time }
      case .messageSent(let message):
        done.insert(message.id)
        if let flow = message.flow {
          flowMessages[flow, default: []].append(LoggedMessage(time: event.time, id: message.id))
        }
        let kind = classify(message)
        if !kind.isTransactional, lastMarketing[kind.channel].map({ $0 < event.time }) ?? true {
          lastMarketing[kind.channel] = event.time
        }
      case .heldOut(let message):
        done.insert(message.id)
        if let flow = message.flow {
          flowMessages[flow, default: []].append(LoggedMessage(time: event.time, id: message.id))
        }
      case .opened(let message, let isMachineOpen):
        if !isMachineOpen { humanOpens.insert(message.id) }
      case .clicked(let message):
        clicks.insert(message.id)
      default: break
      }
    }
  }

  /// The first of a flow's exits that happened after the entry (and by the planning instant),
  /// in words, or `nil`.
  func exit(of exits: [FlowExit], after entry: Date, channel: Channel) -> String? {
    for exit in exits {
      switch exit {
      case .ordered:
        if let time = latestPurchase, time > entry { return "exited: ordered on \(isoTime(time))" }
      case .startedCheckout:
        if let time = latestEvent["checkout_started"], time > entry {
          return "exited: started a checkout on \(isoTime(time))"
        }
      case .unsubscribed:
        if let time = latestOptOut[channel], time > entry {
          return "exited: unsubscribed from \(channel.rawValue) on \(isoTime(time))"
        }
      case .event(let name):
        if let time = latestEvent[name], time > entry { return "exited: \(name) on \(isoTime(time))" }
      }
    }
    return nil
  }
}
