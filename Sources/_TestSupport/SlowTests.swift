// Not API: see ApproximateEquality.swift.
import Foundation
public import Testing

/// The slow suites (long simulations, such as the 100-run coverage of the uplift intervals):
/// opt-in through `SECONDSALE_SLOW_TESTS`, which `.ci/run` always sets.
///
/// Without it they are skipped with a message that says how to run them (the `.slow` trait).
public enum SlowTests {
  /// The environment variable that turns the slow suites on.
  public static let variable = "SECONDSALE_SLOW_TESTS"

  /// Whether the slow suites were asked to run.
  public static var isEnabled: Bool {
    !(ProcessInfo.processInfo.environment[variable] ?? "").isEmpty
  }

  /// Why a slow suite is skipped, and how to run it.
  public static let skipMessage: Comment =
    "slow test skipped: run with SECONDSALE_SLOW_TESTS=1 (bash .ci/run does)"
}

extension Trait where Self == ConditionTrait {
  /// Runs a test or suite only when the slow suites were asked for (``SlowTests``); otherwise
  /// skips it with a message that says how to run it.
  public static var slow: Self { .enabled(if: SlowTests.isEnabled, SlowTests.skipMessage) }
}
