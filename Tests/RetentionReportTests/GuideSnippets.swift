import Foundation
import Testing
import _TestSupport

/// Keeps the guides in `Documentation/` and their snippet tests in sync: every ```swift block
/// of a guide must appear, line for line (indentation aside), in the test file that compiles it.
enum GuideSnippets {
  /// The bundled sample of UCI Online Retail (Chen, Sain & Guo 2012, CC BY 4.0) the snippets run on.
  static var sampleURL: URL {
    TestData.projectRoot.appendingPathComponent("Examples/retention-report/Resources/online_retail_sample.csv")
  }

  /// The Swift code blocks of a guide, each as trimmed lines.
  static func blocks(ofGuide name: String) throws -> [[String]] {
    let url = TestData.projectRoot.appendingPathComponent("Documentation").appendingPathComponent(name)
    let text = try String(contentsOf: url, encoding: .utf8)
    var blocks: [[String]] = []
    var current: [String]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if current == nil, trimmed == "```swift" {
        current = []
      } else if current != nil, trimmed == "```" {
        blocks.append(current!)
        current = nil
      } else if current != nil, !trimmed.isEmpty {
        current!.append(trimmed)
      }
    }
    return blocks
  }

  /// Checks that every Swift block of `guide` occurs in the source file `testFile`, ignoring
  /// white space (so line wrapping and indentation may differ).
  static func expectGuide(
    _ guide: String, isCompiledBy testFile: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    func squeezed(_ text: String) -> String {
      String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }
    let source = squeezed(try String(contentsOf: URL(fileURLWithPath: testFile), encoding: .utf8))
    let blocks = try blocks(ofGuide: guide)
    #expect(!blocks.isEmpty, "\(guide) has no Swift code", sourceLocation: sourceLocation)
    for block in blocks {
      let found = source.contains(squeezed(block.joined()))
      #expect(
        found,
        "\(guide): this block is not compiled by \(URL(fileURLWithPath: testFile).lastPathComponent):\n\(block.joined(separator: "\n"))",
        sourceLocation: sourceLocation)
    }
  }
}
