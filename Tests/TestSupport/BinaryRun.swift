// Testing is there when tests are built; a plain `swift build -c release` compiles TestSupport
// without it (see Tags.swift).
#if canImport(Testing)
import Foundation
import Testing

/// One finished run of the built `node-reconfig` binary (or of a command that runs it, such as
/// strace): exit status, whether a signal ended it, and its output. Output goes through files, so
/// a chatty child cannot fill a pipe and hang the test.
public struct BinaryRun: CustomStringConvertible, Sendable {
    public var status: Int32
    /// True when the process was ended by a signal (`status` is then the signal number).
    public var signaled: Bool
    public var stdout: String
    public var stderr: String

    public var description: String { "exit \(signaled ? "signal " : "")\(status)\nstdout: \(stdout)\nstderr: \(stderr)" }

    /// stdout parsed as one JSON object.
    public func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try #require(object as? [String: Any], "stdout is not a JSON object: \(stdout)")
    }

    /// The binary under test: `BuiltBinary.path` (`NODE_RECONFIG_BIN`, else `.build/debug/node-reconfig`).
    public static var binary: String { BuiltBinary.path }
    public static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary) }
    public static let packageRoot: URL = Corpus.packageRoot

    /// The binary's path, or a recorded failure saying how to build it.
    public static func requireBinary() throws -> String {
        guard binaryExists else {
            Issue.record("\(binary) is missing: \(BuiltBinary.howToBuild)")
            throw CancellationError()
        }
        return binary
    }

    /// `node-reconfig ARGUMENTS…` run in `directory`; a run still going after `timeout` seconds
    /// is killed and recorded as a failure.
    public static func nodeReconfig(_ arguments: [String], in directory: String? = nil, timeout: TimeInterval = 120) throws -> BinaryRun {
        let result = try run([try requireBinary()] + arguments, in: directory, timeout: timeout)
        if result.timedOut {
            Issue.record("node-reconfig \(arguments.joined(separator: " ")) ran over \(Int(timeout)) s and was killed")
        }
        return BinaryRun(result)
    }

    /// `node-reconfig apply --root ROOT ARGUMENTS…`, optionally under `wrapper` (strace …).
    public static func apply(root: String, _ arguments: [String], wrapper: [String] = [], stdin: Data? = nil) throws -> BinaryRun {
        try run(wrapper + [binary, "apply", "--root", root] + arguments, stdin: stdin)
    }

    /// Runs `command` (absolute program path first).
    public static func run(_ command: [String], environment: [String: String]? = nil, stdin: Data? = nil) throws -> BinaryRun {
        BinaryRun(try Subprocess.run(command, environment: environment, stdin: stdin))
    }

    private static func run(_ command: [String], in directory: String?, timeout: TimeInterval) throws -> Subprocess.Result {
        try Subprocess.run(command, currentDirectory: directory, timeout: timeout)
    }

    private init(_ result: Subprocess.Result) {
        self.init(status: result.status, signaled: result.signaled, stdout: result.output, stderr: result.errorOutput)
    }

    public init(status: Int32, signaled: Bool = false, stdout: String, stderr: String) {
        self.status = status
        self.signaled = signaled
        self.stdout = stdout
        self.stderr = stderr
    }

    /// A program on PATH (or in an sbin directory), or nil.
    public static func locate(_ program: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return (path + ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]).map { "\($0)/\(program)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// In CI (`CI=true`) a missing program is a failure, not a skip.
    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
#endif
