import Foundation
import Testing
@testable import RetentionCore

/// A file of NUL bytes is not text: every format refuses it at its first line, in bounded time
/// and memory, with one short message (the 2 GB case was checked by hand; see CHANGELOG).
struct BinaryInputTests {
  /// Writes a 32 MiB file of zero bytes to a temporary folder.
  static func zeroFile() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("zeros-\(UUID().uuidString).bin")
    try Data(count: 32 << 20).write(to: url)
    return url
  }

  static let formats: [OrderFileFormat] = [
    .cdnow, .shopify, .onlineRetail, .groceries,
    .lineItems(LineItemColumns(customer: "c", date: "d", product: "p")),
    .transactions(TransactionColumns()),
  ]

  @Test(arguments: formats)
  func aZeroFilledFileIsRefusedAtOnce(format: OrderFileFormat) throws {
    let file = try Self.zeroFile()
    defer { try? FileManager.default.removeItem(at: file) }
    let clock = ContinuousClock()
    let start = clock.now
    let error = #expect(throws: RetentionCoreError.self) { try OrderLog(contentsOf: file, format: format) }
    let elapsed = clock.now - start
    #expect(error?.code == .notText)
    #expect(error?.row == 1)
    #expect((error?.description.count ?? .max) < 200)
    // Reading one 4 MiB chunk takes milliseconds; a whole read of 32 MiB in a debug build would
    // take far longer. The bound is generous for a loaded machine.
    #expect(elapsed < .seconds(5), "took \(elapsed)")
  }

  @Test func nulBytesAfterAGoodHeaderRejectTheirRows() throws {
    var bytes = Array("customer,date,amount\na,2024-01-01,5\n".utf8)
    bytes += [UInt8](repeating: 0, count: 3 << 20)  // a 3 MiB "row" of zeros: longer than the limit too
    bytes += Array("\nb,2024-01-02,7\n".utf8)
    let log = try OrderLog(csv: bytes, format: .transactions(TransactionColumns()))
    #expect(log.report.rowsRead == 3)
    #expect(log.report.rowsRejected == 1)
    #expect(log.report.rejections.first?.row == 3)
    #expect(log.report.rejectionReasons == ["not text": 1])
    #expect(log.orderCount == 2)
  }
}
