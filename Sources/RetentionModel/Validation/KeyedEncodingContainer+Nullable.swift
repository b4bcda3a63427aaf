extension KeyedEncodingContainer {
  /// Encodes a value, or `null` when it is `nil` (the house rule: undefined is `null`, not absent).
  mutating func encodeNullable<Value: Encodable>(_ value: Value?, forKey key: Key) throws {
    if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
  }
}
