import Foundation
@testable import Campaigns
import Recommendations

// The built-in triggers' entries as they were before the columnar event log was read by kind
// and position (commit fa41103): every event spelled out as a `CustomerEvent`, the whole log
// scanned where a trigger needed one kind. The plain reference of the equivalence tests.

extension AbandonedCheckoutTrigger {
  func referenceEntries(in context: CampaignContext) -> [FlowEntry] {
    context.referenceEntryEvents.joined().compactMap { event in
      guard case .checkoutStarted(let products) = event.kind, let person = event.customerID else { return nil }
      return FlowEntry(
        person: person, time: event.time, key: "checkout:\(wholeSeconds(event.time))", products: products,
        reason: "started a checkout on \(isoTime(event.time)) and has not ordered since")
    }
  }
}

extension AbandonedCartTrigger {
  func referenceEntries(in context: CampaignContext) -> [FlowEntry] {
    var people: Set<String> = []
    for event in context.referenceEntryEvents.joined() {
      if case .addedToCart = event.kind, let person = event.customerID { people.insert(person) }
    }
    return people.flatMap { referenceEntries(of: $0, in: context) }
  }

  private func referenceEntries(of person: String, in context: CampaignContext) -> [FlowEntry] {
    let events = context.knownEvents(of: person)
    var resets = context.purchaseTimes(ofCustomer: person)
    var additions: [(time: Date, product: String)] = []
    for event in events {
      switch event.kind {
      case .addedToCart(let product): additions.append((event.time, product))
      case .checkoutStarted: resets.append(event.time)
      default: break
      }
    }
    // Additions at one instant in product order, whatever the order of the input.
    additions.sort { ($0.time, $0.product) < ($1.time, $1.product) }
    resets.sort()
    var result: [FlowEntry] = []
    for (index, addition) in additions.enumerated() where context.isEntryTime(addition.time) {
      // Additions at one instant are one entry, with the cart as of that instant.
      if index + 1 < additions.count && additions[index + 1].time == addition.time { continue }
      let reset = resets.last { $0 < addition.time } ?? .distantPast
      var cart: [String] = []
      for earlier in additions[...index] where earlier.time > reset && !cart.contains(earlier.product) {
        cart.append(earlier.product)
      }
      result.append(
        FlowEntry(
          person: person, time: addition.time, key: "cart:\(wholeSeconds(addition.time))", products: cart,
          reason:
            "left \(cart.count) product\(cart.count == 1 ? "" : "s") in the cart on \(isoTime(addition.time)), no checkout or order since"
        ))
    }
    return result
  }
}

extension BrowseAbandonmentTrigger {
  func referenceEntries(in context: CampaignContext) -> [FlowEntry] {
    // The products viewed at the entry times; then only people with enough views of one of them
    // within the view window before (a necessary condition) get the full look at their history.
    var viewed: [String: Set<String>] = [:]
    for event in context.referenceEntryEvents.joined() {
      if case .productViewed(let product) = event.kind, let person = event.customerID {
        viewed[person, default: []].insert(product)
      }
    }
    guard let first = context.entryTimes.first?.lowerBound.addingTimeInterval(-viewWindow), first <= context.asOf,
      !viewed.isEmpty
    else { return [] }
    var counts: [String: [String: Int]] = [:]
    for event in context.referenceEvents(in: first...context.asOf) {
      guard case .productViewed(let product) = event.kind, let person = event.customerID,
        viewed[person]?.contains(product) == true
      else { continue }
      counts[person, default: [:]][product, default: 0] += 1
    }
    return counts.filter { $0.value.values.contains { $0 >= minimumViews } }.keys.flatMap {
      referenceEntries(of: $0, in: context)
    }
  }

  private func referenceEntries(of person: String, in context: CampaignContext) -> [FlowEntry] {
    var views: [String: [Date]] = [:]
    for event in context.knownEvents(of: person) {
      if case .productViewed(let product) = event.kind { views[product, default: []].append(event.time) }
    }
    let purchases = context.purchaseTimes(ofCustomer: person)
    var result: [FlowEntry] = []
    for (product, times) in views {
      var counted: [Date] = []
      for time in times {
        counted.removeAll { time.timeIntervalSince($0) > viewWindow }
        counted.append(time)
        guard counted.count >= minimumViews else { continue }
        counted.removeAll()
        let quiet = time.addingTimeInterval(-recentOrderDays * 86_400)
        guard context.isEntryTime(time), !purchases.contains(where: { $0 > quiet && $0 <= time }) else { continue }
        result.append(
          FlowEntry(
            person: person, time: time, key: "view:\(product):\(wholeSeconds(time))", products: [product],
            reason: "viewed \(product) \(minimumViews) times by \(isoTime(time)) without adding it to the cart"))
      }
    }
    return result
  }
}

