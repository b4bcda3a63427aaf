import Foundation
import Testing
import _TestSupport

/// Keeps the guides in `Documentation/` and their snippet tests in sync: every checked ```swift
/// block of a guide must appear, line for line (indentation aside), in the test file that runs it.
///
/// `.ci/check-snippets` compiles the blocks exactly as written; these tests run them on data. A
/// block's setup lines (its imports, and `let url` / `let output = URL(fileURLWithPath: ...)`,
/// the files it reads and writes) are left out of the comparison: the tests import at the top of
/// the file, read the bundled sample and write to a temporary file instead. Blocks fenced ```swift no-check are not compared.
enum GuideSnippets {
  /// The bundled sample of UCI Online Retail (Chen, Sain & Guo 2012, CC BY 4.0) the snippets run on.
  static var sampleURL: URL {
    TestData.projectRoot.appendingPathComponent("Examples/retention-report/Resources/online_retail_sample.csv")
  }

  /// Whether a trimmed line of a block is setup that the tests replace: an import, or the file
  /// the block reads (`url`) or writes (`output`).
  static func isSetup(_ line: String) -> Bool {
    line.hasPrefix("import ") || line.hasPrefix("let url = URL(fileURLWithPath:")
      || line.hasPrefix("let output = URL(fileURLWithPath:")
  }

  /// The checked Swift code blocks of a guide, each as trimmed lines without its setup lines.
  static func blocks(ofGuide name: String) throws -> [[String]] {
    let url = TestData.projectRoot.appendingPathComponent("Documentation").appendingPathComponent(name)
    let text = try String(contentsOf: url, encoding: .utf8)
    var blocks: [[String]] = []
    var current: [String]?
    var inOtherBlock = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if inOtherBlock {
        if trimmed == "```" { inOtherBlock = false }
      } else if let lines = current {
        if trimmed == "```" {
          blocks.append(lines)
          current = nil
        } else if !trimmed.isEmpty, !isSetup(trimmed) {
          current?.append(trimmed)
        }
      } else if trimmed.hasPrefix("```") {
        let info = trimmed.dropFirst(3).split(separator: " ")
        if info.first == "swift" && !info.contains("no-check") {
          current = []
        } else {
          inOtherBlock = true
        }
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
