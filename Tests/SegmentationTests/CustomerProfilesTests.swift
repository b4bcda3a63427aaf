import Foundation
import Testing
import _TestSupport
import Segmentation

/// Profiles built from a log against a plain computation from the log's `Order` values, on
/// random logs with cancellations, orders after the as-of date, guests, tags, channels and
/// categories.
struct CustomerProfilesTests {
  private func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }

  @Test(arguments: 0..<12 as Range<UInt64>)
  func profilesMatchAPlainComputation(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    func pick<T>(_ values: [T]) -> T { values[Int(generator.next() % UInt64(values.count))] }
    let statuses: [OrderStatus] = [.paid, .paid, .pending, .cancelled, .refunded(amount: 5), .partiallyRefunded(amount: 2)]
    // A few thousand orders in the larger seeds, so that profiles are built in two parallel halves.
    let count = seed < 6 ? 40 : 3_000
    let orders = (0..<count).map { index in
      let lines = (0..<(1 + Int(generator.next() % 3))).map { _ in
        let product = Int(generator.next() % 12)
        return LineItem(
          productID: "sku-\(product)", category: product % 4 == 3 ? nil : ["tea", "coffee", "Äpfel"][product % 3],
          // Whole numbers mostly (counted in a histogram), beyond it for product 5, fractions for 7.
          quantity: product == 7 ? 0.25 * Double(1 + generator.next() % 5) : Double(1 + generator.next() % (product == 5 ? 40 : 3)),
          unitPrice: 4.5)
      }
      return Order(
        id: "o\(index)",
        customer: CustomerReference(
          id: generator.next() % 5 == 0 ? nil : "c\(generator.next() % UInt64(count / 4))", email: pick([nil, "x@example.com"]),
          name: pick([nil, "Ada", "Bo"]), company: pick([nil, nil, "ACME"])),
        placedAt: Date(timeIntervalSince1970: Double(generator.next() % 500) * 86_400 + Double(generator.next() % 86_400)),
        status: pick(statuses), lines: lines, tags: pick([[], [], ["vip"], ["b2b", "vip"]]), channel: pick([nil, "web", "pos"]),
        acceptsMarketing: pick([nil, true, false]))
    }
    let log = try OrderLog(orders)
    let asOf = Date(timeIntervalSince1970: 450 * 86_400)
    let resolution = DeterministicIdentityResolver().resolve(log)
    let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: asOf)

    let purchases = log.indices.filter { log[$0].status.isPurchase && log[$0].placedAt <= asOf }
    var quantities: [String: [Double]] = [:]
    for index in purchases { for line in log[index].lines { quantities[line.productID, default: []].append(line.quantity) } }
    let medianQuantity = quantities.mapValues { median($0)! }
    let byPerson = Dictionary(grouping: purchases.filter { resolution.personOfOrder[$0] != nil }) { resolution.personOfOrder[$0] }
    #expect(profiles.count == byPerson.count)
    #expect(profiles.anonymousPurchases == purchases.count { resolution.personOfOrder[$0] == nil })
    #expect(profiles.medianOrderValue == median(purchases.map { log[$0].netAmount }) ?? 0)
    for profile in profiles {
      let person = try #require(resolution.personIDs.firstIndex(of: profile.id))
      let mine = try #require(byPerson[PersonNumber(person)]).map { log[$0] }
      #expect(profile.orders == mine.count)
      #expect(abs(profile.revenue - mine.reduce(0) { $0 + $1.netAmount }) < 1e-9)
      #expect(profile.firstOrder == mine.first?.placedAt && profile.lastOrder == mine.last?.placedAt)
      let times = mine.map(\.placedAt.timeIntervalSince1970)
      #expect(profile.medianIntervalDays == median(zip(times.dropFirst(), times).map { ($0 - $1) / 86_400 }))
      let lines = mine.flatMap(\.lines)
      #expect(profile.products == Set(lines.map(\.productID)).sorted())
      #expect(profile.categories == Set(lines.compactMap(\.category)).sorted())
      #expect(profile.tags == Set(mine.flatMap(\.tags)).sorted())
      #expect(profile.channels == Set(mine.compactMap(\.channel)).sorted())
      #expect(profile.largestLineQuantity == lines.map(\.quantity).max())
      #expect(profile.largestRelativeQuantity == lines.map { $0.quantity / medianQuantity[$0.productID]! }.max())
      #expect(profile.company == mine.compactMap(\.customer.company).last)
      #expect(profile.name == mine.compactMap(\.customer.name).last)
      #expect(profile.acceptsMarketing == mine.compactMap(\.acceptsMarketing).last)
    }
    // Profiles read in place from the columns read the same values as the same profiles made
    // values of their own (by a change), and profiles built from those values read back unchanged.
    for (position, stored) in zip(profiles.indices, profiles) {
      var profile = stored
      profile.scores = stored.scores
      #expect(profiles[position].id == profile.id && profiles[position].orders == profile.orders)
      #expect(profiles[position].revenue == profile.revenue && profiles[position].averageOrderValue == profile.averageOrderValue)
      #expect(profiles[position].firstOrder == profile.firstOrder && profiles[position].lastOrder == profile.lastOrder)
      #expect(profiles[position].daysSinceLastOrder == profile.daysSinceLastOrder)
      #expect(profiles[position].daysSinceFirstOrder == profile.daysSinceFirstOrder)
      #expect(profiles[position].medianIntervalDays == profile.medianIntervalDays)
      #expect(profiles[position].products == profile.products && profiles[position].categories == profile.categories)
      #expect(profiles[position].tags == profile.tags && profiles[position].channels == profile.channels)
      #expect(profiles[position].company == profile.company && profiles[position].email == profile.email)
      #expect(profiles[position].name == profile.name && profiles[position].acceptsMarketing == profile.acceptsMarketing)
    }
    let copied = CustomerProfiles(profiles.profiles, asOf: asOf, medianOrderValue: profiles.medianOrderValue)
    #expect(copied.profiles == profiles.profiles)
  }

  @Test
  func profilesFromValuesReadBackAsGivenAndKeepScores() {
    let day = Date(timeIntervalSince1970: 86_400 * 100)
    let given = [
      CustomerProfile(
        id: "b", orders: 2, revenue: 30, averageOrderValue: 15, firstOrder: day, lastOrder: day.addingTimeInterval(86_400),
        daysSinceLastOrder: 3, daysSinceFirstOrder: 4, medianIntervalDays: 1, categories: ["tea", "coffee"],
        products: ["z", "a"], tags: ["vip"], channels: ["web"], acceptsMarketing: false, email: "b@x.com",
        scores: ["clv": 12]),
      CustomerProfile(
        id: "a", orders: 1, revenue: 5, averageOrderValue: 5, firstOrder: day, lastOrder: day, daysSinceLastOrder: 4,
        daysSinceFirstOrder: 4, company: "ACME", name: "Ada"),
    ]
    var profiles = CustomerProfiles(given, asOf: day, medianOrderValue: 10)
    #expect(profiles.profiles == given)  // lists keep their given order, not sorted
    // A score with no value for a profile keeps the earlier value of the same name.
    profiles.attach(ClosureScore("clv") { $0.orders == 1 ? 7 : nil })
    #expect(profiles[0].score(named: "clv") == 12 && profiles[1].score(named: "clv") == 7)
    #expect(profiles[1].scores == ["clv": 7] && profiles[0].score(named: "p_alive") == nil)
    // Each score sees the ones attached before it.
    profiles.attach(ClosureScore("double") { $0.scores["clv"].map { $0 * 2 } })
    #expect(profiles[0].scores == ["clv": 12, "double": 24])
  }
}
