public import Foundation

/// What the messages earned: every message sent in a period with its outcome and credited
/// orders, totals per flow, step and channel, and the share of the shop's revenue credited to
/// messages.
///
/// The events and the orders must name people the same way: run both through the same identity
/// resolution (the person-keyed order log, and events keyed to its people), so that an order by
/// a guest checkout still counts for the message its person opened. An order is credited as
/// ``AttributionSettings`` says: after a human open or a click of the same person, within the
/// window, last touch by default; each order to one message at most, and only purchases
/// (cancelled and voided orders never count). Credited revenue is correlation, not cause: compare
/// a flow with its control group (``ControlGroupComparison``) for what it added.
///
/// ```swift
/// let attribution = Attribution(orders: people, events: events, period: june)
/// for flow in attribution.totalsByFlow { print(flow.group, flow.sent, flow.openRate.rate ?? 0, flow.revenue) }
/// print(attribution.emailRevenueShare ?? 0)  // the articles' benchmark: at least 0.2
/// ```
public struct Attribution: Sendable {
  /// The period: messages sent in it, and the shop revenue of orders placed in it.
  public let period: Range<Date>
  /// The settings.
  public let settings: AttributionSettings
  /// The messages sent in the period, by send time (ties: person, message id).
  public let messages: [AttributedMessage]
  /// The currency of the revenue figures (the log's), or `nil` when the log has none.
  public let currency: String?
  /// The net revenue of all purchases placed in the period.
  public let shopRevenue: Double
  /// Message events (delivered, opened, clicked, bounced) of messages with no `message_sent`
  /// event: counted, not credited.
  public let eventsWithoutSend: Int

  /// Credits the orders of a log to the messages of an event log.
  ///
  /// - Parameters:
  ///   - orders: The order log, keyed by person.
  ///   - events: The events, with the same people as customers.
  ///   - period: The messages sent and the orders placed in it count.
  ///   - settings: Windows and touch model.
  /// - Complexity: O(*e* + *n* · *t*), where *e* is the number of events, *n* the number of
  ///   orders and *t* the most touches of one person.
  public init(orders: OrderLog, events: EventLog, period: Range<Date>, settings: AttributionSettings = .init()) {
    self.period = period
    self.settings = settings
    currency = orders.currency
    let logsDeliveries = events.count(of: .messageDelivered) > 0
    var messages: [AttributedMessage] = []
    var orphans = 0
    // Each person's events are one stored run of the log's columns: the message events are read
    // by kind and message number; only the messages sent are spelled out.
    let columns = events.columns
    var byNumber: [Int32: Int] = [:]  // message number -> position in `sent`
    var sent: [AttributedMessage] = []
    var touches: [(time: Date, message: Int, window: TimeInterval)] = []
    for customer in 0..<events.customerCount {
      byNumber.removeAll(keepingCapacity: true)
      sent.removeAll(keepingCapacity: true)
      touches.removeAll(keepingCapacity: true)
      var person: String?
      for storage in events.storageRange(ofCustomerNumber: customer) {
        let code = columns.codes[storage]
        switch code {
        case .messageSent, .messageDelivered, .opened, .openedByMachine, .clicked, .bounced: break
        default: continue
        }
        let number = columns.subjects[storage]
        let time = Date(timeIntervalSince1970: columns.times[storage])
        if code == .messageSent {
          if byNumber[number] == nil {
            byNumber[number] = sent.count
            let name = person ?? events.customerID(ofNumber: customer)
            person = name
            sent.append(
              AttributedMessage(
                person: name, message: columns.messageReference(at: storage), sentAt: time,
                isDelivered: !logsDeliveries, isOpened: false, isClicked: false, isBounced: false, orders: []))
          }
          continue
        }
        guard let position = byNumber[number] else {
          orphans += 1
          continue
        }
        switch code {
        case .messageDelivered: sent[position].isDelivered = true
        case .bounced:
          sent[position].isBounced = true
          sent[position].isDelivered = false
        case .opened:
          sent[position].isOpened = true
          sent[position].isDelivered = true
          touches.append((time, position, settings.openWindow))
        case .clicked:
          sent[position].isClicked = true
          sent[position].isDelivered = true
          touches.append((time, position, settings.clickWindow))
        default: break
        }
      }
      guard let person else { continue }
      if !touches.isEmpty, let number = orders.customerNumber(of: person) {
        for index in orders.orderIndices(ofCustomerNumber: number) {
          let order = Int(index)
          guard orders.orderIsPurchase[order] else { continue }
          let placed = orders.date(ofOrder: order)
          let qualifying = touches.filter { $0.time <= placed && placed.timeIntervalSince($0.time) <= $0.window }
          let touch = settings.touch == .last ? qualifying.last : qualifying.first
          guard let touch else { continue }
          sent[touch.message].orders.append(
            .init(orderID: orders.orderIDs[order], placedAt: placed, revenue: orders.orderNetAmounts[order]))
        }
      }
      messages.append(contentsOf: sent.lazy.filter { period.contains($0.sentAt) })
    }
    messages.sort {
      ($0.sentAt, $0.person, $0.message.id) < ($1.sentAt, $1.person, $1.message.id)
    }
    self.messages = messages
    eventsWithoutSend = orphans
    shopRevenue = orders.revenue(placedIn: period)
  }

