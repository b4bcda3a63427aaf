import Foundation

/// What the planner needs to know about one person, gathered in one pass over the person's
/// events and orders known at the planning instant: built once per person per plan.
///
/// The events are read from the event log's columns (the person's stored run, kinds and
/// numbers), never spelled out as `CustomerEvent`s; messages are the log's message numbers
/// (``PersonHistory/Lookup/messageNumber(of:)`` turns a planned message's id into one).
struct PersonHistory: Sendable {
  /// The person's customer number in the order log, if any.
  var orderCustomer: Int?
  /// The latest purchase (orders and `orderPlaced` events).
  var latestPurchase: Date?
  /// The latest event of each kind that an exit looks at, by file name (`checkout_started`,
  /// `account_created`, ...).
  var latestEvent: [String: Date] = [:]
  /// The latest `unsubscribed` event per channel.
  var latestOptOut = ChannelValues<Date>()
  /// The consent statements.
  var consent = ConsentStatements()
  /// The messages sent or held out.
  var done: Set<Int32> = []
  /// The messages a human opened (machine opens excluded).
  var humanOpens: Set<Int32> = []
  /// The messages clicked.
  var clicks: Set<Int32> = []
  /// The latest marketing message sent per channel.
  var lastMarketing = ChannelValues<Date>()
  /// The messages sent or held out per flow (the event log's flow number).
  var flowMessages: [Int32: [LoggedMessage]] = [:]

  /// A logged message of a flow.
  struct LoggedMessage {
    var time: Date
    var message: Int32
  }

  /// The tables of one plan that turn the event log's numbers into what the history needs.
  struct Lookup {
    let events: EventLog
    /// Per event code (raw value): whether an exit looks at its kind, and its file name.
    let exitNames: [String?]
    /// Per flow number of the event log: the planner's flow index, or -1.
    let plannerFlow: [Int]
    /// Per flow number of the event log: whether the policy lists the flow as transactional.
    let isTransactionalFlow: [Bool]
    let flows: [Flow]
    /// The event log's columns the history reads (held here, so that reading them copies no log).
    let times: [Double]
    let codes: [EventCode]
    let subjects: [Int32]
    let details: [Int32]
    let messageDetails: [MessageDetail]

    private static let channels = Channel.allCases

    init(events: EventLog, flows: [Flow], policy: ContactPolicy, exitEvents: Set<String>) {
      self.events = events
      self.flows = flows
      times = events.columns.times
      codes = events.columns.codes
      subjects = events.columns.subjects
      details = events.columns.details
      messageDetails = events.columns.messageDetails
      exitNames = EventCode.allCases.map { exitEvents.contains($0.name.rawValue) ? $0.name.rawValue : nil }
      var index: [String: Int] = [:]
      for (number, flow) in flows.enumerated() where index[flow.name] == nil { index[flow.name] = number }
      let table = events.columns.flows
      let names = (0..<table.count).map { table.string(Int32($0)) }
      plannerFlow = names.map { index[$0] ?? -1 }
      isTransactionalFlow = names.map { policy.transactionalFlows.contains($0) }
    }

    /// The event log's number of a message id, or `nil` when no event names it.
    func messageNumber(of id: String) -> Int32? { events.columns.messages.number(of: id) }

    /// The event log's number of a flow name, or `nil` when no event names it.
    func flowNumber(of name: String) -> Int32? { events.columns.flows.number(of: name) }

    /// The channel of a stored channel number.
    static func channel(_ number: some BinaryInteger) -> Channel { channels[Int(number)] }

    /// Whether a logged message is transactional, and its channel (as the planner's
    /// `isTransactional(_:)`: a step of the planner's flows decides, then the policy's
    /// transactional flows; marketing on email otherwise).
    func classify(_ detail: MessageDetail) -> (isTransactional: Bool, channel: Channel) {
      let stated = detail.channel < 0 ? nil : Self.channel(detail.channel)
      if detail.flow >= 0, case let index = plannerFlow[Int(detail.flow)], index >= 0, detail.step >= 1,
        flows[index].steps.indices.contains(Int(detail.step) - 1)
      {
        let step = flows[index].steps[Int(detail.step) - 1]
        return (step.isTransactional, stated ?? step.channel)
      }
      return (detail.flow >= 0 && isTransactionalFlow[Int(detail.flow)], stated ?? .email)
    }
  }

  /// Gathers a person's history.
  ///
  /// - Parameters:
  ///   - person: The person.
  ///   - context: The events and orders; only what is known at its `asOf` counts.
  ///   - policy: The consent rules.
  ///   - lookup: The plan's tables.
  init(person: String, context: CampaignContext, policy: ContactPolicy, lookup: Lookup) {
    orderCustomer = context.orders.customerNumber(of: person)
    latestPurchase = context.latestPurchase(of: person, orderCustomer: .some(orderCustomer))
    consent.add(orders: context.orders, ofCustomerNumber: orderCustomer, through: context.asOf, policy: policy)
    guard let customer = lookup.events.customerNumber(of: person) else { return }
    let now = context.asOf.timeIntervalSince1970
    for storage in lookup.events.storageRange(ofCustomerNumber: customer) {
      let seconds = lookup.times[storage]
      guard seconds <= now else { break }
      let time = Date(timeIntervalSince1970: seconds)
      let code = lookup.codes[storage]
      if let name = lookup.exitNames[Int(code.rawValue)], latestEvent[name].map({ $0 < time }) ?? true {
        latestEvent[name] = time
      }
      let subject = lookup.subjects[storage]
      switch code {
      case .subscribed: consent.add(true, on: Lookup.channel(subject), at: time)
      case .unsubscribed:
        let channel = Lookup.channel(subject)
        consent.add(false, on: channel, at: time)
        if latestOptOut[channel].map({ $0 < time }) ?? true { latestOptOut[channel] = time }
      case .messageSent:
        done.insert(subject)
        let detail = lookup.messageDetails[Int(lookup.details[storage])]
        if detail.flow >= 0 { flowMessages[detail.flow, default: []].append(LoggedMessage(time: time, message: subject)) }
        let kind = lookup.classify(detail)
        if !kind.isTransactional, lastMarketing[kind.channel].map({ $0 < time }) ?? true {
          lastMarketing[kind.channel] = time
        }
      case .heldOut:
        done.insert(subject)
        let detail = lookup.messageDetails[Int(lookup.details[storage])]
        if detail.flow >= 0 { flowMessages[detail.flow, default: []].append(LoggedMessage(time: time, message: subject)) }
      case .opened: humanOpens.insert(subject)
      case .clicked: clicks.insert(subject)
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
