import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// Random bytes, truncated files and mutated rows never crash an importer: each either imports
/// with every row accounted for, or throws a `RetentionCoreError`.
struct ImporterFuzzTests {
  static let seed = #"""
    Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Refunded Amount
    #1,a@x.com,paid,10.00,2024-01-04 01:08:35 -0500,1,"A, b",10.00,S1,0
    #1,a@x.com,,,2024-01-04 01:08:35 -0500,2,"say ""hi""",1.00,S2,
    #2,b@x.com,refunded,5.00,2024-02-04 01:08:35 +0000,1,C,5.00,S3,5.00
    """#

  private func check(_ bytes: [UInt8], format: OrderFileFormat) {
    do {
      let log = try OrderLog(csv: bytes, format: format)
      let report = log.report
      if case .cdnow = format {
        #expect(report.rowsRead >= report.rowsRejected)
      } else {
        #expect(report.linesImported + report.rowsExcluded + report.rowsRejected == report.rowsRead)
      }
    } catch is RetentionCoreError {
      // A clear error is an acceptable outcome.
    } catch {
      Issue.record("unexpected error type: \(error)")
    }
  }

  @Test(arguments: 0..<40 as Range<UInt64>)
  func mutatedAndTruncatedInputsNeverCrash(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    var bytes = Array(Self.seed.utf8)
    let alphabet = Array(",\"\r\n 0123456789.-+eE#@abcNa".utf8) + [0xFF, 0xEF, 0xBB, 0xBF, 0x00]
    for _ in 0..<(1 + Int(generator.next() % 8)) {
      let position = Int(generator.next() % UInt64(bytes.count))
      switch generator.next() % 3 {
      case 0: bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
      case 1: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
      default: bytes.remove(at: position)
      }
    }
    let truncated = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count + 1))))
    let random = (0..<Int(generator.next() % 400)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    let formats: [OrderFileFormat] = [
      .shopify, .onlineRetail, .groceries, .cdnow,
      .lineItems(LineItemColumns(customer: "Email", order: "Name", date: "Created at", product: "Lineitem sku")),
      .transactions(TransactionColumns(customer: "Email", date: "Created at", amount: "Total")),
    ]
    for format in formats {
      check(bytes, format: format)
      check(truncated, format: format)
      check(random, format: format)
    }
  }
}
