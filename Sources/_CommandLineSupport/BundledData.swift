public import Foundation

/// A data set committed with the repository under `Tests/Data`, where the example programs find
/// their default inputs; `nil` when it is not there (a program copied away from its source tree).
///
/// The folder is looked up under the working directory (a run from the project root) and in the
/// source tree this program was built from (a run from anywhere else).
///
/// - Parameter relativePath: The path inside `Tests/Data`, for example `"cdnow/CDNOW_sample.txt"`.
/// - Returns: The file's URL, if it exists.
public func bundledDataFile(_ relativePath: String) -> URL? {
  let roots = [
    URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
    // Sources/_CommandLineSupport/BundledData.swift -> the project root.
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent(),
  ]
  return roots.map { $0.appendingPathComponent("Tests/Data").appendingPathComponent(relativePath) }
    .first { FileManager.default.fileExists(atPath: $0.path) }
}
