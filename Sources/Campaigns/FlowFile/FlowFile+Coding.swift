import Foundation

// The flow file's JSON, read strictly: unknown keys, wrong types and out-of-range values fail
// with the key's path, which `CampaignsError(_: DecodingError)` turns into the error's `key`.

/// A key of the flow file's JSON.
struct FileKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(_ name: String) { stringValue = name }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) {
    stringValue = "\(intValue)"
    self.intValue = intValue
  }
}

extension KeyedDecodingContainer where Key == FileKey {
  /// Fails on the first key (alphabetically) that is not allowed here.
  fileprivate func checkKeys(_ allowed: [String]) throws {
    for key in allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !allowed.contains(key.stringValue) {
      throw invalid(key.stringValue, "unknown key; the keys here are \(allowed.joined(separator: ", "))")
    }
  }

  fileprivate func invalid(_ name: String, _ reason: String) -> DecodingError {
    .dataCorrupted(DecodingError.Context(codingPath: codingPath + [FileKey(name)], debugDescription: reason))
  }

  fileprivate func value<T: Decodable>(_ name: String) throws -> T? {
    try decodeIfPresent(T.self, forKey: FileKey(name))
  }

  fileprivate func number(_ name: String, in range: ClosedRange<Double>, _ meaning: String) throws -> Double? {
    guard let value: Double = try value(name) else { return nil }
    guard range.contains(value) else { throw invalid(name, "must be \(meaning)") }
    return value
  }

  fileprivate func count(_ name: String, atLeast minimum: Int) throws -> Int? {
    guard let value: Int = try value(name) else { return nil }
    guard value >= minimum else { throw invalid(name, "must be a whole number, at least \(minimum)") }
    return value
  }

  fileprivate func channel(_ name: String) throws -> Channel? {
    guard let text: String = try value(name) else { return nil }
    guard let channel = Channel(rawValue: text) else {
      throw invalid(name, "unknown channel \"\(text)\"; use email, sms, phone or push")
    }
    return channel
  }

  fileprivate func text(_ name: String) throws -> String? {
    guard let text: String = try value(name) else { return nil }
    guard !text.isEmpty else { throw invalid(name, "must not be empty") }
    return text
  }

  fileprivate func time(_ name: String) throws -> Date {
    let text = try decode(String.self, forKey: FileKey(name))
    guard let date = ISO8601Time.date(text) else {
      throw invalid(name, "\"\(text)\" is not an ISO 8601 time with an offset, such as 2024-06-03T08:00:00Z")
    }
    return date
  }
}

extension FlowFile.StepSettings {
  /// Reads a step's settings, strictly.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` at the key of the first problem.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: FileKey.self)
    try container.checkKeys(
      ["waitHours", "channel", "content", "incentive", "productCount", "notOpenedStep", "notClickedStep"])
    self.init(
      waitHours: try container.number(
        "waitHours", in: 0...Double.greatestFiniteMagnitude, "a number of hours, at least 0"),
      channel: try container.channel("channel"), content: try container.text("content"),
      incentive: try container.value("incentive"), productCount: try container.count("productCount", atLeast: 0),
      notOpenedStep: try container.count("notOpenedStep", atLeast: 1),
      notClickedStep: try container.count("notClickedStep", atLeast: 1))
    if notOpenedStep != nil && notClickedStep != nil {
      throw container.invalid("notClickedStep", "a step has one condition: notOpenedStep or notClickedStep")
    }
  }

  /// Writes the settings that are set.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: FileKey.self)
    try container.encodeIfPresent(waitHours, forKey: FileKey("waitHours"))
    try container.encodeIfPresent(channel, forKey: FileKey("channel"))
    try container.encodeIfPresent(content, forKey: FileKey("content"))
    try container.encodeIfPresent(incentive, forKey: FileKey("incentive"))
    try container.encodeIfPresent(productCount, forKey: FileKey("productCount"))
    try container.encodeIfPresent(notOpenedStep, forKey: FileKey("notOpenedStep"))
    try container.encodeIfPresent(notClickedStep, forKey: FileKey("notClickedStep"))
  }
}

extension FlowFile.FlowSettings {
  /// Reads a flow's settings, strictly.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` at the key of the first problem.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: FileKey.self)
    try container.checkKeys(["enabled", "controlShare", "reentryDays", "steps"])
    self.init(
      enabled: try container.value("enabled"),
      controlShare: try container.number("controlShare", in: 0...1, "a share in 0...1"),
      reentryDays: try container.number(
        "reentryDays", in: 0...Double.greatestFiniteMagnitude, "a number of days, at least 0"),
      steps: try container.value("steps"))
  }

  /// Writes the settings that are set.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: FileKey.self)
    try container.encodeIfPresent(enabled, forKey: FileKey("enabled"))
    try container.encodeIfPresent(controlShare, forKey: FileKey("controlShare"))
    try container.encodeIfPresent(reentryDays, forKey: FileKey("reentryDays"))
    try container.encodeIfPresent(steps, forKey: FileKey("steps"))
  }
}

