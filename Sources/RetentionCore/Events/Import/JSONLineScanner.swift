import _RetentionSupport

/// Reads one line of a JSON Lines event file: a JSON object (RFC 8259) whose keys are the
/// columns of an event file.
///
/// The values of the event fields are copied into ``scratch`` (strings unescaped, numbers,
/// `true` and `false` as written) and ``fields`` says where each is; `null` is a missing field.
/// `product` may also be an array of product ids. Other keys are skipped whatever their value.
/// A line that is not one JSON object (or holds more than one, or nests deeper than
/// ``maximumDepth``) is malformed; an object or array as an event field's value is an invalid
/// value; a key given twice is malformed.
struct JSONLineScanner {
  /// The bytes of the values of the last line scanned.
  private(set) var scratch: [UInt8] = []
  /// Where each field of the last line scanned is in ``scratch``.
  private(set) var fields = EventFieldRanges()

  /// The deepest nesting of arrays and objects skipped in values of other keys.
  static let maximumDepth = 64

  /// Scans a line.
  ///
  /// - Parameters:
  ///   - line: The line's bytes, without its line break.
  ///   - row: The line number, for errors.
  /// - Throws: `.malformedJSON` or `.invalidValue`, naming the row (and the field).
  mutating func scan(_ line: ByteView, row: Int) throws(RetentionCoreError) {
    scratch.removeAll(keepingCapacity: true)
    fields.removeAll()
    var cursor = JSONCursor(bytes: line, row: row)
    cursor.skipSpace()
    try cursor.expect(UInt8(ascii: "{"), "an object, \"{\"")
    cursor.skipSpace()
    if cursor.current == UInt8(ascii: "}") {
      cursor.index += 1
    } else {
      while true {
        cursor.skipSpace()
        guard cursor.current == UInt8(ascii: "\"") else { throw cursor.malformed("expected a key in double quotes") }
        let keyStart = scratch.count
        try cursor.string(into: &scratch)
        let key = scratch.withByteView { $0.extracting(keyStart..<scratch.count).string }
        scratch.removeSubrange(keyStart...)
        cursor.skipSpace()
        try cursor.expect(UInt8(ascii: ":"), "\":\" after the key")
        cursor.skipSpace()
        if let field = EventField(name: key) {
          if fields[field] != nil || (field == .product && fields.productItems != nil) {
            throw cursor.malformed("the key \(RetentionCoreError.quoted(key, limit: 40)) appears twice")
          }
          try value(of: field, &cursor)
        } else {
          try cursor.skipValue(depth: 0)
        }
        cursor.skipSpace()
        if cursor.current == UInt8(ascii: ",") {
          cursor.index += 1
          continue
        }
        try cursor.expect(UInt8(ascii: "}"), "\",\" or \"}\" after a value")
        break
      }
    }
    cursor.skipSpace()
    guard cursor.isAtEnd else { throw cursor.malformed("text after the object") }
  }

  /// Reads the value of an event field.
  private mutating func value(of field: EventField, _ cursor: inout JSONCursor) throws(RetentionCoreError) {
    let start = scratch.count
    switch cursor.current {
    case UInt8(ascii: "\""):
      try cursor.string(into: &scratch)
      fields[field] = start..<scratch.count
    case UInt8(ascii: "n"):
      try cursor.literal("null")
    case UInt8(ascii: "t"), UInt8(ascii: "f"):
      try cursor.literal(cursor.current == UInt8(ascii: "t") ? "true" : "false", into: &scratch)
      fields[field] = start..<scratch.count
    case UInt8(ascii: "["):
      guard field == .product else { throw invalidValue(field, cursor.row, "an array") }
      fields.productItems = try items(&cursor)
    case UInt8(ascii: "{"):
      throw invalidValue(field, cursor.row, "an object")
    default:
      try cursor.number(into: &scratch)
      fields[field] = start..<scratch.count
    }
  }

  /// Reads an array of product ids (strings or numbers; `null` items are skipped).
  private mutating func items(_ cursor: inout JSONCursor) throws(RetentionCoreError) -> [Range<Int>] {
    cursor.index += 1
    var items: [Range<Int>] = []
    cursor.skipSpace()
    if cursor.current == UInt8(ascii: "]") {
      cursor.index += 1
      return items
    }
    while true {
      cursor.skipSpace()
      let start = scratch.count
      switch cursor.current {
      case UInt8(ascii: "\""):
        try cursor.string(into: &scratch)
        items.append(start..<scratch.count)
      case UInt8(ascii: "n"):
        try cursor.literal("null")
      case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "t"), UInt8(ascii: "f"):
        throw invalidValue(.product, cursor.row, "an array holding something other than product ids")
      default:
        try cursor.number(into: &scratch)
        items.append(start..<scratch.count)
      }
      cursor.skipSpace()
      if cursor.current == UInt8(ascii: ",") {
        cursor.index += 1
        continue
      }
      try cursor.expect(UInt8(ascii: "]"), "\",\" or \"]\" in the array")
      return items
    }
  }

  private func invalidValue(_ field: EventField, _ row: Int, _ what: String) -> RetentionCoreError {
    RetentionCoreError(
      .invalidValue, row: row, field: field.name,
      reason: "\(what) is not a value of \(field.name): a string, a number or null"
        + (field == .product ? " (or an array of product ids)" : ""))
  }
}

