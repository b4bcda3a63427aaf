import _RetentionSupport
import Foundation

/// The rules of a CDNOW row (Fader, Hardie & Lee 2005), applied one line at a time, and the log
/// they build.
///
/// Master rows are `customer yyyymmdd cds dollars`; sample rows are
/// `customer sample_id yyyymmdd cds dollars`, whose customer is the sample id (as in the published
/// summaries). Each row is one paid order, in USD, of `cds` units of the product "CD" worth
/// `dollars` in total, whose id is the customer and the row number (`"4-17"`), so that no two are
/// alike. The customer id is written without leading zeros ("00004" is "4"). A first line that
/// does not start with a digit is a header; blank lines after the first row are excluded.
///
/// Both ways of finding the lines (the whole file in memory, or the CSV reader's records) hand
/// each line here, so that they import alike; where the rows go is the `Sink`
/// (``CDNOWRowSink``).
struct CDNOWRows<Sink: CDNOWRowSink> {
  private var sink: Sink
  private let utcOffset: Int
  private var rowsRead = 0
  private var sawData = false
  /// The number of fields of every data row: 4 (master) or 5 (sample), set by the first one.
  private var columns = 0
  private var tokens: [Range<Int>] = []
  /// The last customer, by the value of its digits (ids of at most 18 digits), with its id:
  /// consecutive rows of one customer (the files are sorted by customer) share one `String`.
  private var lastCustomer: (digits: UInt64, id: String)?
  /// The instants of the dates of plain rows read so far.
  private var dates = CompactDateCache()

  /// Creates the sink, with room for about `expectedRows` rows.
  init(context: ImportContext, expectedRows: Int) {
    sink = Sink(context: context, expectedRows: expectedRows)
    utcOffset = context.utcOffset
  }

  /// Rejects a line the reader could not keep (too long, or holding a NUL byte).
  mutating func reject(_ error: RetentionCoreError) throws {
    rowsRead += 1
    sawData = true
    try sink.reject(error)
  }

  /// Adds the line `bytes[range]` (without its line end), the `row`-th of the input.
  ///
  /// - Throws: In strict mode, the error of a bad row.
  mutating func add(_ bytes: [UInt8], _ range: Range<Int>, row: Int) throws {
    // The whitespace-separated tokens, as byte ranges.
    tokens.removeAll(keepingCapacity: true)
    var index = range.lowerBound
    while index < range.upperBound {
      while index < range.upperBound && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
      let start = index
      while index < range.upperBound && bytes[index] != 0x20 && bytes[index] != 0x09 { index += 1 }
      if index > start { tokens.append(start..<index) }
    }
    guard let first = tokens.first else {
      if sawData || rowsRead > 0 {
        rowsRead += 1
        sink.excludeBlankRow()
      }
      return
    }
    if !sawData && row == 1 && !Self.isDigit(bytes[first.lowerBound]) {
      return  // the master file's header line
    }
    rowsRead += 1
    sawData = true
    if columns == 0 && (tokens.count == 4 || tokens.count == 5) { columns = tokens.count }
    guard tokens.count == columns else {
      try sink.reject(
        RetentionCoreError(
          .malformedCSV, row: row,
          reason:
            "expected \(columns == 0 ? "4 or 5" : "\(columns)") whitespace-separated fields (customer [sample] yyyymmdd cds dollars), found \(tokens.count)"
        ))
      return
    }
    switch fields(bytes, row: row) {
    case .failure(let error):
      try sink.reject(error)
    case .success(let (customer, time, cds, dollars)):
      let unitPrice = cds > 0 ? dollars / cds : 0
      guard unitPrice.isFinite else {
        try sink.reject(
          RetentionCoreError(.notFinite, row: row, field: "unitPrice", reason: "the unit price is \(unitPrice)"))
        return
      }
      try sink.addOrder(customer: customer, time: time, cds: cds, dollars: dollars, unitPrice: unitPrice, row: row)
    }
  }

