import Foundation

/// Imports the whitespace-separated CDNOW files (Fader, Hardie & Lee 2005).
///
/// Master rows are `customer yyyymmdd cds dollars`; sample rows are
/// `customer sample_id yyyymmdd cds dollars`, whose customer id is the sample id (as in the
/// published summaries). A first line that does not start with a number is a header.
enum CDNOWImporter {
  static func importLines(_ source: CSVReader, context: ImportContext) throws -> OrderLog {
    var reader = source
    var record = CSVRecord()
    var builder = OrderLogBuilder(mode: context.mode)
    var rowsRead = 0
    var sawData = false
    var columns = 0
    while try reader.readRecord(into: &record) {
      let row = reader.recordNumber
      let line = record.string(at: 0)
      let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      if tokens.isEmpty {
        if sawData || rowsRead > 0 {
          rowsRead += 1
          builder.report.exclude("blank row")
        }
        continue
      }
      if !sawData && row == 1 && !(tokens[0].first?.isNumber ?? false) {
        continue  // the master file's header line
      }
      rowsRead += 1
      sawData = true
      if columns == 0 { columns = tokens.count }
      guard tokens.count == 4 || tokens.count == 5, tokens.count == columns else {
        try builder.reject(
          RetentionCoreError(
            .malformedCSV, row: row,
            reason: "expected \(columns == 0 ? 4 : columns) whitespace-separated fields (customer [sample] yyyymmdd cds dollars), found \(tokens.count)"),
          rows: 1)
        continue
      }
      let offset = tokens.count - 4
      let customerToken = tokens.count == 5 ? tokens[1] : tokens[0]
      guard let customerNumber = Int(customerToken) else {
        try builder.reject(
          RetentionCoreError(.invalidNumber, row: row, field: "customer", reason: "not a customer number: \"\(customerToken)\""),
          rows: 1)
        continue
      }
      let dateText = Array(tokens[offset + 1].utf8)
      let time = dateText.withUnsafeBufferPointer { DateFormat.compact.seconds($0, utcOffset: context.utcOffset) }
      guard let time else {
        try builder.reject(
          RetentionCoreError(.invalidDate, row: row, field: "date", reason: "not a valid yyyymmdd date: \"\(tokens[offset + 1])\""),
          rows: 1)
        continue
      }
      guard let cds = Double(tokens[offset + 2]), cds.isFinite, cds >= 0 else {
        try builder.reject(
          RetentionCoreError(.invalidNumber, row: row, field: "cds", reason: "not a non-negative number: \"\(tokens[offset + 2])\""),
          rows: 1)
        continue
      }
      guard let dollars = Double(tokens[offset + 3]), dollars.isFinite, dollars >= 0 else {
        try builder.reject(
          RetentionCoreError(
            .invalidNumber, row: row, field: "dollars", reason: "not a non-negative amount: \"\(tokens[offset + 3])\""),
          rows: 1)
        continue
      }
      let customer = String(customerNumber)
      let order = Order(
        id: "\(customer)-\(row)", customer: CustomerReference(id: customer),
        placedAt: Date(timeIntervalSince1970: time),
        lines: [LineItem(productID: "CD", quantity: cds, unitPrice: cds > 0 ? dollars / cds : 0)],
        total: dollars, currency: "USD")
      try builder.append(order, row: row, rowCount: 1)
    }
    if rowsRead == 0 {
      throw RetentionCoreError(.emptyInput, reason: "the file has no CDNOW rows")
    }
    builder.report.rowsRead = rowsRead
    return builder.build()
  }
}
