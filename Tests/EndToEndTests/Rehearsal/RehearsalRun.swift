import Foundation
import TestSupport
import Testing

/// One run of the rehearsal script, its programs and how to run it.
struct RehearsalRun {
    let status: Int32
    let output: String

    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let script = BinaryRun.packageRoot.appendingPathComponent("scripts/rehearse-migration.sh").path
    static let harness = ProcessInfo.processInfo.environment["TESTHOSTS"]
        ?? BinaryRun.packageRoot.appendingPathComponent("scripts/testhosts/testhosts.sh").path
    static let needed = ["etcd", "etcdctl", "nginx", "haproxy", "sshd", "ssh", "ssh-keygen", "unshare", "nsenter", "ip", "python3", "kubectl", "curl", "openssl"]

    static var missing: [String] {
        var missing = needed.filter { locate($0) == nil }
        if getuid() != 0 { missing.append("root") }
        if !FileManager.default.fileExists(atPath: "/usr/lib/nginx/modules/ngx_stream_module.so") { missing.append("nginx's stream module") }
        if !FileManager.default.isExecutableFile(atPath: harness) { missing.append(harness) }
        if !FileManager.default.isExecutableFile(atPath: BuiltBinary.path) {
            missing.append("\(BuiltBinary.path) (\(BuiltBinary.howToBuild))")
        }
        return missing
    }

    static var canRun: Bool { missing.isEmpty }

    static func locate(_ program: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/sbin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs the script with `environment` added; output (stdout and stderr merged) goes through a
    /// file. A run still going after `timeout` seconds is killed (its namespace, and every process
    /// in it, goes with it) and recorded as a failure.
    static func run(environment: [String: String], timeout: TimeInterval) throws -> RehearsalRun {
        // The script runs NODE_RECONFIG (default .build/debug/node-reconfig): the binary under test.
        let result = try Subprocess.run([script], environment: environment.merging(["NODE_RECONFIG": BuiltBinary.path]) { $1 },
                                        mergeStderr: true, timeout: timeout)
        if result.timedOut {
            Issue.record("rehearse-migration.sh ran over \(Int(timeout)) s and was killed")
        }
        return RehearsalRun(status: result.status, output: result.output)
    }
}
