import _RetentionSupport

/// Builds the columns of an event log from the parts of its input: the parts' strings merged
/// into one numbering, the events sorted by time and then by their content, exact duplicates
/// dropped, and every string, product list, message detail and score renumbered in the order of
/// the sorted events.
///
/// The result depends only on the events, not on their order in the input nor on how the input
/// was split into parts: the same events in any order give the same columns.
struct EventLogBuilder {
  /// The events of all parts, in input order, with the merged strings numbered in input order.
  private(set) var merged = EventColumns()

  /// Merges the parts, in input order.
  ///
  /// - Complexity: O(*n* + *s*), where *n* is the number of events and *s* the number of distinct
  ///   strings of the parts.
  init(_ parts: [EventImportPart]) {
    // The five string tables merge independently, in parallel.
    let tables = ParallelWork.map(5) { table -> (ByteInterner, [[Int32]]) in
      Self.merge(parts.map { Self.interner(table, of: $0) })
    }
    let customerMaps = tables[0].1, productMaps = tables[1].1, orderMaps = tables[2].1
    let messageMaps = tables[3].1, flowMaps = tables[4].1
    let total = parts.reduce(0) { $0 + $1.count }
    var columns = EventColumns()
    columns.times.reserveCapacity(total)
    columns.codes.reserveCapacity(total)
    columns.customers.reserveCapacity(total)
    columns.subjects.reserveCapacity(total)
    columns.details.reserveCapacity(total)
    var detailNumbers: [MessageDetail: Int32] = [:]
    for (number, part) in parts.enumerated() {
      let customerMap = customerMaps[number], productMap = productMaps[number], orderMap = orderMaps[number]
      let messageMap = messageMaps[number], flowMap = flowMaps[number]
      let listOffset = Int32(columns.listStarts.count - 1), scoreOffset = Int32(columns.scores.count)
      var detailMap: [Int32] = []
      for detail in part.messageDetails {
        var global = detail
        if detail.flow >= 0 { global.flow = flowMap[Int(detail.flow)] }
        if let known = detailNumbers[global] {
          detailMap.append(known)
        } else {
          detailNumbers[global] = Int32(columns.messageDetails.count)
          detailMap.append(Int32(columns.messageDetails.count))
          columns.messageDetails.append(global)
        }
      }
      for list in 0..<(part.listStarts.count - 1) {
        let range = Int(part.listStarts[list])..<Int(part.listStarts[list + 1])
        columns.listProducts.append(contentsOf: part.listProducts[range].lazy.map { productMap[Int($0)] })
        columns.listStarts.append(Int32(columns.listProducts.count))
      }
      columns.scores.append(contentsOf: part.scores)
      columns.times.append(contentsOf: part.times)
      columns.codes.append(contentsOf: part.codes)
      columns.customers.append(contentsOf: part.customers.lazy.map { $0 < 0 ? -1 : customerMap[Int($0)] })
      for index in 0..<part.count {
        let subject = part.subjects[index], detail = part.details[index]
        let code = part.codes[index]
        switch code.subject {
        case .product: columns.subjects.append(productMap[Int(subject)])
        case .productList: columns.subjects.append(subject + listOffset)
        case .order: columns.subjects.append(orderMap[Int(subject)])
        case .message: columns.subjects.append(messageMap[Int(subject)])
        case .score: columns.subjects.append(subject + scoreOffset)
        case .channel, .none: columns.subjects.append(subject)
        }
        switch code.subject {
        case .message: columns.details.append(detailMap[Int(detail)])
        case .order where detail >= 0: columns.details.append(detail + listOffset)
        default: columns.details.append(-1)
        }
      }
    }
    func table(_ number: Int) -> EventStringTable {
      EventStringTable(interner: tables[number].0, entryOfNumber: Array(0..<Int32(tables[number].0.count)))
    }
    columns.customerIDs = table(0)
    columns.products = table(1)
    columns.orders = table(2)
    columns.messages = table(3)
    columns.flows = table(4)
    merged = columns
  }

  /// One of a part's five string tables.
  private static func interner(_ table: Int, of part: EventImportPart) -> ByteInterner {
    switch table {
    case 0: part.customerIDs
    case 1: part.products
    case 2: part.orders
    case 3: part.messages
    default: part.flows
    }
  }

  /// The strings of several interners in one numbering (the first interner's, extended), with
  /// the merged number of each interner's entries.
  private static func merge(_ interners: [ByteInterner]) -> (ByteInterner, [[Int32]]) {
    guard var merged = interners.first else { return (ByteInterner(), []) }
    var maps = [Array(0..<Int32(merged.count))]
    for interner in interners.dropFirst() {
      maps.append((0..<interner.count).map { entry in interner.read(Int32(entry)) { merged.intern($0) } })
    }
    return (merged, maps)
  }

  /// The merged events as a log's columns: sorted by time and then by content, exact duplicates
  /// dropped, and every table renumbered in the order of the sorted events.
  ///
  /// - Returns: The columns, and the number of duplicates dropped.
  /// - Complexity: O(*n*) for *n* events, plus O(*r* log *r*) for the *r* events that share
  ///   their time with another.
  func columns() -> (columns: EventColumns, duplicates: Int) {
    var ordering = EventOrdering(merged)
    let order = ordering.sortedPositions(droppingDuplicates: true)
    return (merged.reordered(order.positions), order.duplicates)
  }
}
