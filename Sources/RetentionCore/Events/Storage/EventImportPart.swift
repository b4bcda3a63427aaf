import _RetentionSupport

/// What one part of an event input produced: its events as columns in input order (with the
/// part's own string numbers), and the accounting of its rows.
///
/// A file read in parallel has several parts, each read on its own; ``EventLogBuilder`` merges
/// them in file order. Events built in code make one part.
struct EventImportPart: Sendable {
  var times: [Double] = []
  var codes: [EventCode] = []
  var customers: [Int32] = []
  var subjects: [Int32] = []
  var details: [Int32] = []
  var customerIDs = ByteInterner(capacity: 1_024)
  var products = ByteInterner(capacity: 256)
  var orders = ByteInterner(capacity: 256)
  var messages = ByteInterner(capacity: 256)
  var flows = ByteInterner(capacity: 16)
  var messageDetails: [MessageDetail] = []
  private var detailNumbers: [MessageDetail: Int32] = [:]
  var listStarts: [Int32] = [0]
  var listProducts: [Int32] = []
  var scores: [Double] = []
  /// The product ids of the row being read (ranges in its bytes), kept to save an allocation
  /// per row.
  var productItems: [Range<Int>] = []
  /// The last customer, message, flow and order interned (bytes and entry): consecutive rows often
  /// repeat them, and comparing bytes is cheaper than hashing them.
  private var lastValues: [(bytes: [UInt8], entry: Int32)] = Array(repeating: ([], -1), count: 4)
  var report = ImportReport()
  /// The data rows read (blank rows included).
  var rowsRead = 0
  /// The records read, header included: the row offset of the next part.
  var recordsRead = 0
  var failure: RetentionCoreError?
  let mode: ImportMode

  /// Creates an empty part.
  ///
  /// - Parameters:
  ///   - mode: Reject bad rows, or throw at the first.
  ///   - expectedRows: About how many rows the part will read, so that its string tables start
  ///     big enough (a file of *b* bytes has about *b* / 60 rows).
  init(mode: ImportMode, expectedRows: Int = 0) {
    self.mode = mode
    let rows = Swift.max(0, expectedRows)
    customerIDs = ByteInterner(capacity: Swift.max(1_024, rows / 8))
    messages = ByteInterner(capacity: Swift.max(256, rows / 4))
    orders = ByteInterner(capacity: Swift.max(256, rows / 8))
    products = ByteInterner(capacity: Swift.max(256, Swift.min(rows / 16, 1 << 16)))
    times.reserveCapacity(rows)
    codes.reserveCapacity(rows)
    customers.reserveCapacity(rows)
    subjects.reserveCapacity(rows)
    details.reserveCapacity(rows)
  }

  /// The number of events.
  var count: Int { times.count }

  /// Rejects rows into the report, or (in strict mode) throws the error.
  mutating func reject(_ error: RetentionCoreError, rows: Int = 1) throws {
    if mode == .strict {
      failure = error
      throw error
    }
    report.reject(error, rows: rows)
  }

  /// The tables whose last value is remembered.
  enum RepeatedField: Int { case customer, message, flow, order }

  /// The entry of a customer id, message id, flow or order id, added if new.
  mutating func intern(_ bytes: ByteView, _ field: RepeatedField) -> Int32 {
    let last = lastValues[field.rawValue]
    if last.entry >= 0 && bytes.elementsEqual(last.bytes) { return last.entry }
    let entry: Int32
    switch field {
    case .customer: entry = customerIDs.intern(bytes)
    case .message: entry = messages.intern(bytes)
    case .flow: entry = flows.intern(bytes)
    case .order: entry = orders.intern(bytes)
    }
    lastValues[field.rawValue].bytes.removeAll(keepingCapacity: true)
    lastValues[field.rawValue].bytes.append(bytes)
    lastValues[field.rawValue].entry = entry
    return entry
  }

  /// Appends an event whose strings are already numbered.
  mutating func append(time: Double, code: EventCode, customer: Int32, subject: Int32, detail: Int32) {
    times.append(time + 0)  // -0.0 becomes 0.0, so equal instants have equal bits
    codes.append(code)
    customers.append(customer)
    subjects.append(subject)
    details.append(detail)
  }

  /// The number of a product list, appended from product numbers.
  mutating func appendList(_ products: some Sequence<Int32>) -> Int32 {
    listProducts.append(contentsOf: products)
    listStarts.append(Int32(listProducts.count))
    return Int32(listStarts.count - 2)
  }

  /// The position of a score, appended.
  mutating func appendScore(_ score: Double) -> Int32 {
    scores.append(score + 0)
    return Int32(scores.count - 1)
  }

  /// The number of a message's details, added if new.
  mutating func detail(flow: Int32, step: Int32, channel: Int8) -> Int32 {
    let detail = MessageDetail(flow: flow, step: step, channel: channel)
    if let number = detailNumbers[detail] { return number }
    let number = Int32(messageDetails.count)
    messageDetails.append(detail)
    detailNumbers[detail] = number
    return number
  }
}
