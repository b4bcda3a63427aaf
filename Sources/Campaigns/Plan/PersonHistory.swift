import Foundation

/// What the planner needs to know about one person as of the planning instant: built once per
/// person per plan.
///
/// One pass over the person's stored run of events (the event log's columns, never spelled out
/// as `CustomerEvent`s) and orders gathers what every step needs: the latest purchase, consent,
/// the latest opt-out and marketing message per channel. What only some checks ask (was this
/// message sent, opened or clicked; the latest event of a kind; a flow's logged messages) is
/// read from the person's events known at the planning instant when asked, so that a history
/// holds no set or dictionary of its own. Messages are the event log's message numbers
/// (``PersonHistory/Lookup/messageNumber(of:)`` turns a planned message's id into one).
struct PersonHistory: Sendable {
  /// The person's customer number in the order log, if any.
  var orderCustomer: Int?
  /// The latest purchase (orders and `orderPlaced` events).
  var latestPurchase: Date?
  /// The storage positions of the person's events known at the planning instant, oldest first.
  var knownEvents: Range<Int> = 0..<0
  /// The latest `unsubscribed` event per channel.
  var latestOptOut = ChannelValues<Date>()
  /// The consent statements.
  var consent = ConsentStatements()
  /// The latest marketing message sent per channel.
  var lastMarketing = ChannelValues<Date>()
  /// Whether any message was sent or held out.
  var hasDoneMessages = false

  /// What happened to a logged message.
  enum MessageMark {
    /// Sent or held out (`message_sent`, `held_out`).
    case done
    /// Opened by a human (`opened`; machine opens do not count).
    case openedByHuman
    /// Clicked.
    case clicked
  }

  /// A logged message of a flow.
  struct LoggedMessage {
    var time: Date
    var message: Int32
  }

  /// Gathers the history of a person whose customer numbers in the order log and the event log
  /// are known (`nil`: none), without looking the id up in either.
  ///
  /// - Parameters:
  ///   - person: The person.
  ///   - orderCustomer: The person's customer number in the context's order log, or `nil`.
  ///   - eventCustomer: The person's customer number in the context's event log, or `nil`.
  ///   - context: The events and orders; only what is known at its `asOf` counts.
  ///   - policy: The consent rules.
  ///   - lookup: The plan's tables.
  ///
  /// The context, policy and tables are borrowed: an initializer's arguments are otherwise
  /// passed owned, which copies each of them (retaining every array they hold) per person.
  init(
    person: String, orderCustomer: Int?, eventCustomer: Int?, context: borrowing CampaignContext,
    policy: borrowing ContactPolicy, lookup: borrowing Lookup
  ) {
    self.orderCustomer = orderCustomer
    latestPurchase = context.latestPurchase(of: person, orderCustomer: .some(orderCustomer))
    consent.add(orders: context.orders, ofCustomerNumber: orderCustomer, through: context.asOf, policy: policy)
    guard let customer = eventCustomer else { return }
    let now = context.asOf.timeIntervalSince1970
    let run = lookup.events.storageRange(ofCustomerNumber: customer)
    var end = run.lowerBound
    for storage in run {
      let seconds = lookup.times[storage]
      guard seconds <= now else { break }
      end = storage + 1
      switch lookup.codes[storage] {
      case .subscribed:
        consent.add(true, on: Lookup.channel(lookup.subjects[storage]), at: Date(timeIntervalSince1970: seconds))
      case .unsubscribed:
        let channel = Lookup.channel(lookup.subjects[storage])
        let time = Date(timeIntervalSince1970: seconds)
        consent.add(false, on: channel, at: time)
        if latestOptOut[channel].map({ $0 < time }) ?? true { latestOptOut[channel] = time }
      case .messageSent:
        hasDoneMessages = true
        let kind = lookup.classify(lookup.messageDetails[Int(lookup.details[storage])])
        let time = Date(timeIntervalSince1970: seconds)
        if !kind.isTransactional, lastMarketing[kind.channel].map({ $0 < time }) ?? true {
          lastMarketing[kind.channel] = time
        }
      case .heldOut: hasDoneMessages = true
      default: break
      }
    }
    knownEvents = run.lowerBound..<end
  }

  /// Whether a message (an event log's message number) was sent or held out, opened by a
  /// human, or clicked, by the planning instant.
  ///
  /// - Complexity: O(*k*), where *k* is the number of the person's known events.
  func has(_ mark: MessageMark, message: Int32, in lookup: Lookup) -> Bool {
    for storage in knownEvents where lookup.subjects[storage] == message {
      switch (mark, lookup.codes[storage]) {
      case (.done, .messageSent), (.done, .heldOut), (.openedByHuman, .opened), (.clicked, .clicked): return true
      default: continue
      }
    }
    return false
  }

  /// Whether a message (by id) was sent or held out, opened by a human, or clicked, by the
  /// planning instant; `false` for an id no event names.
  ///
  /// - Complexity: O(*n* + *k*) for an id of *n* bytes and *k* known events.
  func has(_ mark: MessageMark, id: String, in lookup: Lookup) -> Bool {
    lookup.messageNumber(of: id).map { has(mark, message: $0, in: lookup) } ?? false
  }

  /// The messages of a flow (the event log's flow number) sent or held out by the planning
  /// instant, oldest first.
  ///
  /// - Complexity: O(*k*), where *k* is the number of the person's known events.
  func loggedMessages(ofFlow flow: Int32, in lookup: Lookup) -> [LoggedMessage] {
    var messages: [LoggedMessage] = []
    for storage in knownEvents {
      let code = lookup.codes[storage]
      guard code == .messageSent || code == .heldOut,
        lookup.messageDetails[Int(lookup.details[storage])].flow == flow
      else { continue }
      messages.append(
        LoggedMessage(time: Date(timeIntervalSince1970: lookup.times[storage]), message: lookup.subjects[storage]))
    }
    return messages
  }

  /// The latest event known by the planning instant of one of some kinds (bit `rawValue` of
  /// each event code).
  ///
  /// - Complexity: O(*k*), where *k* is the number of the person's known events.
  func latestEvent(codes: UInt64, in lookup: Lookup) -> Date? {
    var latest: Double?
    for storage in knownEvents where codes & 1 << UInt64(lookup.codes[storage].rawValue) != 0 {
      latest = Swift.max(latest ?? -.infinity, lookup.times[storage])
    }
    return latest.map(Date.init(timeIntervalSince1970:))
  }
}