  /// Adds the line `bytes[range]` if it is a plain data row, as ``add(_:_:row:)`` would, without
  /// its list of tokens and its result value; returns `false`, having changed nothing, for any
  /// other line (then ``add(_:_:row:)`` takes it).
  ///
  /// A plain row comes after the first data row and has as many tokens as it, a customer token
  /// of 1 to 18 digits, a valid date and non-negative amounts whose unit price is finite: every
  /// row of the published files but the first. `CDNOWLineEquivalenceTests` compares the file in
  /// memory, which goes this way, with the reader's lines, which do not.
  ///
  /// - Throws: In strict mode, the sink's error.
  mutating func addPlainRow(_ bytes: [UInt8], _ range: Range<Int>, row: Int) throws -> Bool {
    guard sawData, columns != 0 else { return false }
    var index = range.lowerBound
    // The next run of bytes other than spaces and tabs, as `add` splits the line.
    func nextToken() -> Range<Int>? {
      while index < range.upperBound && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
      let start = index
      while index < range.upperBound && bytes[index] != 0x20 && bytes[index] != 0x09 { index += 1 }
      return index > start ? start..<index : nil
    }
    guard let first = nextToken(), let second = nextToken(), let third = nextToken(), let fourth = nextToken()
    else { return false }
    var fifth: Range<Int>?
    if columns == 5 {
      guard let token = nextToken() else { return false }
      fifth = token
    }
    guard nextToken() == nil else { return false }
    let customerToken = fifth == nil ? first : second
    let dateToken = fifth == nil ? second : third
    let cdsToken = fifth == nil ? third : fourth
    let dollarsToken = fifth ?? fourth
    guard let customerValue = Self.digitsValue(bytes, customerToken),
      let time = cachedSeconds(bytes, dateToken),
      let cds = Self.number(bytes, cdsToken), cds.isFinite, cds >= 0,
      let dollars = Self.number(bytes, dollarsToken), dollars.isFinite, dollars >= 0
    else { return false }
    let unitPrice = cds > 0 ? dollars / cds : 0
    guard unitPrice.isFinite else { return false }
    rowsRead += 1
    try sink.addOrder(
      customer: customerID(bytes, customerToken, value: customerValue), time: time, cds: cds, dollars: dollars,
      unitPrice: unitPrice, row: row)
    return true
  }

  /// The log of the rows added.
  ///
  /// - Throws: `.emptyInput` when no row was read; `.mixedCurrency` as ``OrderLogBuilder/build(inParallel:)``.
  consuming func build() throws -> OrderLog {
    if rowsRead == 0 {
      throw RetentionCoreError(.emptyInput, reason: "the file has no CDNOW rows")
    }
    return try sink.build(rowsRead: rowsRead)
  }

  /// The instant of a date token, as ``seconds(_:_:utcOffset:)`` reads it: from the cache of
  /// dates read so far when the token is eight digits (a date of the compact format has eight).
  private mutating func cachedSeconds(_ bytes: [UInt8], _ token: Range<Int>) -> Double? {
    guard token.count == 8, let digits = Self.digitsValue(bytes, token) else {
      return Self.seconds(bytes, token, utcOffset: utcOffset)
    }
    let utcOffset = utcOffset
    return dates.seconds(ofDigits: digits) { Self.seconds(bytes, token, utcOffset: utcOffset) }
  }

  /// The customer id, time, number of CDs and dollars of a row of four or five tokens, or the
  /// reason it is bad.
  private mutating func fields(_ bytes: [UInt8], row: Int) -> Result<
    (String, Double, Double, Double), RetentionCoreError
  > {
    let offset = tokens.count - 4
    let customerToken = tokens[tokens.count == 5 ? 1 : 0]
    let dateToken = tokens[offset + 1]
    let cdsToken = tokens[offset + 2]
    let dollarsToken = tokens[offset + 3]
    // A token of 1 to 18 digits (every CDNOW row's) is a non-negative whole number; others are
    // read as numbers, as by every importer, so that `4.0` or `1e3` is a customer number too.
    let isCustomerNumber =
      Self.digitsValue(bytes, customerToken) != nil
      || Self.number(bytes, customerToken).map { $0 >= 0 && $0 == $0.rounded() } == true
    guard isCustomerNumber else {
      return .failure(
        RetentionCoreError(
          .invalidNumber, row: row, field: "customer",
          reason: "not a customer number: \(Self.quoted(bytes, customerToken))"))
    }
    guard let time = Self.seconds(bytes, dateToken, utcOffset: utcOffset) else {
      return .failure(
        RetentionCoreError(
          .invalidDate, row: row, field: "date",
          reason: "not a valid yyyymmdd date: \(Self.quoted(bytes, dateToken))"))
    }
    guard let cds = Self.number(bytes, cdsToken), cds.isFinite, cds >= 0 else {
      return .failure(
        RetentionCoreError(
          .invalidNumber, row: row, field: "cds",
          reason: "not a non-negative number: \(Self.quoted(bytes, cdsToken))"))
    }
    guard let dollars = Self.number(bytes, dollarsToken), dollars.isFinite, dollars >= 0 else {
      return .failure(
        RetentionCoreError(
          .invalidNumber, row: row, field: "dollars",
          reason: "not a non-negative amount: \(Self.quoted(bytes, dollarsToken))"))
    }
    return .success((customerID(bytes, customerToken), time, cds, dollars))
  }

