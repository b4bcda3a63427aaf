import Foundation
import Testing
import RetentionCore

struct CustomerReferenceTests {
  @Test func additionalPhonesRoundTripAndMayBeMissing() throws {
    let reference = CustomerReference(
      id: "c1", email: "ada@example.com", phone: "+1 555 010 2030", additionalPhones: ["5550102031"], name: "Ada")
    let decoded = try JSONDecoder().decode(CustomerReference.self, from: JSONEncoder().encode(reference))
    #expect(decoded == reference)
    #expect(decoded.phones == ["+1 555 010 2030", "5550102031"])
    // JSON written before additional phones existed decodes with none, and a reference without
    // any writes no key for them (its JSON is unchanged).
    let old = Data(#"{"id":"c1","phone":"0151 2345678"}"#.utf8)
    let decodedOld = try JSONDecoder().decode(CustomerReference.self, from: old)
    #expect(decodedOld == CustomerReference(id: "c1", phone: "0151 2345678"))
    let written = String(decoding: try JSONEncoder().encode(decodedOld), as: UTF8.self)
    #expect(!written.contains("additionalPhones"))
    #expect(CustomerReference(additionalPhones: ["0151 2345678"]).phones == ["0151 2345678"])
  }

  /// A reference with only additional phones is not an id-only reference: the log keeps them.
  @Test func theLogKeepsAdditionalPhones() throws {
    let orders = [
      Order(
        id: "1", customer: CustomerReference(id: "c1", additionalPhones: ["0151 2345678"]),
        placedAt: Date(timeIntervalSince1970: 0), total: 10),
      Order(id: "2", customer: CustomerReference(id: "c1"), placedAt: Date(timeIntervalSince1970: 86_400), total: 10),
    ]
    let log = try OrderLog(orders)
    #expect(log.customerReference(ofOrder: 0).additionalPhones == ["0151 2345678"])
    #expect(log.customerReference(ofOrder: 1).additionalPhones.isEmpty)
    #expect(log.identityFields.references.count == 2)
  }
}
