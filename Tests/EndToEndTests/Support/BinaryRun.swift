import Foundation
import TestSupport
import Testing

/// One finished run of the built `node-reconfig` binary.
struct BinaryRun {
    let status: Int32
    let stdout: String
    let stderr: String

    /// stdout parsed as one JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try #require(object as? [String: Any], "stdout is not a JSON object: \(stdout)")
    }

    static let packageRoot: URL = Corpus.packageRoot

    /// `.build/debug/node-reconfig`, or a failure saying to build it first.
    static func binary() throws -> String {
        let path = packageRoot.appendingPathComponent(".build/debug/node-reconfig").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            Issue.record("\(path) is missing: run `swift build` first")
            throw CancellationError()
        }
        return path
    }

    /// Runs the binary with `arguments`; output goes through files (no pipe can fill up), and a
    /// run still going after `timeout` seconds is killed and recorded as a failure.
    static func run(_ arguments: [String], in directory: String, timeout: TimeInterval = 120) throws -> BinaryRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let outPath = directory + "/.stdout-\(UUID().uuidString)"
        let errPath = directory + "/.stderr-\(UUID().uuidString)"
        try #require(FileManager.default.createFile(atPath: outPath, contents: nil))
        try #require(FileManager.default.createFile(atPath: errPath, contents: nil))
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            done.wait()
            Issue.record("node-reconfig \(arguments.joined(separator: " ")) ran over \(Int(timeout)) s and was killed")
        }
        try out.close()
        try err.close()
        return BinaryRun(
            status: process.terminationStatus,
            stdout: try String(contentsOfFile: outPath, encoding: .utf8),
            stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }
}
