import Foundation
import Testing

/// A PostgreSQL server for the database tests: the one `.ci/run` started (named by the
/// environment), or a throwaway cluster this process starts in a temporary directory and
/// removes again.
///
/// - `SECONDSALE_PG_SOCKET_DIR`, `SECONDSALE_PG_PORT`, `SECONDSALE_PG_USER`: use the server
///   listening on that Unix socket (CI).
/// - Otherwise the suite runs `initdb` and `pg_ctl` (found on `PATH` or in
///   `/usr/lib/postgresql/*/bin`) on a socket in a temporary directory, with no TCP listener; as
///   root (which `initdb` refuses) it runs them as `nobody` through `runuser`.
///
/// Without either the suites are skipped with a message (``isAvailable``); in CI (`CI=true`) they
/// run anyway, so that a missing server is a failure that names the missing program.
struct PostgresServer: Sendable {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let socketDirectory: String
  let port: String
  let user: String
  let psql: String
  /// The cluster this process started (data and socket in it), removed by ``stop()``.
  let ownedDirectory: String?
  let pgCtl: String?
  let runAs: String?

  @TaskLocal static var current: PostgresServer?

  /// Whether the database suites should run: a server is named by the environment, PostgreSQL's
  /// `initdb` is installed, or this is CI (`CI=true`), where a missing server must fail.
  static var isAvailable: Bool {
    let environment = ProcessInfo.processInfo.environment
    if let socket = environment["SECONDSALE_PG_SOCKET_DIR"], !socket.isEmpty { return true }
    if environment["CI"]?.lowercased() == "true" { return true }
    return (try? binary("initdb")) != nil
  }

  /// Why the database suites are skipped, and how to run them.
  static let skipMessage: Comment =
    "PostgreSQL suite skipped: no server named by SECONDSALE_PG_SOCKET_DIR and no initdb installed (apt-get install postgresql, or bash .ci/run)"

  /// The server of the running suite.
  static func require() throws -> PostgresServer {
    guard let current else { throw Failure(description: "no PostgreSQL server: add the .postgres trait to the suite") }
    return current
  }