  /// A customer token without leading zeros ("00004" is "4", "000" is "0").
  private static func withoutLeadingZeros(_ bytes: [UInt8], _ token: Range<Int>) -> Range<Int> {
    var start = token.lowerBound
    while token.upperBound - start > 1 && bytes[start] == 0x30 { start += 1 }
    return start..<token.upperBound
  }

  /// The customer id of a token: without leading zeros.
  private mutating func customerID(_ bytes: [UInt8], _ token: Range<Int>) -> String {
    let digits = Self.withoutLeadingZeros(bytes, token)
    guard let value = Self.digitsValue(bytes, digits) else { return String(decoding: bytes[digits], as: UTF8.self) }
    return customerID(bytes, token, value: value)
  }

  /// The customer id of a token of 1 to 18 digits whose value is `value`: without leading
  /// zeros, the previous row's `String` when the value is the same.
  private mutating func customerID(_ bytes: [UInt8], _ token: Range<Int>, value: UInt64) -> String {
    if let last = lastCustomer, last.digits == value { return last.id }
    let id = String(decoding: bytes[Self.withoutLeadingZeros(bytes, token)], as: UTF8.self)
    lastCustomer = (value, id)
    return id
  }

  /// The value of a run of 1 to 18 ASCII digits, or `nil` for anything else.
  private static func digitsValue(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64? {
    guard !range.isEmpty, range.count <= 18 else { return nil }
    var value: UInt64 = 0
    for index in range {
      let byte = bytes[index]
      guard isDigit(byte) else { return nil }
      value = value * 10 + UInt64(byte - 0x30)
    }
    return value
  }

  /// A decimal number (`12.50`, `3`, `-1`, `1e-3`), or `nil`: the rule of every importer,
  /// `FieldParsing.double`; NaN and infinities are returned as such, for the
  /// caller to reject.
  static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
    bytes.withByteView { FieldParsing.double($0.extracting(range)) }
  }

  /// The seconds since 1970 of the start of a `yyyymmdd` day at a UTC offset, or `nil` for
  /// anything but eight digits of a valid date: `DateFormat.compact`, as every importer reads it.
  static func seconds(_ bytes: [UInt8], _ range: Range<Int>, utcOffset: Int) -> Double? {
    bytes.withByteView { DateFormat.compact.seconds($0.extracting(range), utcOffset: utcOffset) }
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private static func quoted(_ bytes: [UInt8], _ token: Range<Int>) -> String {
    RetentionCoreError.quoted(String(decoding: bytes[token], as: UTF8.self))
  }
}

/// Rows read on one thread can be handed to another (``CDNOWImporter/importBytesInHalves(_:context:splittingNear:)``).
extension CDNOWRows: Sendable where Sink: Sendable {}

extension CDNOWRows where Sink == CDNOWColumns {
  /// Appends the rows of `later`, which read the next `lineCount` lines of the same input on
  /// their own (numbered from 1), if that gives what reading them after these rows would; returns
  /// `false`, having changed nothing, otherwise.
  ///
  /// Read on their own, lines differ from lines read after others only where the state of the
  /// reader counts: a first line taken for a header, the number of fields set by the first data
  /// row, blank rows before any data, and the currency choice asked once per file. So `later` is
  /// taken only when every one of its lines became an order with as many fields as these rows',
  /// after at least one data row here, and the currency choice keeps every row unconverted on
  /// both sides (``CDNOWColumns/append(_:rowOffset:)``). Then each of its lines is the plain
  /// row ``addPlainRow(_:_:row:)`` would have added here, with the same fields.
  ///
  /// - Parameters:
  ///   - later: The rows of the lines after these, read on their own.
  ///   - lineCount: The number of lines `later` read.
  ///   - rowOffset: The number of lines before `later`'s first.
  mutating func append(_ later: CDNOWRows<CDNOWColumns>, lineCount: Int, rowOffset: Int) -> Bool {
    guard sawData, columns != 0, later.columns == columns, later.rowsRead == lineCount,
      sink.append(later.sink, rowCount: lineCount, rowOffset: rowOffset)
    else { return false }
    rowsRead += later.rowsRead
    lastCustomer = later.lastCustomer
    return true
  }
}