extension PostPurchaseTrigger {
  func referenceEntries(in context: CampaignContext) -> [FlowEntry] {
    var result: [FlowEntry] = []
    for event in context.referenceEntryEvents.joined() {
      guard let person = event.customerID else { continue }
      let order: String
      switch (event.kind, update) {
      case (.shipped(let id), .shipped), (.delayed(let id), .delayed), (.delivered(let id), .delivered): order = id
      default: continue
      }
      let verb = update == .delayed ? "is delayed" : "was \(update.rawValue)"
      result.append(
        FlowEntry(
          person: person, time: event.time, key: "order:\(order)",
          products: referenceProducts(ofOrder: order, person: person, in: context),
          reason: "order \(order) \(verb) (\(isoTime(event.time)))"))
    }
    return result
  }

  private func referenceProducts(ofOrder order: String, person: String, in context: CampaignContext) -> [String] {
    let orders = context.orders
    if let index = orders.orderIndices(ofCustomer: person).first(where: { orders.orderIDs[$0] == order }) {
      var products: [String] = []
      for line in orders.lines(ofOrder: index) where !products.contains(line.productID) {
        products.append(line.productID)
      }
      return products
    }
    for event in context.knownEvents(of: person) {
      if case .orderPlaced(let id, let products) = event.kind, id == order { return products }
    }
    return []
  }
}

extension GuestRegistrationTrigger {
  func referenceEntries(in context: CampaignContext) -> [FlowEntry] {
    var hasAccount: Set<String> = []
    for event in context.events.events where event.time <= context.asOf {
      if case .accountCreated = event.kind, let customer = event.customerID { hasAccount.insert(customer) }
    }
    let logsAccounts = usesAccountEvents && !hasAccount.isEmpty
    let log = context.orders
    let fields = log.identityFields
    let start = maximumAge.map { context.asOf.addingTimeInterval(-$0) } ?? .distantPast
    let end = Date(timeIntervalSince1970: context.asOf.timeIntervalSince1970.nextUp)
    return log.orderIndices(placedIn: start..<end).compactMap { order -> FlowEntry? in
      guard log.orderIsPurchase[order] else { return nil }
      let imported = fields.references[fields.referenceIndex(ofOrder: order)]
      let email = imported.email.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
      guard let person = log.customerID(ofOrder: order) ?? (email?.isEmpty == false ? email : nil),
        !hasAccount.contains(person), imported.id == nil || logsAccounts
      else { return nil }
      let day = isoDay(log.date(ofOrder: order))
      return FlowEntry(
        person: person, time: log.date(ofOrder: order), key: "order:\(log.orderIDs[order])",
        products: Self.distinctProducts(of: log.lines(ofOrder: order)),
        reason: imported.id == nil
          ? "guest checkout of order \(log.orderIDs[order]) on \(day)"
          : "order \(log.orderIDs[order]) on \(day) without an account (no account_created event)")
    }
  }
}

extension LeadNurtureTrigger {
  func referenceEntries(in context: CampaignContext) -> [FlowEntry] {
    let events = context.events.events
    let start = context.asOf.addingTimeInterval(-maximumAge)
    var low = 0, high = events.count
    while low < high {
      let middle = (low + high) / 2
      if events[middle].time < start { low = middle + 1 } else { high = middle }
    }
    var latest: [String: Date] = [:]
    var optedOut: [String: Date] = [:]  // at equal times an opt-out wins, in any event order
    for event in events[low...] {
      guard event.time <= context.asOf else { break }
      guard let person = event.customerID else { continue }
      switch event.kind {
      case .subscribed(let subscribed) where subscribed == channel && optedOut[person] != event.time:
        latest[person] = event.time
      case .unsubscribed(let unsubscribed) where unsubscribed == channel:
        latest[person] = nil
        optedOut[person] = event.time
      default: break
      }
    }
    return latest.keys.sorted().compactMap { person in
      guard let time = latest[person], context.purchaseTimes(ofCustomer: person).isEmpty else { return nil }
      return FlowEntry(
        person: person, time: time, key: "subscribed:\(Int(time.timeIntervalSince1970))",
        reason: "subscribed on \(channel.rawValue) on \(isoTime(time)), no purchase yet")
    }
  }
}

extension PromotionTrigger {
  func referenceEntries(in context: CampaignContext) -> [FlowEntry] {
    guard context.isEntryTime(startsAt) else { return [] }
    var people: [String]
    if let audience {
      people = Array(audience)
    } else {
      var everyone = Set(context.purchasingCustomers)
      for event in context.events.events {
        guard event.time <= context.asOf else { break }
        if case .subscribed = event.kind, let person = event.customerID { everyone.insert(person) }
      }
      people = Array(everyone)
    }
    let reason = "promotion \(name) from \(isoTime(startsAt)) to \(isoTime(endsAt))"
    return people.map {
      FlowEntry(person: $0, time: startsAt, key: name, products: products, reason: reason)
    }
  }
}

