import Foundation
import Segmentation
import _CommandLineSupport

/// `secondsale segment FILE --export merges`: the audit of identity resolution.
///
/// Every merge (the person, the identifier that joined the orders, its rule and reason, the
/// orders and the shop's customer ids joined), every identifier set aside (its rule, reason,
/// orders and customer ids), and every order left without a person because all its identifiers
/// were set aside (one row per identifier). As CSV, one row per record with a `record` column
/// (`merge`, `ignored`, `order-set-aside`) and the orders and customer ids separated by spaces;
/// as JSON, three arrays.
struct MergesExport: Encodable {
  /// One merge of orders into a person.
  struct Merge: Encodable {
    var person: String?
    var identifier: String
    var value: String
    var rule: IdentityRule
    var reason: String?
    var orders: [String]
    /// The shop's customer ids of the orders, each once, in order of first order (guest orders
    /// have none).
    var customerIDs: [String]
  }

  /// One identifier value set aside.
  struct Ignored: Encodable {
    var identifier: String
    var value: String
    var rule: IdentityRule?
    var reason: String
    var orders: [String]
    var customerIDs: [String]
  }

  /// One identifier of an order set aside.
  struct SetAsideIdentifier: Encodable {
    var identifier: String
    var value: String
    var rule: IdentityRule?
    var reason: String
  }

  /// One order without a person because every identifier it carried was set aside.
  struct OrderSetAside: Encodable {
    var order: String
    var customerID: String?
    var reason: String
    var identifiers: [SetAsideIdentifier]
  }

  var identity: String
  var merges: [Merge]
  var ignoredIdentifiers: [Ignored]
  var ordersSetAside: [OrderSetAside]

  /// The audit of a resolution of an imported log.
  init(resolution: IdentityResolution, log: OrderLog, identity: String) {
    var indexOfOrder: [String: Int] = [:]
    indexOfOrder.reserveCapacity(log.orderCount)
    for (index, id) in log.orderIDs.enumerated() { indexOfOrder[id] = index }
    func customerIDs(_ orders: [String]) -> [String] {
      var seen: Set<String> = []
      return orders.compactMap { indexOfOrder[$0].flatMap(log.customerID(ofOrder:)) }.filter {
        seen.insert($0).inserted
      }
    }
    self.identity = identity
    merges = resolution.merges.map { merge in
      let person = merge.orders.first.flatMap { indexOfOrder[$0] }.flatMap { resolution.personOfOrder[$0] }
      return Merge(
        person: person.map(resolution.id(of:)), identifier: merge.identifier, value: merge.value, rule: merge.rule,
        reason: merge.reason, orders: merge.orders, customerIDs: customerIDs(merge.orders))
    }
    ignoredIdentifiers = resolution.ignoredIdentifiers.map {
      Ignored(
        identifier: $0.identifier, value: $0.value, rule: $0.rule, reason: $0.reason, orders: $0.orders,
        customerIDs: customerIDs($0.orders))
    }
    ordersSetAside = resolution.ordersSetAside.map { order in
      OrderSetAside(
        order: order.order, customerID: indexOfOrder[order.order].flatMap(log.customerID(ofOrder:)),
        reason: order.reason,
        identifiers: order.identifiers.map {
          SetAsideIdentifier(identifier: $0.identifier, value: $0.value, rule: $0.rule, reason: $0.reason)
        })
    }
  }

  /// The CSV columns.
  static let header = ["record", "person", "identifier", "value", "rule", "reason", "orders", "customer_ids"]

  /// The audit as CSV, one row per merge, ignored identifier, and identifier of an order set
  /// aside.
  var csv: String {
    var writer = CSVWriter(header: Self.header)
    for merge in merges {
      writer.append([
        "merge", .text(merge.person ?? ""), .text(merge.identifier), .text(merge.value), .text(merge.rule.rawValue),
        .text(merge.reason ?? ""), .text(merge.orders.joined(separator: " ")),
        .text(merge.customerIDs.joined(separator: " ")),
      ])
    }
    for ignored in ignoredIdentifiers {
      writer.append([
        "ignored", "", .text(ignored.identifier), .text(ignored.value), .text(ignored.rule?.rawValue ?? ""),
        .text(ignored.reason), .text(ignored.orders.joined(separator: " ")),
        .text(ignored.customerIDs.joined(separator: " ")),
      ])
    }
    for order in ordersSetAside {
      for identifier in order.identifiers {
        writer.append([
          "order-set-aside", "", .text(identifier.identifier), .text(identifier.value),
          .text(identifier.rule?.rawValue ?? ""), .text(identifier.reason), .text(order.order),
          .text(order.customerID ?? ""),
        ])
      }
    }
    return writer.text
  }
}
