import RetentionCore

extension CampaignPlan {
  /// The columns of ``csv``, in order.
  public static let csvHeader = [
    "id", "person", "customer", "email", "phone", "flow", "step", "channel", "content", "send_at", "products",
    "incentive", "group", "reason",
  ]

  /// The plan's messages as CSV for an email, SMS or call tool, one row per message, held-out
  /// messages included (`group` is `control`; the sending pipeline logs `held_out` for them).
  ///
  /// The columns are ``csvHeader``: the message id (its ``PlannedMessage/reference`` for the
  /// `message_sent` or `held_out` event), the person, the order file's customer id, email and
  /// phone (empty when unknown), the flow, the step counted from 1, the channel, the content kind,
  /// the send time in ISO 8601 UTC, the products separated by spaces, the incentive, the group
  /// and the reason. The text is written by ``CSVWriter``: RFC 4180 quoting, CRLF line ends, and
  /// text fields that begin with `=`, `+`, `-`, `@`, a tab or a carriage return prefixed with `'`
  /// so a spreadsheet shows them as text.
  ///
  /// ```swift
  /// try plan.csv.write(toFile: "plan.csv", atomically: true, encoding: .utf8)
  /// ```
  ///
  /// - Complexity: O(*n*) for *n* messages.
  public var csv: String {
    var writer = CSVWriter(header: Self.csvHeader)
    for message in messages {
      writer.append([
        .text(message.id), .text(message.person), .text(message.customer ?? ""), .text(message.email ?? ""),
        .text(message.phone ?? ""), .text(message.flow), .integer(message.step), .text(message.channel.rawValue),
        .text(message.content), .text(ISO8601Time.string(message.sendAt)),
        .text(message.products.joined(separator: " ")), .text(message.incentive ?? ""), .text(message.group.rawValue),
        .text(message.reason),
      ])
    }
    return writer.text
  }
}
