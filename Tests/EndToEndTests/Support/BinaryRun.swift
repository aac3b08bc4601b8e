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

    /// `BuiltBinary.path` (`NODE_RECONFIG_BIN`, else `.build/debug/node-reconfig`), or a failure
    /// saying to build it first.
    static func binary() throws -> String {
        let path = BuiltBinary.path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            Issue.record("\(path) is missing: \(BuiltBinary.howToBuild)")
            throw CancellationError()
        }
        return path
    }

    /// Runs the binary with `arguments`; output goes through files (no pipe can fill up), and a
    /// run still going after `timeout` seconds is killed and recorded as a failure.
    static func run(_ arguments: [String], in directory: String, timeout: TimeInterval = 120) throws -> BinaryRun {
        let result = try Subprocess.run([try binary()] + arguments, currentDirectory: directory, timeout: timeout)
        if result.timedOut {
            Issue.record("node-reconfig \(arguments.joined(separator: " ")) ran over \(Int(timeout)) s and was killed")
        }
        return BinaryRun(status: result.status, stdout: result.output, stderr: result.errorOutput)
    }
}
