import Foundation
import Testing
import _TestSupport

/// `secondsale score`: one row per person with the unit and horizon in the header, JSON with
/// every key, and an interval that is null with its reason on a boundary fit.
struct ScoreCommandTests {
  static let cdnow = ["--calibration-end", "1997-09-30", "--observation-end", "1998-06-30"]

  @Test func csvHasOneRowPerPersonAndNamesUnitAndHorizon() throws {
    let path = try TestData.url("cdnow/CDNOW_sample.txt").path
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("score-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try ExampleProgramTests.run(
      "secondsale", ["score", path, "--horizon", "39w", "--out", out.path, "--draws", "50"] + Self.cdnow)
    #expect(run.status == 0, "\(run.error)")
    #expect(run.output.contains("scored 2357 people"))
    #expect(run.output.contains("interval: 90 % from 50 parameter draws (seed 1)"))
    let text = try String(contentsOf: out, encoding: .utf8)
    let lines = text.split(separator: "\r\n")
    #expect(
      lines.first
        == "person,x,t_x_weeks,T_weeks,p_alive,expected_purchases_39w,p_purchase_39w,expected_spend_per_order,clv_39w,clv_39w_low,clv_39w_high"
    )
    // The CDNOW sample has 2,357 customers, each one person.
    #expect(lines.count == 1 + 2_357)
    // Customer 1 (x 2, t_x 30.43, T 38.86) expects 1.226 purchases in 39 weeks (FHL 2005, Sec. 5).
    let first = try #require(lines.first { $0.hasPrefix("id:1,") }).split(separator: ",")
    #expect(first[1] == "2" && first[2] == "30.4286" && first[3] == "38.8571")
    #expect(Double(first[5]).map { abs($0 - 1.226) <= 5e-4 } == true)
    let (low, value, high) = (Double(first[9]) ?? .nan, Double(first[8]) ?? .nan, Double(first[10]) ?? .nan)
    #expect(low < value && value < high)
  }

  @Test func jsonHasEveryKeyAndStandardOutputCarriesOnlyTheData() throws {
    let path = try TestData.url("cdnow/CDNOW_sample.txt").path
    let run = try ExampleProgramTests.run(
      "secondsale", ["score", path, "--json", "--draws", "20", "--margin", "0.3", "--model", "paretonbd"] + Self.cdnow)
    #expect(run.status == 0, "\(run.error)")
    let json = try ExampleProgramTests.json(run.output)
    for key in [
      "identity", "unit", "horizon", "horizonPeriods", "asOf", "currency", "margin", "annualDiscountRate",
      "purchaseModel", "spendModel", "lifetimeValueUnavailableReason", "interval", "intervalUnavailableReason",
      "uniqueTriples", "customerCount", "expectedPurchasesTotal", "lifetimeValueTotal", "customers",
    ] {
      #expect(json.keys.contains(key), "\(key)")
    }
    #expect(json["horizon"] as? String == "90d")
    #expect(json["unit"] as? String == "weeks")
    #expect((json["horizonPeriods"] as? Double).map { $0.isApproximatelyEqual(to: 90.0 / 7, relativeTolerance: 1e-12) } == true)
    #expect(json["customerCount"] as? Int == 2_357)
    #expect((json["purchaseModel"] as? [String: Any])?["model"] as? String == "paretonbd")
    let customers = try #require(json["customers"] as? [[String: Any]])
    #expect(customers.count == 2_357)
    let row = try #require(customers.first)
    #expect(
      Set(row.keys) == [
        "id", "x", "tx", "T", "probabilityAlive", "expectedPurchases", "probabilityOfPurchase", "expectedSpend",
        "lifetimeValue", "lifetimeValueLow", "lifetimeValueHigh",
      ])
    #expect(row["lifetimeValueLow"] is Double && row["lifetimeValueHigh"] is Double)
    #expect(run.error.contains("6,919 rows read"))
  }

  @Test func aBoundaryFitHasANullIntervalWithItsReason() throws {
    // UCI Online Retail sample to 2011-06-30: the Pareto/NBD's optimum is the NBD (no dropout),
    // so s and beta have no standard errors and the interval cannot be drawn.
    let run = try ExampleProgramTests.run(
      "secondsale",
      ["score", TestData.onlineRetailSample.path, "--model", "paretonbd", "--calibration-end", "2011-06-30", "--json", "--draws", "20"])
    #expect(run.status == 0, "\(run.error)")
    let json = try ExampleProgramTests.json(run.output)
    #expect(json["interval"] is NSNull)
    let reason = try #require(json["intervalUnavailableReason"] as? String)
    #expect(reason.contains("no standard error for s: dropout is not identified"), "\(reason)")
    let customers = try #require(json["customers"] as? [[String: Any]])
    #expect(!customers.isEmpty && customers.allSatisfy { $0["lifetimeValueLow"] is NSNull && $0["lifetimeValueHigh"] is NSNull })
    #expect(customers.allSatisfy { $0["lifetimeValue"] is Double })
  }

  @Test func badOptionsAreErrors() throws {
    let path = try TestData.url("cdnow/CDNOW_sample.txt").path
    for (arguments, message) in [
      (["--bogus", "x"], "unknown option --bogus"),
      (["--horizon", "90"], "--horizon: not a horizon such as 90d or 13w: 90"),
      (["--model", "bgbb"], "--model: unknown model 'bgbb'"),
      (["--draws", "1"], "--draws must be 0 or in 2...100000"),
      (["--margin", "2"], "--margin must be in 0...1"),
      (["--seed", "-1"], "--seed: not a non-negative integer"),
    ] {
      let run = try ExampleProgramTests.run("secondsale", ["score", path] + arguments)
      #expect(run.status != 0, "\(arguments)")
      #expect(run.error.contains(message), "\(arguments): \(run.error)")
    }
  }
}
