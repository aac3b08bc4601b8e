import Foundation
import TestSupport
import Testing

/// The speed comparison in scripts/bench is only fair if the alternative does the same edits:
/// `same-bytes.sh` checks that, and this checks `same-bytes.sh` (with the debug binary).
@Suite("Bench: the sed alternative leaves the demo node byte for byte as node-reconfig does",
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sed")))
struct SameBytesTests {
    static let script = BinaryRun.packageRoot.appendingPathComponent("scripts/bench/same-bytes.sh").path

    /// Runs same-bytes.sh; returns its exit status and what it printed.
    func check(_ node: String, _ alternative: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.script)
        process.arguments = [node, alternative]
        var environment = ProcessInfo.processInfo.environment
        environment["NODE_RECONFIG"] = try BinaryRun.requireBinary()
        process.environment = environment
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("same-bytes-\(UUID().uuidString)")
        try #require(FileManager.default.createFile(atPath: log.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
    }

    @Test("update_node_configs.sh-style sed script on the demo node: same bytes in all six changed files")
    func sedOnDemoNode() throws {
        let result = try check("demo-node", "sed")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("same bytes: sed on demo-node (6 files changed)"), "\(result.output)")
    }

    @Test("a sed script that writes one different byte is caught, with the diff")
    func differenceIsCaught() throws {
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken-sed-\(UUID().uuidString).sh")
        defer { try? FileManager.default.removeItem(at: broken) }
        let sed = BinaryRun.packageRoot.appendingPathComponent("scripts/bench/alternatives/demo-node/sed.sh").path
        try "#!/bin/sh\n\(sed) \"$1\"\nsed -i 's/4012,http/4012, http/' \"$1/etc/sysconfig/flanneld\"\n"
            .write(to: broken, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: broken.path)
        let result = try check("demo-node", broken.path)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("+FLANNEL_ETCD=\"http://10.17.40.21:4012, http"), "\(result.output)")
    }
}
