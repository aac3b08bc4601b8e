import Foundation
import TestSupport
import NodeReconfigCore

/// Simulated hosts from `scripts/testhosts/testhosts.sh`: started in `init`, every process and
/// file removed in `deinit` (also when a test fails).
final class SimulatedHosts: @unchecked Sendable {
    static let packageRoot: URL = Corpus.packageRoot
    static let script = packageRoot.appendingPathComponent("scripts/testhosts/testhosts.sh").path
    static let fakeBinary = packageRoot.appendingPathComponent("scripts/testhosts/fake-node-reconfig").path

    /// Root, sshd, unshare and overlay mounts are needed.
    static var canRun: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")
    }

    /// `canRun`, and sudo is installed (for hosts with a `user`).
    static var canSudo: Bool { canRun && FileManager.default.isExecutableFile(atPath: "/usr/bin/sudo") }

    let directory: String
    let addresses: [String]
    let ssh: String

    /// `user`: ssh logs in as that unprivileged user, who has passwordless sudo on every host
    /// (`TESTHOSTS_USER`; needs `sudo` installed, see `canSudo`).
    init(count: Int, nodeTree: String? = nil, user: String? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("testhosts-\(UUID().uuidString.prefix(8))").path
        let environment = user.map { ["/usr/bin/env", "TESTHOSTS_USER=\($0)"] } ?? []
        let result = try Self.shell(environment + [Self.script, "up", directory, String(count)] + (nodeTree.map { [$0] } ?? []))
        guard result.code == 0 else {
            _ = try? Self.shell([Self.script, "down", directory])
            throw HarnessError("testhosts.sh up failed: \(result.stderr)")
        }
        addresses = try String(contentsOfFile: directory + "/hosts", encoding: .utf8).split(separator: "\n").map(String.init)
        ssh = try String(contentsOfFile: directory + "/ssh", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit {
        _ = try? Self.shell([Self.script, "down", directory])
    }

    /// Runs `command` with `sh -c` inside host `index`'s (1-based) mount namespace.
    @discardableResult
    func exec(_ index: Int, _ command: String) throws -> (code: Int32, stdout: String, stderr: String) {
        try Self.shell([Self.script, "exec", directory, String(index), "sh", "-c", command])
    }

    /// A file's contents as host `index` sees it (nil when absent).
    func read(_ index: Int, _ path: String) throws -> String? {
        let result = try exec(index, "cat \(path)")
        return result.code == 0 ? result.stdout : nil
    }

    /// The command names of the processes running in host `index`'s namespace (sshd included).
    func processes(_ index: Int) throws -> [String] {
        try Self.shell([Self.script, "ps", directory, String(index)]).stdout
            .split(separator: "\n").compactMap { $0.split(separator: " ", maxSplits: 1).last.map(String.init) }
    }

    func stop(_ index: Int) throws {
        _ = try Self.shell([Self.script, "stop-host", directory, String(index)])
    }

    static func shell(_ argv: [String]) throws -> (code: Int32, stdout: String, stderr: String) {
        let path = ChildProcess.locate(argv[0]) ?? argv[0]
        let result = try ChildProcess.run(path: path, argv: argv, ChildProcess.Options(input: .null, drainWait: 5))
        return (result.exitCode, result.output, result.errorOutput)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
