/// What the per-entry checks read of the plan's flows, as plain values in flat arrays (flow after
/// flow), so that the checks on two threads read numbers instead of copying a flow's steps or
/// exits: each copy retains their strings and arrays, and two threads retaining the same objects
/// wait on each other.
struct PlanFlowFacts {
  /// What the checks read of a step.
  struct Step {
    var channel: Channel
    var isTransactional: Bool
    var condition: FlowStep.Condition?
  }

  /// An exit of a flow.
  struct Exit {
    enum Kind {
      case ordered, unsubscribed, startedCheckout, event
    }

    var kind: Kind
    /// The event codes whose events the exit looks at (bit `rawValue` of each): those whose
    /// file name is `checkout_started`, or the name of an `.event(name)` exit.
    var codes: UInt64
    /// The exit's place in its flow's `exits` (where an `.event` exit's name is read).
    var place: Int
  }

  private(set) var steps: [Step] = []
  private var stepStarts: [Int] = [0]
  private(set) var exits: [Exit] = []
  private var exitStarts: [Int] = [0]

  /// The facts of the flows, in order.
  ///
  /// - Complexity: O(*s* + *e*) for *s* steps and *e* exits.
  init(flows: [Flow]) {
    func codes(named name: String) -> UInt64 {
      EventCode.allCases.reduce(0) { $1.name.rawValue == name ? $0 | 1 << UInt64($1.rawValue) : $0 }
    }
    let checkoutStarted = codes(named: "checkout_started")
    for flow in flows {
      for step in flow.steps {
        steps.append(Step(channel: step.channel, isTransactional: step.isTransactional, condition: step.condition))
      }
      stepStarts.append(steps.count)
      for (place, exit) in flow.exits.enumerated() {
        switch exit {
        case .ordered: exits.append(Exit(kind: .ordered, codes: 0, place: place))
        case .unsubscribed: exits.append(Exit(kind: .unsubscribed, codes: 0, place: place))
        case .startedCheckout: exits.append(Exit(kind: .startedCheckout, codes: checkoutStarted, place: place))
        case .event(let name): exits.append(Exit(kind: .event, codes: codes(named: name), place: place))
        }
      }
      exitStarts.append(exits.count)
    }
  }

  /// A step (counted from 0) of a flow.
  func step(_ step: Int, ofFlow flow: Int) -> Step { steps[stepStarts[flow] + step] }

  /// The places in ``exits`` of a flow's exits, in the flow's order.
  func exits(ofFlow flow: Int) -> Range<Int> { exitStarts[flow]..<exitStarts[flow + 1] }
}
