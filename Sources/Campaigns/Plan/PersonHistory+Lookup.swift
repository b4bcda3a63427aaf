import Foundation

extension PersonHistory {
  /// The tables of one plan that turn the event log's numbers into what the history needs.
  struct Lookup {
    let events: EventLog
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

    init(events: EventLog, flows: [Flow], policy: ContactPolicy) {
      self.events = events
      self.flows = flows
      times = events.columns.times
      codes = events.columns.codes
      subjects = events.columns.subjects
      details = events.columns.details
      messageDetails = events.columns.messageDetails
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
}
