import _RetentionSupport

/// Merges the parts of an event input into one set of columns: the parts' strings in one
/// numbering, their events one after another in input order.
///
/// ``EventOrdering`` then sorts the merged events and ``EventLog/init(arranging:timeOrder:report:)``
/// stores them, so that the log depends only on the events, not on their order in the input nor
/// on how the input was split into parts.
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
    var columns = EventColumns()
    // The small tables (message details, product lists, scores) part by part, with the offsets
    // of each part's entries.
    var detailNumbers: [MessageDetail: Int32] = [:]
    var detailMaps: [[Int32]] = []
    var listOffsets: [Int32] = [], scoreOffsets: [Int32] = []
    for (number, part) in parts.enumerated() {
      let productMap = productMaps[number], flowMap = flowMaps[number]
      listOffsets.append(Int32(columns.listStarts.count - 1))
      scoreOffsets.append(Int32(columns.scores.count))
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
      detailMaps.append(detailMap)
      for list in 0..<(part.listStarts.count - 1) {
        let range = Int(part.listStarts[list])..<Int(part.listStarts[list + 1])
        columns.listProducts.append(contentsOf: part.listProducts[range].lazy.map { productMap[Int($0)] })
        columns.listStarts.append(Int32(columns.listProducts.count))
      }
      columns.scores.append(contentsOf: part.scores)
      columns.times.append(contentsOf: part.times)
      columns.codes.append(contentsOf: part.codes)
    }
    // The events' numbers, part by part in parallel.
    var starts = [0]
    for part in parts { starts.append(starts[starts.count - 1] + part.count) }
    let ranges = (0..<parts.count).map { starts[$0]..<starts[$0 + 1] }
    (columns.customers, columns.subjects) = ParallelWork.build(ranges) {
      [listOffsets, scoreOffsets] range, customers, subjects in
      // Parts without events have empty ranges: a part with events is the one range equal to its own.
      let number = ranges.firstIndex(of: range) ?? 0
      let part = parts[number]
      let customerMap = customerMaps[number], productMap = productMaps[number], orderMap = orderMaps[number]
      let messageMap = messageMaps[number]
      let listOffset = listOffsets[number], scoreOffset = scoreOffsets[number]
      for index in 0..<part.count {
        let customer = part.customers[index]
        customers.append(customer < 0 ? -1 : customerMap[Int(customer)])
        let subject = part.subjects[index]
        switch part.codes[index].subject {
        case .product: subjects.append(productMap[Int(subject)])
        case .productList: subjects.append(subject + listOffset)
        case .order: subjects.append(orderMap[Int(subject)])
        case .message: subjects.append(messageMap[Int(subject)])
        case .score: subjects.append(subject + scoreOffset)
        case .channel, .none: subjects.append(subject)
        }
      }
    }
    columns.details =
      ParallelWork.build(counts: parts.map(\.count)) { [detailMaps, listOffsets] number, details in
        let part = parts[number]
        let detailMap = detailMaps[number], listOffset = listOffsets[number]
        for index in 0..<part.count {
          let detail = part.details[index]
          switch part.codes[index].subject {
          case .message: details.append(detailMap[Int(detail)])
          case .order where detail >= 0: details.append(detail + listOffset)
          default: details.append(-1)
          }
        }
      }.elements
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
}