  /// All messages together.
  public var total: AttributionTotals { AttributionTotals(group: "all", messages: messages) }

  /// One total per flow (messages without a flow under `unknown`), by name.
  public var totalsByFlow: [AttributionTotals] { totals { $0.message.flow ?? "unknown" } }

  /// One total per flow step, `flow/step`, by name.
  public var totalsByStep: [AttributionTotals] {
    totals { "\($0.message.flow ?? "unknown")/\($0.message.step.map(String.init) ?? "?")" }
  }

  /// One total per channel (messages without a channel under `unknown`), by name.
  public var totalsByChannel: [AttributionTotals] { totals { $0.message.channel?.rawValue ?? "unknown" } }

  /// Totals of the messages grouped by a key, sorted by key.
  ///
  /// - Parameter key: The group of a message.
  /// - Complexity: O(*m* log *m*), where *m* is the number of messages.
  public func totals(by key: (AttributedMessage) -> String) -> [AttributionTotals] {
    Dictionary(grouping: messages, by: key).sorted { $0.key < $1.key }.map {
      AttributionTotals(group: $0.key, messages: $0.value)
    }
  }

  /// The credited revenue of orders placed in the period, from messages of a channel (all
  /// channels when `nil`) and optionally only flows or only campaigns.
  ///
  /// - Parameters:
  ///   - channel: The channel, or `nil` for all.
  ///   - campaigns: `true` for campaigns only, `false` for flows only, `nil` for both.
  /// - Complexity: O(*m*), where *m* is the number of messages.
  public func creditedRevenue(channel: Channel? = nil, campaigns: Bool? = nil) -> Double {
    messages.reduce(0) { sum, message in
      if let channel, message.message.channel != channel { return sum }
      if let campaigns, isCampaign(message) != campaigns { return sum }
      return sum + message.orders.filter { period.contains($0.placedAt) }.reduce(0) { $0 + $1.revenue }
    }
  }

  /// Credited email revenue over shop revenue (the articles' benchmark: at least 20 %), or
  /// `nil` without revenue.
  public var emailRevenueShare: Double? { share(creditedRevenue(channel: .email)) }
  /// Credited email revenue of automated flows over shop revenue (benchmark about 18 %).
  public var emailFlowRevenueShare: Double? { share(creditedRevenue(channel: .email, campaigns: false)) }
  /// Credited email revenue of campaigns over shop revenue (benchmark about 12 %).
  public var emailCampaignRevenueShare: Double? { share(creditedRevenue(channel: .email, campaigns: true)) }

  private func share(_ revenue: Double) -> Double? { shopRevenue > 0 ? revenue / shopRevenue : nil }

  private func isCampaign(_ message: AttributedMessage) -> Bool {
    message.message.flow?.hasPrefix(settings.campaignFlowPrefix) ?? false
  }
}
