import Foundation
import FoundationXML

/// The outline of an HTML page read as XML.
///
/// It holds element counts, ids, and which sections hold an inline SVG. Reading it at all proves
/// the page is well-formed.
final class PageOutline: NSObject, XMLParserDelegate {
  struct Malformed: Error, CustomStringConvertible {
    var description: String
  }

  private(set) var ids: Set<String> = []
  private(set) var elementCounts: [String: Int] = [:]
  private(set) var sectionsWithSVG: Set<String> = []
  private var openSections: [String] = []

  init(_ html: String) throws {
    super.init()
    let parser = XMLParser(data: Data(html.utf8))
    parser.delegate = self
    guard parser.parse() else {
      throw Malformed(
        description:
          "line \(parser.lineNumber), column \(parser.columnNumber): \(String(describing: parser.parserError))")
    }
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    elementCounts[elementName, default: 0] += 1
    if let id = attributes["id"] { ids.insert(id) }
    if elementName == "section" { openSections.append(attributes["id"] ?? "") }
    if elementName == "svg", let section = openSections.last { sectionsWithSVG.insert(section) }
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
    if elementName == "section" { _ = openSections.popLast() }
  }
}
