import Foundation
import TestSupport

/// One run of the built `node-reconfig` binary (optionally under another program such as
/// strace), its exit status and output.
struct BinaryRun: CustomStringConvertible {
    var status: Int32
    /// True when the process was ended by a signal (`status` is then the signal number).
    var signaled: Bool
    var stdout: String
    var stderr: String

    var description: String { "exit \(signaled ? "signal " : "")\(status)\nstdout: \(stdout)\nstderr: \(stderr)" }

    /// The binary built beside the test bundle (`swift build` / `swift test` put both in one
    /// products directory), else `.build/debug/node-reconfig`.
    static let binary: String = {
        let beside = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("node-reconfig").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return Corpus.packageRoot.appendingPathComponent(".build/debug/node-reconfig").path
    }()

    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// `node-reconfig apply --root ROOT ARGUMENTS…`
    static func apply(root: String, _ arguments: [String], wrapper: [String] = [], stdin: Data? = nil) throws -> BinaryRun {
        try run(wrapper + [binary, "apply", "--root", root] + arguments, stdin: stdin)
    }

    /// Runs `command` (absolute program path first) with output captured through files, so a
    /// chatty child cannot fill a pipe and hang the test.
    static func run(_ command: [String], environment: [String: String]? = nil, stdin: Data? = nil,
                    started: ((Process) -> Void)? = nil) throws -> BinaryRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("harden-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        if let stdin {
            let input = scratch.appendingPathComponent("in")
            try stdin.write(to: input)
            process.standardInput = try FileHandle(forReadingFrom: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        started?(process)
        process.waitUntilExit()
        return BinaryRun(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                         stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                         stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// A program on PATH (or in an sbin directory), or nil.
    static func locate(_ program: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return (path + ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]).map { "\($0)/\(program)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// In CI (`CI=true`) a missing program is a failure, not a skip.
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
