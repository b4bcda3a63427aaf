/// A value, typically a buffer pointer, that parallel tasks may share because each writes only
/// its own positions.
package struct UnsafeSendable<Value>: @unchecked Sendable {
  /// The wrapped value.
  package var value: Value

  /// Wraps a value.
  package init(value: Value) { self.value = value }
}
