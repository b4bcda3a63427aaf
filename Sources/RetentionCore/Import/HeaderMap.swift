import Foundation

/// Maps header names to column indices, ignoring case, surrounding spaces and a BOM.
struct HeaderMap {
  let names: [String]
  private let index: [String: Int]

  init(_ record: CSVRecord) {
    var names: [String] = []
    var index: [String: Int] = [:]
    for position in 0..<record.count {
      let name = record.string(at: position).trimmingCharacters(in: .whitespaces)
      names.append(name)
      if index[name.lowercased()] == nil { index[name.lowercased()] = position }
    }
    self.names = names
    self.index = index
  }

  subscript(name: String) -> Int? { index[name.lowercased()] }

  /// The index of a required column, or a `.wrongHeader` error listing what the header has.
  func required(_ name: String) throws -> Int {
    guard let position = self[name] else {
      throw RetentionCoreError(
        .wrongHeader, row: 1, field: name,
        reason: "the header has no column \(RetentionCoreError.quoted(name)) (it has: \(listing))")
    }
    return position
  }

  /// The header's names for a message: each cut to 40 characters, and no more than about 200
  /// characters of them in all.
  var listing: String {
    var parts: [String] = []
    var length = 0
    for name in names {
      let part = RetentionCoreError.excerpt(name, limit: 40)
      if length + part.count > 200 {
        parts.append("... \(names.count - parts.count) more")
        break
      }
      parts.append(part)
      length += part.count + 2
    }
    return parts.joined(separator: ", ")
  }
}

/// Reads the header of a CSV file, or throws `.emptyInput`.
func readHeader(_ reader: inout CSVReader, record: inout CSVRecord) throws -> HeaderMap {
  guard try reader.readRecord(into: &record), !record.isBlank else {
    throw RetentionCoreError(.emptyInput, row: 1, reason: "the file is empty: no header row")
  }
  return HeaderMap(record)
}
