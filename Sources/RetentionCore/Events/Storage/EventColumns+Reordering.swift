extension EventColumns {
  /// The events at some positions, in that order, with every table (customer ids, products,
  /// orders, messages, flows, message details, product lists, scores) renumbered in the order the
  /// events first use its entries; entries no event uses are dropped.
  ///
  /// - Parameter positions: Positions of events, each at most once.
  /// - Complexity: O(*n* + *s*) for *n* positions and *s* table entries.
  package func reordered(_ positions: [Int32]) -> EventColumns {
    var result = EventColumns()
    result.times = positions.map { times[Int($0)] }
    result.codes = positions.map { codes[Int($0)] }
    var customerNumbers = Renumbering(count: customerIDs.count)
    var productNumbers = Renumbering(count: products.count)
    var orderNumbers = Renumbering(count: orders.count)
    var messageNumbers = Renumbering(count: messages.count)
    var flowNumbers = Renumbering(count: flows.count)
    var detailNumbers = Renumbering(count: messageDetails.count)
    result.customers = positions.map { position in
      let customer = customers[Int(position)]
      return customer < 0 ? -1 : customerNumbers.number(customer)
    }
    result.subjects.reserveCapacity(positions.count)
    result.details.reserveCapacity(positions.count)
    func list(_ list: Int32) -> Int32 {
      for product in self.productNumbers(ofList: list) { result.listProducts.append(productNumbers.number(product)) }
      result.listStarts.append(Int32(result.listProducts.count))
      return Int32(result.listStarts.count - 2)
    }
    for position in positions.lazy.map(Int.init) {
      let subject = subjects[position], detail = details[position]
      let code = codes[position]
      switch code.subject {
      case .product: result.subjects.append(productNumbers.number(subject))
      case .productList: result.subjects.append(list(subject))
      case .order: result.subjects.append(orderNumbers.number(subject))
      case .message: result.subjects.append(messageNumbers.number(subject))
      case .score:
        result.scores.append(scores[Int(subject)])
        result.subjects.append(Int32(result.scores.count - 1))
      case .channel, .none: result.subjects.append(subject)
      }
      switch code.subject {
      case .message:
        let (number, isNew) = detailNumbers.numberAndNewness(detail)
        if isNew {
          var message = messageDetails[Int(detail)]
          if message.flow >= 0 { message.flow = flowNumbers.number(message.flow) }
          result.messageDetails.append(message)
        }
        result.details.append(number)
      case .order where detail >= 0: result.details.append(list(detail))
      default: result.details.append(-1)
      }
    }
    result.customerIDs = customerIDs.renumbered(customerNumbers.entries)
    result.products = products.renumbered(productNumbers.entries)
    result.orders = orders.renumbered(orderNumbers.entries)
    result.messages = messages.renumbered(messageNumbers.entries)
    result.flows = flows.renumbered(flowNumbers.entries)
    return result
  }
}

extension EventStringTable {
  /// The strings with the given old numbers, numbered `0, 1, ...` in that order.
  func renumbered(_ oldNumbers: [Int32]) -> EventStringTable {
    EventStringTable(interner: interner, entryOfNumber: oldNumbers.map { entryOfNumber[Int($0)] })
  }
}

/// Numbers the entries of a table in order of first use.
private struct Renumbering {
  private var numberOfEntry: [Int32]
  /// The entry of each number.
  private(set) var entries: [Int32] = []

  init(count: Int) { numberOfEntry = [Int32](repeating: -1, count: count) }

  mutating func number(_ entry: Int32) -> Int32 { numberAndNewness(entry).number }

  mutating func numberAndNewness(_ entry: Int32) -> (number: Int32, isNew: Bool) {
    let known = numberOfEntry[Int(entry)]
    if known >= 0 { return (known, false) }
    let number = Int32(entries.count)
    numberOfEntry[Int(entry)] = number
    entries.append(entry)
    return (number, true)
  }
}