extension SecondPurchaseNudgeTrigger {
  func referenceEntries(in context: CampaignContext) -> [FlowEntry] {
    let oldest = maximumAge.map { context.asOf.addingTimeInterval(-$0) } ?? .distantPast
    return context.purchasingCustomers.compactMap { person in
      let times = context.purchaseTimes(ofCustomer: person)
      guard let first = times.first, let last = times.last, last >= oldest,
        clock.day(of: first) == clock.day(of: last), context.isEntryTime(last)
      else { return nil }
      return FlowEntry(
        person: person, time: last, key: "first-purchase:\(clock.isoDate(of: first))",
        products: context.referencePurchasedProducts(of: person, in: first...last),
        reason: "first purchase on \(clock.isoDate(of: first)), none since")
    }
  }
}

extension WinBackTrigger {
  func referenceEntries(in context: CampaignContext) -> [FlowEntry] {
    let earliest = context.window.lowerBound.addingTimeInterval(-lateness)
    return context.purchasingCustomers.compactMap { person in
      let times = context.purchaseTimes(ofCustomer: person)
      guard let last = times.last else { return nil }
      var days: [Int] = []
      for time in times {
        let day = clock.day(of: time)
        if days.last != day { days.append(day) }
      }
      let stepDays = stepDays(forPurchaseDays: days)
      let stepTimes = stepDays.map { last.addingTimeInterval($0 * 86_400) }
      guard let first = stepTimes.min(), let final = stepTimes.max(), final >= earliest,
        first < context.window.upperBound
      else { return nil }
      let steps = stepDays.map(formatted).joined(separator: ", ")
      let basis =
        usualGap(ofPurchaseDays: days).map { gap in
          "usual gap \(formatted(gap)) days (median of \(days.count - 1) gap\(days.count == 2 ? "" : "s")); steps at \(multiples.map { formatted($0) + "x" }.joined(separator: ", ")): \(steps) days"
        } ?? "one purchase day only; steps at \(steps) days"
      return FlowEntry(
        person: person, time: last, key: "last-purchase:\(clock.isoDate(of: last))",
        reason: "no purchase since \(clock.isoDate(of: last)); \(basis)", stepTimes: stepTimes)
    }
  }
}

extension VIPOutreachTrigger {
  func referenceCallList(in context: CampaignContext) -> [Contact] {
    let log = context.orders
    let end = context.asOf.timeIntervalSince1970
    let start = end - lookbackDays * 86_400
    var revenue = [Double](repeating: 0, count: log.customerCount)
    var orders = [Int](repeating: 0, count: log.customerCount)
    let lookback = Date(timeIntervalSince1970: start)..<Date(timeIntervalSince1970: end.nextUp)
    for order in log.orderIndices(placedIn: lookback)
    where log.orderIsPurchase[order] && log.orderCustomers[order] >= 0 && log.orderTimes[order] > start {
      revenue[Int(log.orderCustomers[order])] += log.orderNetAmounts[order]
      orders[Int(log.orderCustomers[order])] += 1
    }
    var contacts: [Contact] = []
    for customer in 0..<log.customerCount where revenue[customer] > 0 {
      var phone: String?, name: String?, email: String?, company: String?
      for index in log.orderIndices(ofCustomerNumber: customer).reversed() where log.orderTimes[Int(index)] <= end {
        let reference = log.customerReference(ofOrder: Int(index))
        phone = phone ?? Self.nonEmpty(reference.phone)
        name = name ?? Self.nonEmpty(reference.name)
        email = email ?? Self.nonEmpty(reference.email)
        company = company ?? Self.nonEmpty(reference.company)
      }
      guard let phone else { continue }
      contacts.append(
        Contact(
          person: log.customerIDs[customer], rank: 0, revenue: revenue[customer], orderCount: orders[customer],
          phone: phone, name: name, email: email, company: company))
    }
    contacts.sort { $0.revenue != $1.revenue ? $0.revenue > $1.revenue : $0.person < $1.person }
    var list = Array(contacts.prefix(count))
    if businessFirst { list = list.filter(\.isBusiness) + list.filter { !$0.isBusiness } }
    for position in list.indices { list[position].rank = position + 1 }
    return list
  }

  func referenceEntries(in context: CampaignContext) -> [FlowEntry] {
    let currency = context.orders.currency.map { " " + $0 } ?? ""
    return referenceCallList(in: context).map { contact in
      let who = [contact.company.map { "\($0) (business buyer)" }, contact.name].compactMap { $0 }
      return FlowEntry(
        person: contact.person, time: min(context.asOf, context.window.lowerBound), key: "call:\(isoDay(context.asOf))",
        reason:
          "number \(contact.rank) of the call list: \((who + ["phone \(contact.phone)"]).joined(separator: ", ")); net revenue \(formatted(contact.revenue))\(currency) in \(contact.orderCount) purchase\(contact.orderCount == 1 ? "" : "s") in the last \(formatted(lookbackDays)) days"
      )
    }
  }
}
