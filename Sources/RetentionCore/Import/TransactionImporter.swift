import Foundation
import _RetentionSupport

/// Imports one-row-per-purchase CSV files: customer, date and (optionally) amount and order id.
struct TransactionImporter {
  let columns: TransactionColumns

  func importOrders(_ source: CSVReader, context: ImportContext) throws -> OrderLog {
    var reader = source
    var record = CSVRecord()
    let header = try readHeader(&reader, record: &record)
    let customerColumn = try header.required(columns.customer)
    let dateColumn = try header.required(columns.date)
    var amountColumn: Int?
    if let amount = columns.amount {
      // The default name "amount" is optional; a name the caller gave must exist.
      amountColumn = amount == "amount" ? header[amount] : try header.required(amount)
    }
    let orderColumn = try columns.order.map { try header.required($0) }
    let fieldCount = header.names.count
    var builder = OrderLogBuilder(mode: context.mode, currency: context.currency)
    var strings = StringCache()
    var rowsRead = 0
    while try reader.readRecord(into: &record) {
      let row = reader.recordNumber
      rowsRead += 1
      guard try isDataRow(record, row: row, expected: fieldCount, builder: &builder) else { continue }
      if record.isEmpty(at: customerColumn) {
        try builder.reject(
          RetentionCoreError(.missingField, row: row, field: columns.customer, reason: "the customer id is empty"), rows: 1)
        continue
      }
      let time: Double
      switch parseDate(record, dateColumn, row: row, field: columns.date, format: columns.dateFormat, context: context) {
      case .success(let value): time = value
      case .failure(let error):
        try builder.reject(error, rows: 1)
        continue
      }
      var amount = 0.0
      if let amountColumn {
        switch parseNumber(record, amountColumn, row: row, field: columns.amount ?? "amount") {
        case .success(let value): amount = value
        case .failure(let error):
          try builder.reject(error, rows: 1)
          continue
        }
      }
      let customer = strings.string(record, customerColumn, trimming: true)
      let orderID = orderColumn.map { strings.string(record, $0) } ?? "\(customer)-\(row)"
      let order = Order(
        id: orderID, customer: CustomerReference(id: customer), placedAt: Date(timeIntervalSince1970: time),
        total: amount)
      try builder.append(order, row: row, rowCount: 1)
    }
    if rowsRead == 0 {
      throw RetentionCoreError(.emptyInput, row: 2, reason: "the file has a header but no data rows")
    }
    builder.report.rowsRead = rowsRead
    var log = try builder.build()
    // Each imported row is one purchase without line items.
    log.report.linesImported = rowsRead - log.report.rowsRejected - log.report.rowsExcluded
    return log
  }
}
