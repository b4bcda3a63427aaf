import _RetentionSupport

extension EventColumns {
  /// The events at some positions, in that order, with every table (customer ids, products,
  /// orders, messages, flows, message details, product lists, scores) renumbered in the order the
  /// events first use its entries; entries no event uses are dropped.
  ///
  /// The columns are gathered in parallel chunks; each table is numbered by one task walking the
  /// events in order, the tables in parallel; the new numbers are then applied in parallel chunks.
  /// The result does not depend on the number of threads.
  ///
  /// - Parameter positions: Positions of events, each at most once.
  /// - Complexity: O(*n* + *s*) for *n* positions and *s* table entries.
  package func reordered(_ positions: [Int32]) -> EventColumns {
    let chunks = ParallelWork.chunks(of: positions.count, count: 8, minimumSize: 1 << 16)
    var result = EventColumns()
    (result.times, result.codes) = ParallelWork.build(chunks) { chunk, times, codes in
      for index in chunk {
        let position = Int(positions[index])
        times.append(self.times[position])
        codes.append(self.codes[position])
      }
    }
    let (oldCustomers, oldSubjects) = ParallelWork.build(chunks) { chunk, customers, subjects in
      for index in chunk {
        let position = Int(positions[index])
        customers.append(self.customers[position])
        subjects.append(self.subjects[position])
      }
    }
    let oldDetails = ParallelWork.build(counts: chunks.map(\.count)) { task, details in
      for index in chunks[task] { details.append(self.details[Int(positions[index])]) }
    }.elements
    let codes = result.codes

    // Each table numbered in order of first use, one task per table.
    let numberings = ParallelWork.map(4) { task -> [Numbering] in
      switch task {
      case 0:
        var customers = Numbering(count: self.customerIDs.count)
        for customer in oldCustomers where customer >= 0 { customers.assign(customer) }
        return [customers]
      case 1:
        var products = Numbering(count: self.products.count)
        for index in codes.indices {
          let subject = oldSubjects[index]
          switch codes[index].subject {
          case .product: products.assign(subject)
          case .productList: for product in self.productNumbers(ofList: subject) { products.assign(product) }
          case .order where oldDetails[index] >= 0:
            for product in self.productNumbers(ofList: oldDetails[index]) { products.assign(product) }
          default: break
          }
        }
        return [products]
      case 2:
        var orders = Numbering(count: self.orders.count)
        for index in codes.indices where codes[index].subject == .order { orders.assign(oldSubjects[index]) }
        return [orders]
      default:
        var messages = Numbering(count: self.messages.count)
        var details = Numbering(count: self.messageDetails.count)
        var flows = Numbering(count: self.flows.count)
        for index in codes.indices where codes[index].subject == .message {
          messages.assign(oldSubjects[index])
          let detail = oldDetails[index]
          if details.assign(detail) {
            let flow = self.messageDetails[Int(detail)].flow
            if flow >= 0 { flows.assign(flow) }
          }
        }
        return [messages, details, flows]
      }
    }
    let customers = numberings[0][0], products = numberings[1][0], orders = numberings[2][0]
    let messages = numberings[3][0], details = numberings[3][1], flows = numberings[3][2]

    // Product lists and scores, repacked in the order of the events that use them.
    var newList = [Int32](repeating: -1, count: listStarts.count - 1)
    var newScore = [Int32](repeating: -1, count: scores.count)
    for index in codes.indices {
      let subject = oldSubjects[index]
      var list: Int32 = -1
      switch codes[index].subject {
      case .productList: list = subject
      case .order: list = oldDetails[index]
      case .score:
        newScore[Int(subject)] = Int32(result.scores.count)
        result.scores.append(scores[Int(subject)])
      default: break
      }
      guard list >= 0 else { continue }
      newList[Int(list)] = Int32(result.listStarts.count - 1)
      for product in productNumbers(ofList: list) { result.listProducts.append(products.newNumber(product)) }
      result.listStarts.append(Int32(result.listProducts.count))
    }
    result.messageDetails = details.entries.map { entry in
      var detail = messageDetails[Int(entry)]
      if detail.flow >= 0 { detail.flow = flows.newNumber(detail.flow) }
      return detail
    }

    // The new numbers applied to every event.
    (result.customers, result.subjects) = ParallelWork.build(chunks) {
      [newList, newScore] chunk, newCustomers, newSubjects in
      for index in chunk {
        let customer = oldCustomers[index]
        newCustomers.append(customer < 0 ? -1 : customers.newNumber(customer))
        let subject = oldSubjects[index]
        switch codes[index].subject {
        case .product: newSubjects.append(products.newNumber(subject))
        case .productList: newSubjects.append(newList[Int(subject)])
        case .order: newSubjects.append(orders.newNumber(subject))
        case .message: newSubjects.append(messages.newNumber(subject))
        case .score: newSubjects.append(newScore[Int(subject)])
        case .channel, .none: newSubjects.append(subject)
        }
      }
    }
    result.details =
      ParallelWork.build(counts: chunks.map(\.count)) { [newList] task, newDetails in
        for index in chunks[task] {
          let detail = oldDetails[index]
          switch codes[index].subject {
          case .message: newDetails.append(details.newNumber(detail))
          case .order where detail >= 0: newDetails.append(newList[Int(detail)])
          default: newDetails.append(-1)
          }
        }
      }.elements
    result.customerIDs = self.customerIDs.renumbered(customers.entries)
    result.products = self.products.renumbered(products.entries)
    result.orders = self.orders.renumbered(orders.entries)
    result.messages = self.messages.renumbered(messages.entries)
    result.flows = self.flows.renumbered(flows.entries)
    return result
  }
}

extension EventStringTable {
  /// The strings with the given old numbers, numbered `0, 1, ...` in that order.
  func renumbered(_ oldNumbers: [Int32]) -> EventStringTable {
    EventStringTable(interner: interner, entryOfNumber: oldNumbers.map { entryOfNumber[Int($0)] })
  }
}

/// New numbers for the entries of a table, in order of first use.
private struct Numbering: Sendable {
  private var numberOfEntry: [Int32]
  /// The old entry of each new number.
  private(set) var entries: [Int32] = []

  init(count: Int) { numberOfEntry = [Int32](repeating: -1, count: count) }

  /// Numbers an entry if it has no number yet; returns whether it was new.
  @discardableResult
  mutating func assign(_ entry: Int32) -> Bool {
    guard numberOfEntry[Int(entry)] < 0 else { return false }
    numberOfEntry[Int(entry)] = Int32(entries.count)
    entries.append(entry)
    return true
  }

  /// The new number of an entry that has one.
  func newNumber(_ entry: Int32) -> Int32 { numberOfEntry[Int(entry)] }
}