  static func start() throws -> PostgresServer {
    let environment = ProcessInfo.processInfo.environment
    if let socket = environment["SECONDSALE_PG_SOCKET_DIR"], !socket.isEmpty {
      return PostgresServer(
        socketDirectory: socket, port: environment["SECONDSALE_PG_PORT"] ?? "5432",
        user: environment["SECONDSALE_PG_USER"] ?? "secondsale", psql: try binary("psql"),
        ownedDirectory: nil, pgCtl: nil, runAs: nil)
    }
    let initdb = try binary("initdb"), pgCtl = try binary("pg_ctl"), psql = try binary("psql")
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent(
        "secondsale-pg-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
      ).path
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    var runAs: String?
    if geteuid() == 0 {
      // initdb refuses to run as root; the cluster belongs to nobody, whose only file is this directory.
      guard
        FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")
          || FileManager.default.isExecutableFile(atPath: "/sbin/runuser")
      else {
        throw Failure(description: "running as root, and runuser (util-linux) is missing: initdb cannot run as root")
      }
      try FileManager.default.setAttributes(
        [.ownerAccountID: 65_534, .groupOwnerAccountID: 65_534], ofItemAtPath: directory)
      runAs = "nobody"
    }
    let server = PostgresServer(
      socketDirectory: directory, port: "54329", user: "secondsale", psql: psql, ownedDirectory: directory,
      pgCtl: pgCtl,
      runAs: runAs)
    do {
      try server.runServerTool(
        initdb,
        ["-D", "\(directory)/data", "-U", "secondsale", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"])
      try server.runServerTool(
        pgCtl,
        [
          "-D", "\(directory)/data", "-l", "\(directory)/server.log", "-w", "-t", "60", "-o",
          "-k \(directory) -c listen_addresses= -p 54329 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
          "start",
        ])
    } catch {
      server.stop()
      throw error
    }
    return server
  }

  /// Stops and removes a cluster this process started; a no-op for the CI server.
  func stop() {
    guard let ownedDirectory, let pgCtl else { return }
    _ = try? runServerTool(pgCtl, ["-D", "\(ownedDirectory)/data", "-m", "immediate", "-w", "stop"])
    try? FileManager.default.removeItem(atPath: ownedDirectory)
  }

  /// Runs a psql script against a database and returns its standard output.
  @discardableResult
  func run(script: String, database: String = "postgres") throws -> String {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("secondsale-\(UUID().uuidString).sql")
    try script.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    return try Self.execute(
      psql,
      [
        "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory, "-p", port, "-U", user, "-d", database, "-f",
        file.path,
      ])
  }

  /// Creates a database of its own for one test, runs `body`, and drops it.
  func withDatabase<Result>(_ body: (String) throws -> Result) throws -> Result {
    let name = "secondsale_\(UUID().uuidString.prefix(8).lowercased())"
    try run(script: "CREATE DATABASE \(name);")
    defer { _ = try? run(script: "DROP DATABASE \(name);") }
    return try body(name)
  }

  private func runServerTool(_ tool: String, _ arguments: [String]) throws {
    if let runAs {
      try Self.execute("/usr/sbin/runuser", ["-u", runAs, "--", tool] + arguments)
    } else {
      try Self.execute(tool, arguments)
    }
  }

  /// Runs a program to completion with posix_spawn and waitpid (Foundation's `Process` can miss
  /// the exit of `pg_ctl`, whose daemon child outlives it), output going to temporary files.
  @discardableResult
  static func execute(_ executable: String, _ arguments: [String]) throws -> String {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("secondsale-\(UUID().uuidString).out")
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent("secondsale-\(UUID().uuidString).err")
    defer {
      try? FileManager.default.removeItem(at: output)
      try? FileManager.default.removeItem(at: errors)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else {
      throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { throw Failure(description: "waitpid for \(executable) failed: errno \(errno)") }
    }
    let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    let exited = status & 0x7F == 0
    let code = (status >> 8) & 0xFF
    guard exited && code == 0 else {
      let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
      throw Failure(
        description:
          "\(executable) \(arguments.prefix(6).joined(separator: " ")) failed (\(exited ? "exit \(code)" : "signal \(status & 0x7F)")): \(message)"
      )
    }
    return text
  }

  /// The path of a PostgreSQL program, or an error naming it.
  static func binary(_ name: String) throws -> String {
    var directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
    if let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
      directories += versions.sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
    }
    for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
      return "\(directory)/\(name)"
    }
    throw Failure(
      description:
        "PostgreSQL's \(name) was not found on PATH or in /usr/lib/postgresql/*/bin; install PostgreSQL (apt-get install postgresql) or set SECONDSALE_PG_SOCKET_DIR to a running server"
    )
  }
}

/// Starts a PostgreSQL server around a suite and stops it afterwards, also when a test fails.
struct PostgresTrait: SuiteTrait, TestScoping {
  var isRecursive: Bool { false }

  @concurrent func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @concurrent @Sendable () async throws -> Void
  ) async throws {
    let server = try PostgresServer.start()
    defer { server.stop() }
    try await PostgresServer.$current.withValue(server) { try await function() }
  }
}

extension Trait where Self == ConditionTrait {
  /// Runs a suite only where a PostgreSQL server can be had (``PostgresServer/isAvailable``);
  /// otherwise skips it with a message that says how to run it.
  static var postgresAvailable: Self { .enabled(if: PostgresServer.isAvailable, PostgresServer.skipMessage) }
}

extension Trait where Self == PostgresTrait {
  /// A PostgreSQL server for the suite's tests (see ``PostgresServer``).
  static var postgres: Self { PostgresTrait() }
}
