import Foundation
import Testing
@testable import RetentionCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A directory, a missing file and an unreadable file each get a sentence that names them.
struct FileAccessTests {
  private func importError(_ url: URL, format: OrderFileFormat = .cdnow) -> RetentionCoreError? {
    #expect(throws: RetentionCoreError.self) { try OrderLog(contentsOf: url, format: format) }
  }

  @Test(arguments: [OrderFileFormat.cdnow, .shopify, .onlineRetail])
  func aDirectoryIsNamedAsADirectory(format: OrderFileFormat) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orders-dir-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let error = importError(directory, format: format)
    #expect(error?.code == .ioFailure)
    #expect(error?.description == "cannot read \(directory.path): it is a directory, not a file")
  }

  @Test func aMissingFileIsNamed() {
    let error = importError(URL(fileURLWithPath: "/no/such/folder/orders.csv"), format: .shopify)
    #expect(error?.description == "cannot read /no/such/folder/orders.csv: there is no such file")
    let notAFolder = importError(URL(fileURLWithPath: "/etc/hostname/orders.csv"))
    #expect(notAFolder?.description.hasPrefix("cannot read /etc/hostname/orders.csv: ") == true)
  }

  @Test func anUnreadableFileIsNamedWithTheReason() throws {
    if geteuid() != 0 {
      let file = FileManager.default.temporaryDirectory.appendingPathComponent("locked-\(UUID().uuidString).csv")
      try Data("a,b\n".utf8).write(to: file)
      defer { try? FileManager.default.removeItem(at: file) }
      try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: file.path)
      #expect(importError(file)?.description == "cannot read \(file.path): permission denied")
    }
    // A file that opens but cannot be read (here: a process's memory at address 0, which fails
    // with EIO even for root) is named with the system's reason.
    let memory = URL(fileURLWithPath: "/proc/self/mem")
    if FileManager.default.fileExists(atPath: memory.path) {
      let error = importError(memory)
      #expect(error?.code == .ioFailure)
      #expect(error?.description.hasPrefix("cannot read /proc/self/mem: ") == true)
      #expect(error?.description.contains("NSCocoaErrorDomain") == false)
    }
  }

  @Test func aPathWithControlCharactersIsEscapedInTheMessage() {
    let error = importError(URL(fileURLWithPath: "/no/such/\u{1B}[2Jorders.csv"))
    #expect(error?.description == #"cannot read /no/such/\u{1B}[2Jorders.csv: there is no such file"#)
  }
}
