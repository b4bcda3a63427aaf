import Foundation
import _RetentionSupport

/// Imports the whitespace-separated CDNOW files (Fader, Hardie & Lee 2005).
///
/// Master rows are `customer yyyymmdd cds dollars`; sample rows are
/// `customer sample_id yyyymmdd cds dollars`, whose customer id is the sample id (as in the
/// published summaries). A first line that does not start with a number is a header.
enum CDNOWImporter {
  /// Imports the rows of a CDNOW file.
  ///
  /// - Parameter byteCount: The size of the file, if known, to reserve room for its rows.
  static func importLines(_ source: CSVReader, context: ImportContext, byteCount: Int? = nil) throws -> OrderLog {
    var reader = source
    var record = CSVRecord()
    // Order ids are made up of the customer and the row number, so no two are alike. A row
    // takes at least 20 bytes (`1 19970101 1 11.77` and a newline); beyond a million rows the
    // builder grows as it goes (a huge or bogus file reserves no more).
    let expectedRows = min((byteCount ?? 0) / 20, 1 << 20)
    var builder = OrderLogBuilder(
      mode: context.mode, expectedCount: expectedRows, expectedLineCount: expectedRows, currency: context.currency,
      idsAreDistinct: true)
    var rowsRead = 0
    var sawData = false
    var columns = 0
    var strings = StringCache()
    var tokens: [Range<Int>] = []
    var cdProduct: Int32?
    while try reader.readRecord(into: &record) {
      let row = reader.recordNumber
      if let error = defectError(record, row: row) {
        rowsRead += 1
        sawData = true
        try builder.reject(error, rows: 1)
        continue
      }
      // Split the line into whitespace-separated tokens (byte ranges).
      tokens.removeAll(keepingCapacity: true)
      let firstIsDigit: Bool = record.withBytes(at: 0) { bytes in
        var index = 0
        while index < bytes.count {
          while index < bytes.count && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
          let start = index
          while index < bytes.count && bytes[index] != 0x20 && bytes[index] != 0x09 { index += 1 }
          if index > start { tokens.append(start..<index) }
        }
        guard let first = tokens.first else { return false }
        return bytes[first.lowerBound] >= 0x30 && bytes[first.lowerBound] <= 0x39
      }
      if tokens.isEmpty {
        if sawData || rowsRead > 0 {
          rowsRead += 1
          builder.report.exclude("blank row")
        }
        continue
      }
      if !sawData && row == 1 && !firstIsDigit {
        continue  // the master file's header line
      }
      rowsRead += 1
      sawData = true
      if columns == 0 && (tokens.count == 4 || tokens.count == 5) { columns = tokens.count }
      guard tokens.count == columns else {
        try builder.reject(
          RetentionCoreError(
            .malformedCSV, row: row,
            reason: "expected \(columns == 0 ? "4 or 5" : "\(columns)") whitespace-separated fields (customer [sample] yyyymmdd cds dollars), found \(tokens.count)"),
          rows: 1)
        continue
      }
      let parsed = record.withBytes(at: 0) { bytes in
        Self.fields(of: bytes, tokens: tokens, row: row, utcOffset: context.utcOffset, strings: &strings)
      }
      switch parsed {
      case .failure(let error):
        try builder.reject(error, rows: 1)
      case .success(let (customer, time, cds, dollars)):
        // One order of `cds` units of the product "CD" at `dollars` in total, added without
        // making an `Order` value (the same checks, in the same order, as `append(_:)`).
        let unitPrice = cds > 0 ? dollars / cds : 0
        guard unitPrice.isFinite else {
          try builder.reject(
            RetentionCoreError(.notFinite, row: row, field: "unitPrice", reason: "the unit price is \(unitPrice)"),
            rows: 1)
          continue
        }
        if let order = try builder.appendOrder(
          id: customer + "-" + String(row), customer: customer, time: time, currency: "USD", total: dollars, row: row,
          rowCount: 1)
        {
          let product = cdProduct ?? builder.productNumber(ofID: "CD")
          cdProduct = product
          builder.appendLine(toOrder: order, product: product, quantity: cds, unitPrice: unitPrice)
        }
      }
    }
    if rowsRead == 0 {
      throw RetentionCoreError(.emptyInput, reason: "the file has no CDNOW rows")
    }
    builder.report.rowsRead = rowsRead
    return try builder.build()
  }

  /// The customer (its id without leading zeros: "00004" is "4"), time, number of CDs and
  /// dollars of a row of four or five tokens, or the reason it is bad.
  private static func fields(
    of bytes: UnsafeBufferPointer<UInt8>, tokens: [Range<Int>], row: Int, utcOffset: Int, strings: inout StringCache
  ) -> Result<(String, Double, Double, Double), RetentionCoreError> {
    let offset = tokens.count - 4
    let customerToken = UnsafeBufferPointer(rebasing: bytes[tokens[tokens.count == 5 ? 1 : 0]])
    let dateToken = UnsafeBufferPointer(rebasing: bytes[tokens[offset + 1]])
    let cdsToken = UnsafeBufferPointer(rebasing: bytes[tokens[offset + 2]])
    let dollarsToken = UnsafeBufferPointer(rebasing: bytes[tokens[offset + 3]])
    guard let number = FieldParsing.double(customerToken), number >= 0, number == number.rounded() else {
      return .failure(
        RetentionCoreError(
          .invalidNumber, row: row, field: "customer",
          reason: "not a customer number: \(RetentionCoreError.quoted(String(decoding: customerToken, as: UTF8.self)))"))
    }
    guard let time = DateFormat.compact.seconds(dateToken, utcOffset: utcOffset) else {
      return .failure(
        RetentionCoreError(
          .invalidDate, row: row, field: "date",
          reason: "not a valid yyyymmdd date: \(RetentionCoreError.quoted(String(decoding: dateToken, as: UTF8.self)))"))
    }
    guard let cds = FieldParsing.double(cdsToken), cds.isFinite, cds >= 0 else {
      return .failure(
        RetentionCoreError(
          .invalidNumber, row: row, field: "cds",
          reason: "not a non-negative number: \(RetentionCoreError.quoted(String(decoding: cdsToken, as: UTF8.self)))"))
    }
    guard let dollars = FieldParsing.double(dollarsToken), dollars.isFinite, dollars >= 0 else {
      return .failure(
        RetentionCoreError(
          .invalidNumber, row: row, field: "dollars",
          reason: "not a non-negative amount: \(RetentionCoreError.quoted(String(decoding: dollarsToken, as: UTF8.self)))"))
    }
    var digits = customerToken
    while digits.count > 1 && digits[0] == 0x30 { digits = UnsafeBufferPointer(rebasing: digits[1...]) }
    return .success((strings.string(digits, column: 0), time, cds, dollars))
  }
}
