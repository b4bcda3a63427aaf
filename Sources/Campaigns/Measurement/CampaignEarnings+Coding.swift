import Foundation

// The JSON of the earnings is the JSON of `secondsale attribute --json`: keys as the issue names
// them, ISO 8601 times, windows in days (`"unit": "days"`), amounts in `currency`, and `null`
// (never a missing key) for what is undefined, such as the uplift of a flow without a control
// group. Synthesized encoding would drop nil keys and write dates as numbers.

extension CampaignEarnings {
  private enum CodingKeys: String, CodingKey {
    case identity, period, observationEnd, currency, unit, settings, revenue, attributedRevenue, emailRevenueShare
    case emailFlowRevenueShare, emailCampaignRevenueShare, benchmarks, flows, satisfaction, leftOut
  }

  private enum LeftOutKeys: String, CodingKey {
    case messageEventsWithoutSend, peopleInBothGroups, surveyAnswersOutsideScale
  }

  /// Writes the earnings as the JSON of `secondsale attribute --json`.
  ///
  /// Every key is written, `null` where a value is undefined; times are ISO 8601 text in UTC,
  /// the windows of ``settings`` are in days (`"unit": "days"`), every amount is in ``currency``,
  /// and ``benchmarks`` are written beside the shares. ``messageEventsWithoutSend``,
  /// ``peopleInBothGroups`` and ``surveyAnswersOutsideScale`` go under `leftOut`.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(identity, forKey: .identity)
    try container.encode(period, forKey: .period)
    try container.encode(isoText(observationEnd), forKey: .observationEnd)
    try container.encode(currency, forKey: .currency)
    try container.encode("days", forKey: .unit)
    try container.encode(settings, forKey: .settings)
    try container.encode(revenue, forKey: .revenue)
    try container.encode(attributedRevenue, forKey: .attributedRevenue)
    try container.encode(emailRevenueShare, forKey: .emailRevenueShare)
    try container.encode(emailFlowRevenueShare, forKey: .emailFlowRevenueShare)
    try container.encode(emailCampaignRevenueShare, forKey: .emailCampaignRevenueShare)
    try container.encode(Self.benchmarks, forKey: .benchmarks)
    try container.encode(flows, forKey: .flows)
    try container.encode(satisfaction, forKey: .satisfaction)
    var leftOut = container.nestedContainer(keyedBy: LeftOutKeys.self, forKey: .leftOut)
    try leftOut.encode(messageEventsWithoutSend, forKey: .messageEventsWithoutSend)
    try leftOut.encode(peopleInBothGroups, forKey: .peopleInBothGroups)
    try leftOut.encode(surveyAnswersOutsideScale, forKey: .surveyAnswersOutsideScale)
  }

  /// Reads earnings written by ``encode(to:)``.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a missing key, a wrong type or a time that is not ISO 8601.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    identity = try container.decode(String.self, forKey: .identity)
    period = try container.decode(Period.self, forKey: .period)
    observationEnd = try isoDate(
      container.decode(String.self, forKey: .observationEnd), key: .observationEnd, in: container)
    currency = try container.decodeIfPresent(String.self, forKey: .currency)
    settings = try container.decode(Settings.self, forKey: .settings)
    revenue = try container.decode(Double.self, forKey: .revenue)
    attributedRevenue = try container.decode(Double.self, forKey: .attributedRevenue)
    emailRevenueShare = try container.decodeIfPresent(Double.self, forKey: .emailRevenueShare)
    emailFlowRevenueShare = try container.decodeIfPresent(Double.self, forKey: .emailFlowRevenueShare)
    emailCampaignRevenueShare = try container.decodeIfPresent(Double.self, forKey: .emailCampaignRevenueShare)
    flows = try container.decode([FlowEarnings].self, forKey: .flows)
    satisfaction = try container.decode(Satisfaction.self, forKey: .satisfaction)
    let leftOut = try container.nestedContainer(keyedBy: LeftOutKeys.self, forKey: .leftOut)
    messageEventsWithoutSend = try leftOut.decode(Int.self, forKey: .messageEventsWithoutSend)
    peopleInBothGroups = try leftOut.decode(Int.self, forKey: .peopleInBothGroups)
    surveyAnswersOutsideScale = try leftOut.decode(Int.self, forKey: .surveyAnswersOutsideScale)
  }
}

