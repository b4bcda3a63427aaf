public import Foundation

/// A file of the shared data folder beside the project root (`../shared/data`), where the
/// example programs find their default inputs; `nil` when it is not there.
///
/// The folder is looked up beside the working directory (a run from the project root) and
/// beside the source tree this program was built from (a run from anywhere else).
///
/// - Parameter relativePath: The path inside `shared/data`, for example `"cdnow/CDNOW_sample.txt"`.
/// - Returns: The file's URL, if it exists.
public func sharedDataFile(_ relativePath: String) -> URL? {
  let roots = [
    URL(fileURLWithPath: FileManager.default.currentDirectoryPath).deletingLastPathComponent(),
    // Sources/_CommandLineSupport/SharedData.swift -> the folder that holds the project.
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent(),
  ]
  return roots.map { $0.appendingPathComponent("shared/data").appendingPathComponent(relativePath) }
    .first { FileManager.default.fileExists(atPath: $0.path) }
}
