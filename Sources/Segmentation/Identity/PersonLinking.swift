import _RetentionSupport

/// The fourth and fifth steps of resolution: orders linked into people through their personal
/// keys, and the people numbered.
///
/// Keys link kind by kind (customer ids, emails, phones, name with address), and within a kind
/// in order of each key's oldest order; every order of a key joins the set of the key's first
/// order. The older order's root wins a join, so each person's root is their oldest order, and
/// people are numbered in order of their oldest order whatever the order of the links.
struct PersonLinking {
  /// The people as a union-find forest over the orders.
  private var people: UnionFind
  /// The keys that joined sets, in the order they were applied.
  private(set) var linkedKeys: [Int32] = []

  /// Links the orders of a log through their usable keys.
  init(keys: IdentifierKeys, ordersOfKey: InvertedIndex, usable: [Bool], referenceOfOrder: [Int32]) {
    people = UnionFind(count: referenceOfOrder.count)
    let linkingKeys = Self.linkingOrder(
      keys: keys, ordersOfKey: ordersOfKey, usable: usable, referenceOfOrder: referenceOfOrder)
    for key in linkingKeys {
      let orders = ordersOfKey.range(ofKey: key)
      var linked = false
      // The root of the key's set so far, kept up to date instead of found again per order.
      var target = people.root(of: ordersOfKey.items[orders.lowerBound])
      for position in orders.dropFirst() {
        let root = people.root(of: ordersOfKey.items[position])
        if root != target {
          target = people.join(root, target)
          linked = true
        }
      }
      if linked { linkedKeys.append(Int32(key)) }
    }
  }

  /// The usable keys with more than one order, kind by kind, each kind's in order of their
  /// oldest order.
  ///
  /// Keys with the same oldest order come in the order that order gives them. The keys are
  /// placed at their oldest order and read off in order. An order has at most one key of a kind
  /// but for phones (a billing and a shipping phone); the few keys that find their oldest order
  /// taken wait in a list of their own.
  private static func linkingOrder(
    keys: IdentifierKeys, ordersOfKey: InvertedIndex, usable: [Bool], referenceOfOrder: [Int32]
  ) -> [Int] {
    let orderCount = referenceOfOrder.count
    var keyStartingAt = [Int32](repeating: -1, count: orderCount)
    var linking: [Int] = []
    for kind in IdentifierKind.allCases {
      var sharedStarts: [(order: Int32, key: Int32)] = []
      for key in keys.keys(of: kind) where usable[key] && ordersOfKey.count(ofKey: key) > 1 {
        let oldest = ordersOfKey.items[ordersOfKey.range(ofKey: key).lowerBound]
        if keyStartingAt[Int(oldest)] < 0 {
          keyStartingAt[Int(oldest)] = Int32(key)
        } else {
          sharedStarts.append((oldest, Int32(key)))
        }
      }
      guard sharedStarts.isEmpty else {
        linking += orderedKeys(
          kind, keys: keys, referenceOfOrder: referenceOfOrder, startingAt: &keyStartingAt, sharedStarts: sharedStarts)
        continue
      }
      for order in 0..<orderCount where keyStartingAt[order] >= 0 {
        linking.append(Int(keyStartingAt[order]))
        keyStartingAt[order] = -1
      }
    }
    return linking
  }

  /// The keys of a kind placed at their oldest order, in order, with the keys that share an
  /// oldest order in the order of its reference's slots; clears the placed keys.
  private static func orderedKeys(
    _ kind: IdentifierKind, keys: IdentifierKeys, referenceOfOrder: [Int32], startingAt keyStartingAt: inout [Int32],
    sharedStarts: [(order: Int32, key: Int32)]
  ) -> [Int] {
    let waiting = sharedStarts.sorted { ($0.order, $0.key) < ($1.order, $1.key) }
    var next = 0
    var linking: [Int] = []
    for order in keyStartingAt.indices where keyStartingAt[order] >= 0 {
      var starting = [keyStartingAt[order]]
      keyStartingAt[order] = -1
      while next < waiting.count && waiting[next].order == Int32(order) {
        starting.append(waiting[next].key)
        next += 1
      }
      if starting.count > 1 {
        let base = Int(referenceOfOrder[order]) * keys.width
        let kindSlots = keys.slots(of: kind)
        let slots = keys.keyOfReference[(base + kindSlots.lowerBound)..<(base + kindSlots.upperBound)]
        starting.sort { (slots.firstIndex(of: $0) ?? Int.max) < (slots.firstIndex(of: $1) ?? Int.max) }
      }
      linking.append(contentsOf: starting.lazy.map(Int.init))
    }
    return linking
  }