extension CampaignEarnings.Period {
  private enum CodingKeys: String, CodingKey { case start, end }

  /// Writes the period as `{"start", "end"}`, ISO 8601 text in UTC (`end` excluded).
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(isoText(start), forKey: .start)
    try container.encode(isoText(end), forKey: .end)
  }

  /// Reads a period written by ``encode(to:)``.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a missing key, a time that is not ISO 8601, or an end before
  ///   the start.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    start = try isoDate(container.decode(String.self, forKey: .start), key: .start, in: container)
    end = try isoDate(container.decode(String.self, forKey: .end), key: .end, in: container)
    guard start <= end else {
      throw DecodingError.dataCorruptedError(
        forKey: .end, in: container, debugDescription: "the period ends before it starts")
    }
  }
}

extension CampaignEarnings.Settings {
  private enum CodingKeys: String, CodingKey {
    case openWindow, clickWindow, touch, campaignFlowPrefix, conversionWindow, conversionWindows, confidence, resamples
    case satisfactionHorizon
  }

  /// Writes the settings with every window in days.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(attribution.openWindow / 86_400, forKey: .openWindow)
    try container.encode(attribution.clickWindow / 86_400, forKey: .clickWindow)
    try container.encode(attribution.touch, forKey: .touch)
    try container.encode(attribution.campaignFlowPrefix, forKey: .campaignFlowPrefix)
    try container.encode(conversionWindow / 86_400, forKey: .conversionWindow)
    try container.encode(conversionWindows.mapValues { $0 / 86_400 }, forKey: .conversionWindows)
    try container.encode(confidence, forKey: .confidence)
    try container.encode(resamples, forKey: .resamples)
    try container.encode(satisfactionHorizon, forKey: .satisfactionHorizon)
  }

  /// Reads settings written by ``encode(to:)``.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a missing key or a value out of range.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let days = { (key: CodingKeys) throws -> Double in
      let value = try container.decode(Double.self, forKey: key)
      guard value.isFinite, value >= 0 else {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: container, debugDescription: "not a number of days >= 0")
      }
      return value * 86_400
    }
    let windows = try container.decode([String: Double].self, forKey: .conversionWindows)
    guard windows.values.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .conversionWindows, in: container, debugDescription: "not a number of days >= 0")
    }
    let confidence = try container.decode(Double.self, forKey: .confidence)
    let resamples = try container.decode(Int.self, forKey: .resamples)
    let horizon = try container.decode(Double.self, forKey: .satisfactionHorizon)
    guard confidence > 0 && confidence < 1, resamples >= 100, horizon > 0 else {
      throw DecodingError.dataCorruptedError(
        forKey: .confidence, in: container, debugDescription: "confidence, resamples or horizon out of range")
    }
    self.init(
      attribution: AttributionSettings(
        openWindow: try days(.openWindow), clickWindow: try days(.clickWindow),
        touch: try container.decode(AttributionSettings.Touch.self, forKey: .touch),
        campaignFlowPrefix: try container.decode(String.self, forKey: .campaignFlowPrefix)),
      conversionWindow: try days(.conversionWindow), conversionWindows: windows.mapValues { $0 * 86_400 },
      confidence: confidence, resamples: resamples, satisfactionHorizon: horizon)
  }
}

/// An instant as ISO 8601 text in UTC, with milliseconds only when it has a fraction of a second.
private func isoText(_ date: Date) -> String {
  let formatter = ISO8601DateFormatter()
  if date.timeIntervalSince1970.rounded() != date.timeIntervalSince1970 {
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
  }
  return formatter.string(from: date)
}

/// Parses ISO 8601 text with or without fractional seconds.
private func isoDate<Key: CodingKey>(_ text: String, key: Key, in container: KeyedDecodingContainer<Key>) throws -> Date
{
  let formatter = ISO8601DateFormatter()
  if let date = formatter.date(from: text) { return date }
  formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
  if let date = formatter.date(from: text) { return date }
  throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not an ISO 8601 time")
}
