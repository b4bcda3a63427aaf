/// A value quoted for an error message: at most `limit` characters (an ellipsis marks the cut),
/// with control characters escaped so that no raw byte of the input reaches a terminal.
func boundedQuote(_ value: String, limit: Int = 40) -> String {
  var text = ""
  var count = 0
  for scalar in value.unicodeScalars {
    if count == limit {
      text += "…"
      break
    }
    switch scalar {
    case "\"": text += "\\\""
    case "\\": text += "\\\\"
    case "\n": text += "\\n"
    case "\r": text += "\\r"
    case "\t": text += "\\t"
    default:
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        text += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        text.unicodeScalars.append(scalar)
      }
    }
    count += 1
  }
  return "\"" + text + "\""
}
