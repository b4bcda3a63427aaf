// Not API: see ApproximateEquality.swift.
public import Foundation
public import Testing

/// The data sets committed with the repository under `Tests/Data` (see its README for each
/// file's source and licence).
///
/// A fresh clone has every one of them, so a test that reads them never skips: a missing file is
/// a failure that ``url(_:)`` reports with its path.
public enum TestData {
  /// The error thrown when a data file is missing.
  public struct Missing: Error, CustomStringConvertible {
    /// The path that was looked for.
    public var path: String
    /// Why it was looked for, and what to do.
    public var hint: String
    /// A message that names the file and says what to do.
    public var description: String { "data file not found at \(path): \(hint)" }
  }

  /// The project root (the folder with Package.swift).
  public static var projectRoot: URL {
    // Sources/_TestSupport/TestData.swift -> project root
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// The folder of the committed data sets, `Tests/Data`.
  public static var folder: URL { projectRoot.appendingPathComponent("Tests/Data") }

  /// The URL of a committed data file.
  ///
  /// - Parameter relativePath: A path inside `Tests/Data`, such as `cdnow/CDNOW_sample.txt`.
  /// - Throws: ``Missing`` if the file does not exist.
  public static func url(_ relativePath: String) throws -> URL {
    let url = folder.appendingPathComponent(relativePath)
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw Missing(path: url.path, hint: "it is committed with the repository; restore it with git checkout")
    }
    return url
  }

  /// The UCI Online Retail sample bundled with `retention-report` (31,270 lines of the full file).
  public static var onlineRetailSample: URL {
    projectRoot.appendingPathComponent("Examples/retention-report/Resources/online_retail_sample.csv")
  }
}

/// Data sets too big to commit (the full 47 MB UCI Online Retail file), for the opt-in full-data
/// suites.
///
/// They run when `SECONDSALE_FULL_DATA` names a folder laid out like `../shared/data`
/// (`online-retail/online_retail.csv`, ...); `.ci/run` always sets it. Without it the suites are
/// skipped with a message that says how to run them (``isEnabled``, the `.fullData` trait); a
/// suite that was asked to run and finds no file fails (``url(_:)`` throws).
public enum FullData {
  /// The environment variable that names the data folder.
  public static let variable = "SECONDSALE_FULL_DATA"

  /// The data folder named by the environment, resolved against the project root when relative.
  public static var folder: URL? {
    guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else { return nil }
    return value.hasPrefix("/")
      ? URL(fileURLWithPath: value) : TestData.projectRoot.appendingPathComponent(value)
  }

  /// Whether the full-data suites were asked to run.
  public static var isEnabled: Bool { folder != nil }

  /// Why the suites are skipped, and how to run them.
  public static let skipMessage: Comment =
    "full-data suite skipped: run `SECONDSALE_FULL_DATA=../shared/data swift test` (or bash .ci/run) with the data folder (online-retail/online_retail.csv, 47 MB) there"

  /// The URL of a file of the full-data folder.
  ///
  /// - Parameter relativePath: A path such as `online-retail/online_retail.csv`.
  /// - Throws: ``TestData/Missing`` if the suites were not asked to run or the file is missing.
  public static func url(_ relativePath: String) throws -> URL {
    guard let folder else {
      throw TestData.Missing(path: relativePath, hint: "set \(variable) to the data folder to run this suite")
    }
    let url = folder.appendingPathComponent(relativePath)
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw TestData.Missing(
        path: url.path, hint: "\(variable) is set, so this suite was asked to run; put the file there or unset it")
    }
    return url
  }
}

extension Trait where Self == ConditionTrait {
  /// Runs a test or suite only when the full data sets were asked for (``FullData``); otherwise
  /// skips it with a message that says how to run it.
  public static var fullData: Self { .enabled(if: FullData.isEnabled, FullData.skipMessage) }
}