  /// The merges, one per linking key with the orders of its value, stored compactly in parallel
  /// halves.
  func merges(keys: IdentifierKeys, ordersOfKey: InvertedIndex, orderIDs: [String], reasons: [Int32: String])
    -> IdentityResolution.Merges
  {
    let labels = IdentifierKind.allCases.map(\.label)
    let parts = ParallelWork.halves(linkedKeys.count, minimum: 10_000)
    let stores = ParallelWork.map(parts.count) { [linkedKeys] part in
      var store = IdentityResolution.Merges(identifiers: labels, orderIDs: orderIDs)
      var value: [UInt8] = []
      for key in linkedKeys[parts[part]] {
        value.removeAll(keepingCapacity: true)
        keys.appendValue(ofKey: Int(key), to: &value)
        store.append(
          identifier: keys.kind(ofKey: Int(key)).rawValue, value: value, orders: ordersOfKey.items(ofKey: Int(key)),
          reason: reasons.isEmpty ? nil : reasons[key])
      }
      return store
    }
    var merges = stores[0]
    for store in stores.dropFirst() { merges.append(sharingTablesWith: store) }
    return merges
  }

  /// The person of every order, `nil` for an order without a usable key (it stays anonymous), and
  /// each person's id: the kind and value of the first usable key of the person's oldest order.
  ///
  /// A root is the oldest order of its set, and has a usable key whenever any order of the set
  /// does, so the people are the roots with a usable key, in order. Each order's root and first
  /// usable key are found over halves of the orders in parallel.
  func people(keys: IdentifierKeys, usable: [Bool], referenceOfOrder: [Int32]) -> (
    personOfOrder: [PersonNumber?], personIDs: PersonIDs
  ) {
    let count = people.count
    let width = keys.width
    let parts = ParallelWork.halves(count, minimum: 10_000)
    let found = ParallelWork.map(parts.count) { [people] part in
      var roots = [Int32](repeating: -1, count: parts[part].count)
      var personKeys = [Int32](repeating: -1, count: parts[part].count)
      for order in parts[part] {
        let base = Int(referenceOfOrder[order]) * width
        for slot in base..<(base + width) where keys.keyOfReference[slot] >= 0 && usable[Int(keys.keyOfReference[slot])]
        {
          personKeys[order - parts[part].lowerBound] = keys.keyOfReference[slot]
          roots[order - parts[part].lowerBound] = people.rootWithoutCompressing(of: Int32(order))
          break
        }
      }
      return (roots, personKeys)
    }
    let rootOfOrder = found.count == 1 ? found[0].0 : found.flatMap(\.0)
    var personOfRoot = [Int32](repeating: -1, count: count)
    var personKeys: [Int32] = []
    for part in found.indices {
      for (offset, root) in found[part].0.enumerated() where root == Int32(parts[part].lowerBound + offset) {
        personOfRoot[Int(root)] = Int32(personKeys.count)
        personKeys.append(found[part].1[offset])
      }
    }
    let personOfOrder = rootOfOrder.map { $0 < 0 ? nil : PersonNumber(Int(personOfRoot[Int($0)])) }
    let idParts = ParallelWork.halves(personKeys.count, minimum: 10_000)
    let ids = ParallelWork.map(idParts.count) { [personKeys] part in
      var ids = PersonIDs()
      var id: [UInt8] = []
      for key in personKeys[idParts[part]] {
        id.removeAll(keepingCapacity: true)
        id.append(contentsOf: keys.kind(ofKey: Int(key)).prefix.utf8)
        keys.appendValue(ofKey: Int(key), to: &id)
        ids.append(id)
      }
      return ids
    }
    var personIDs = ids[0]
    for part in ids.dropFirst() { personIDs.append(contentsOf: part) }
    return (personOfOrder, personIDs)
  }
}
