import Foundation
import Testing
import RetentionCore

/// Quoting and validation of identifiers; every expected string is written out by hand from the
/// dialects' quoting rules (PostgreSQL 4.1.1, BigQuery lexical structure, Spark SQL identifiers).
struct SQLIdentifierTests {
  @Test func quotesEveryPartForEachDialect() throws {
    let name = try SQLIdentifier(qualified: "shop.orders")
    #expect(name.parts == ["shop", "orders"])
    #expect(try name.quoted(for: .postgreSQL) == "\"shop\".\"orders\"")
    #expect(try name.quoted(for: .bigQuery) == "`shop`.`orders`")
    #expect(try name.quoted(for: .spark) == "`shop`.`orders`")
    #expect(name.description == "shop.orders")
  }

  @Test func doublesTheQuoteCharacter() throws {
    let hostile = try SQLIdentifier("id\"; DROP TABLE orders; --")
    #expect(try hostile.quoted(for: .postgreSQL) == "\"id\"\"; DROP TABLE orders; --\"")
    let backtick = try SQLIdentifier("id`; DROP TABLE orders; --")
    #expect(try backtick.quoted(for: .spark) == "`id``; DROP TABLE orders; --`")
    // A PostgreSQL double quote is ordinary inside backticks.
    #expect(try hostile.quoted(for: .spark) == "`id\"; DROP TABLE orders; --`")
  }

  @Test func bigQueryRejectsBackticksAndBackslashes() throws {
    for text in ["id`x", "id\\`x", "tab\\le"] {
      let identifier = try SQLIdentifier(text)
      let error = try #require(throws: RetentionCoreError.self) { try identifier.quoted(for: .bigQuery) }
      #expect(error.code == .invalidArgument)
    }
  }

  @Test func rejectsEmptyPartsControlCharactersAndTooManyParts() throws {
    for parts in [[""], ["a", ""], ["a\nb"], ["a\u{0}b"], ["a\u{7F}"], ["a", "b", "c", "d"], []] {
      let error = try #require(throws: RetentionCoreError.self) { try SQLIdentifier(parts: parts) }
      #expect(error.code == .invalidArgument, "\(parts)")
    }
    #expect(throws: RetentionCoreError.self) { try SQLIdentifier(qualified: "shop..orders") }
  }

  @Test func postgreSQLLimitsPartsTo63Bytes() throws {
    #expect(try SQLIdentifier(String(repeating: "a", count: 63)).quoted(for: .postgreSQL).count == 65)
    let long = try SQLIdentifier(String(repeating: "a", count: 64))
    #expect(throws: RetentionCoreError.self) { try long.quoted(for: .postgreSQL) }
    // 32 two-byte letters are 64 bytes.
    #expect(throws: RetentionCoreError.self) {
      try SQLIdentifier(String(repeating: "é", count: 32)).quoted(for: .postgreSQL)
    }
    #expect(try long.quoted(for: .spark) == "`" + String(repeating: "a", count: 64) + "`")
  }

  @Test func keepsUnicodeSpacesAndDotsInsideOnePart() throws {
    let name = try SQLIdentifier("Kunden Nr. ß")
    #expect(try name.quoted(for: .postgreSQL) == "\"Kunden Nr. ß\"")
    #expect(try name.quoted(for: .bigQuery) == "`Kunden Nr. ß`")
  }

  @Test func parsesDialectNames() throws {
    #expect(try SQLDialect(name: "postgres") == .postgreSQL)
    #expect(try SQLDialect(name: "PostgreSQL") == .postgreSQL)
    #expect(try SQLDialect(name: "bq") == .bigQuery)
    #expect(try SQLDialect(name: "spark") == .spark)
    let error = try #require(throws: RetentionCoreError.self) { try SQLDialect(name: "oracle") }
    #expect(error.code == .invalidArgument)
  }
}