/// A position in the bytes of a JSON line, with the readers of JSON's tokens.
private struct JSONCursor {
  let bytes: ByteView
  let row: Int
  var index = 0

  var isAtEnd: Bool { index >= bytes.count }
  var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  func malformed(_ what: String) -> RetentionCoreError {
    RetentionCoreError(.malformedJSON, row: row, reason: "\(what) at character \(index + 1) of the line")
  }

  mutating func skipSpace() {
    while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { index += 1 }
  }

  mutating func expect(_ byte: UInt8, _ what: String) throws(RetentionCoreError) {
    guard current == byte else { throw malformed("expected \(what)") }
    index += 1
  }

  /// Reads `true`, `false` or `null`.
  mutating func literal(_ word: String) throws(RetentionCoreError) {
    let text = Array(word.utf8)
    guard index + text.count <= bytes.count, bytes.extracting(index..<(index + text.count)).elementsEqual(text) else {
      throw malformed("expected a value")
    }
    index += text.count
  }

  /// Reads `true` or `false`, copying it into `output`.
  mutating func literal(_ word: String, into output: inout [UInt8]) throws(RetentionCoreError) {
    let start = index
    try literal(word)
    output.append(bytes.extracting(start..<index))
  }

  /// Reads a number as JSON writes it (`-12`, `3.5`, `1e-3`), copying its text.
  mutating func number(into output: inout [UInt8]) throws(RetentionCoreError) {
    let start = index
    func digits() -> Int {
      let first = index
      while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
      return index - first
    }
    if current == UInt8(ascii: "-") { index += 1 }
    let integer = index
    guard digits() > 0 else { throw malformed("expected a value") }
    if bytes[integer] == UInt8(ascii: "0") && index - integer > 1 { throw malformed("a number with a leading zero") }
    if current == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw malformed("expected digits after the decimal point") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard digits() > 0 else { throw malformed("expected digits in the exponent") }
    }
    output.append(bytes.extracting(start..<index))
  }

  /// Reads a string, unescaped, into `output` (without its quotes).
  mutating func string(into output: inout [UInt8]) throws(RetentionCoreError) {
    index += 1  // the opening quote
    while true {
      guard let byte = current else { throw malformed("an unterminated string") }
      if byte == UInt8(ascii: "\"") {
        index += 1
        return
      }
      if byte < 0x20 { throw malformed("a control character in a string") }
      if byte != UInt8(ascii: "\\") {
        let start = index
        while let next = current, next != UInt8(ascii: "\""), next != UInt8(ascii: "\\"), next >= 0x20 { index += 1 }
        output.append(bytes.extracting(start..<index))
        continue
      }
      index += 1
      guard let escaped = current else { throw malformed("an unterminated string") }
      index += 1
      switch escaped {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escaped)
      case UInt8(ascii: "b"): output.append(0x08)
      case UInt8(ascii: "f"): output.append(0x0C)
      case UInt8(ascii: "n"): output.append(0x0A)
      case UInt8(ascii: "r"): output.append(0x0D)
      case UInt8(ascii: "t"): output.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hexQuad()
        if (0xD800..<0xDC00).contains(scalar) {
          guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
            throw malformed("a lone surrogate escape")
          }
          index += 2
          let low = try hexQuad()
          guard (0xDC00..<0xE000).contains(low) else { throw malformed("a lone surrogate escape") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
          throw malformed("a lone surrogate escape")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw malformed("an invalid escape") }
        output.append(contentsOf: String(Character(unicode)).utf8)
      default:
        throw malformed("an invalid escape")
      }
    }
  }

  private mutating func hexQuad() throws(RetentionCoreError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = current else { throw malformed("an invalid \\u escape") }
      let digit: UInt32
      switch byte {
      case 0x30...0x39: digit = UInt32(byte - 0x30)
      case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
      case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
      default: throw malformed("an invalid \\u escape")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  /// Skips any value, nested at most `JSONLineScanner.maximumDepth` deep.
  mutating func skipValue(depth: Int) throws(RetentionCoreError) {
    guard depth < JSONLineScanner.maximumDepth else { throw malformed("values nested too deep") }
    var discarded: [UInt8] = []
    switch current {
    case UInt8(ascii: "\""): try string(into: &discarded)
    case UInt8(ascii: "n"): try literal("null")
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      let isObject = current == UInt8(ascii: "{")
      let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
      index += 1
      skipSpace()
      if current == close {
        index += 1
        return
      }
      while true {
        skipSpace()
        if isObject {
          guard current == UInt8(ascii: "\"") else { throw malformed("expected a key in double quotes") }
          try string(into: &discarded)
          skipSpace()
          try expect(UInt8(ascii: ":"), "\":\" after the key")
          skipSpace()
        }
        try skipValue(depth: depth + 1)
        skipSpace()
        if current == UInt8(ascii: ",") {
          index += 1
          continue
        }
        try expect(close, isObject ? "\",\" or \"}\" after a value" : "\",\" or \"]\" in the array")
        return
      }
    default:
      try number(into: &discarded)
    }
  }
}