extension FlowFile.PromotionSettings {
  /// Reads a promotion, strictly.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` at the key of the first problem.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: FileKey.self)
    try container.checkKeys([
      "name", "startsAt", "endsAt", "audience", "products", "incentive", "resendAfterHours", "lastDayReminder",
      "extendedByADay", "channel", "controlShare",
    ])
    guard let name = try container.text("name") else { throw container.invalid("name", "a promotion needs a name") }
    let start = try container.time("startsAt")
    let end = try container.time("endsAt")
    guard end > start else { throw container.invalid("endsAt", "must be after startsAt") }
    self.init(
      name: name, startsAt: start, endsAt: end, audience: try container.value("audience"),
      products: try container.value("products"), incentive: try container.value("incentive"),
      resendAfterHours: try container.number(
        "resendAfterHours", in: 0...Double.greatestFiniteMagnitude, "a number of hours, at least 0"),
      lastDayReminder: try container.value("lastDayReminder"), extendedByADay: try container.value("extendedByADay"),
      channel: try container.channel("channel"),
      controlShare: try container.number("controlShare", in: 0...1, "a share in 0...1"))
  }

  /// Writes the promotion, times as ISO 8601 strings.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: FileKey.self)
    try container.encode(name, forKey: FileKey("name"))
    try container.encode(ISO8601Time.string(startsAt), forKey: FileKey("startsAt"))
    try container.encode(ISO8601Time.string(endsAt), forKey: FileKey("endsAt"))
    try container.encodeIfPresent(audience, forKey: FileKey("audience"))
    try container.encodeIfPresent(products, forKey: FileKey("products"))
    try container.encodeIfPresent(incentive, forKey: FileKey("incentive"))
    try container.encodeIfPresent(resendAfterHours, forKey: FileKey("resendAfterHours"))
    try container.encodeIfPresent(lastDayReminder, forKey: FileKey("lastDayReminder"))
    try container.encodeIfPresent(extendedByADay, forKey: FileKey("extendedByADay"))
    try container.encodeIfPresent(channel, forKey: FileKey("channel"))
    try container.encodeIfPresent(controlShare, forKey: FileKey("controlShare"))
  }
}

extension FlowFile {
  /// Reads a flow file, strictly.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` at the key of the first problem.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: FileKey.self)
    try container.checkKeys(["frequencyCapsHours", "sendingHours", "transactionalFlows", "flows", "promotions"])
    var caps: [Channel: Double] = [:]
    if container.contains(FileKey("frequencyCapsHours")) {
      let nested = try container.nestedContainer(keyedBy: FileKey.self, forKey: FileKey("frequencyCapsHours"))
      try nested.checkKeys(Channel.allCases.map(\.rawValue))
      for channel in Channel.allCases {
        if let hours = try nested.number(
          channel.rawValue, in: 0...Double.greatestFiniteMagnitude, "a number of hours, at least 0")
        {
          caps[channel] = hours
        }
      }
    }
    var hours: Range<Int>? = nil
    if container.contains(FileKey("sendingHours")) {
      let nested = try container.nestedContainer(keyedBy: FileKey.self, forKey: FileKey("sendingHours"))
      try nested.checkKeys(["from", "to"])
      let from = try nested.decode(Int.self, forKey: FileKey("from"))
      let to = try nested.decode(Int.self, forKey: FileKey("to"))
      guard from >= 0, to <= 24, from < to else {
        throw nested.invalid("to", "sending hours run from an hour to a later one in 0...24")
      }
      hours = from..<to
    }
    var flows: [String: FlowSettings] = [:]
    if container.contains(FileKey("flows")) {
      let nested = try container.nestedContainer(keyedBy: FileKey.self, forKey: FileKey("flows"))
      for key in nested.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
        flows[key.stringValue] = try nested.decode(FlowSettings.self, forKey: key)
      }
    }
    let promotions: [PromotionSettings] = try container.value("promotions") ?? []
    self.init(
      frequencyCapsHours: caps, sendingHours: hours, transactionalFlows: try container.value("transactionalFlows"),
      flows: flows, promotions: promotions)
  }

  /// Writes the flow file.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: FileKey.self)
    if !frequencyCapsHours.isEmpty {
      var nested = container.nestedContainer(keyedBy: FileKey.self, forKey: FileKey("frequencyCapsHours"))
      for (channel, hours) in frequencyCapsHours.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
        try nested.encode(hours, forKey: FileKey(channel.rawValue))
      }
    }
    if let sendingHours {
      var nested = container.nestedContainer(keyedBy: FileKey.self, forKey: FileKey("sendingHours"))
      try nested.encode(sendingHours.lowerBound, forKey: FileKey("from"))
      try nested.encode(sendingHours.upperBound, forKey: FileKey("to"))
    }
    try container.encodeIfPresent(transactionalFlows, forKey: FileKey("transactionalFlows"))
    if !flows.isEmpty {
      var nested = container.nestedContainer(keyedBy: FileKey.self, forKey: FileKey("flows"))
      for (name, settings) in flows.sorted(by: { $0.key < $1.key }) {
        try nested.encode(settings, forKey: FileKey(name))
      }
    }
    if !promotions.isEmpty { try container.encode(promotions, forKey: FileKey("promotions")) }
  }
}

extension CampaignsError {
  /// The error of a flow file that could not be decoded, naming the key.
  init(_ error: DecodingError) {
    func path(_ keys: [any CodingKey]) -> String? {
      var text = ""
      for key in keys {
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
      return text.isEmpty ? nil : text
    }
    func kind(_ type: Any.Type) -> String {
      switch type {
      case is Double.Type, is Int.Type: "a number"
      case is String.Type: "text"
      case is Bool.Type: "true or false"
      case is [Any].Type: "a list"
      default: "an object"
      }
    }
    switch error {
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      self.init(.invalidFlowFile, key: path(context.codingPath), reason: "must be \(kind(type))")
    case .keyNotFound(let key, let context):
      self.init(.invalidFlowFile, key: path(context.codingPath + [key]), reason: "is required")
    case .dataCorrupted(let context):
      let key = path(context.codingPath)
      self.init(
        .invalidFlowFile, key: key,
        reason: key == nil ? "not valid JSON: \(context.debugDescription)" : context.debugDescription)
    @unknown default:
      self.init(.invalidFlowFile, reason: "\(error)")
    }
  }
}
