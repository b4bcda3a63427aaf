// Not API: see ApproximateEquality.swift.

@_exported public import RetentionCore

/// The seeded generator of the tests: RetentionCore's `SeededRandomNumberGenerator` (SplitMix64,
/// Steele, Lea & Flood 2014), under the name the property tests use.
public typealias SplitMix64 = SeededRandomNumberGenerator
