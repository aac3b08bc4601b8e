import Foundation
import TestSupport
import Testing
import NodeReconfigCore

/// Issue 7, "signals": SIGTERM, SIGINT and SIGHUP during the backup, the writes, the restart
/// and the health wait roll back and exit 3; SIGKILL at each of those phases leaves whole files
/// and is recovered by the next run. Backup and write phases are hit with strace
/// (`inject=SYSCALL:signal=SIG:when=N` on the first backup copy's creation and on the second
/// rename); restart and health wait by a `--service-cmd` that signals its parent.
@Suite("Hardening: signals at each phase", .tags(.slow), .notInQuickRun, .serialized, .enabled(if: BinaryRun.binaryExists, "the node-reconfig binary is not built"))
struct SignalTests {
    enum Phase: String, CaseIterable { case backup, writes, restart, health }

    static let cases: [(Phase, String)] = Phase.allCases.flatMap { phase in ["TERM", "INT", "HUP", "KILL"].map { (phase, $0) } }

    @Test("a signal at each phase: TERM/INT/HUP roll back with exit 3; KILL leaves whole files and the next run recovers",
          arguments: cases.indices)
    func signalAtPhase(index: Int) throws {
        let (phase, signal) = Self.cases[index]
        let tree = try NodeTree(name: "signal")
        defer { tree.remove() }
        let old = tree.snapshot()
        let new = try tree.expectedAfter(NodeTree.switchFlags)
        let run: BinaryRun
        switch phase {
        case .backup, .writes:
            guard let strace = BinaryRun.locate("strace") else {
                if BinaryRun.inCI { Issue.record("strace is not installed") }
                return
            }
            let inject = phase == .backup ? "openat:signal=SIG\(signal):when=\(try Self.firstBackupCopy(tree, strace: strace))"
                                          : "rename:signal=SIG\(signal):when=2"
            run = try BinaryRun.apply(root: tree.root, NodeTree.switchFlags,
                                      wrapper: [strace, "-f", "-o", "/dev/null", "-e", "trace=\(inject.prefix { $0 != ":" })", "-e", "inject=\(inject)"])
        case .restart, .health:
            let script = tree.root + "-svc"
            defer { try? FileManager.default.removeItem(atPath: script) }
            let trigger = phase == .restart ? "restart" : "is-active"
            // Services are active; the first restart (or the first is-active after one) signals node-reconfig.
            try """
            #!/bin/sh
            state=\(script).state
            case "$1" in
              restart|reload) if [ ! -e "$state" ]; then touch "$state"; [ \(trigger) = restart ] && kill -\(signal) $PPID; fi ;;
              is-active) if [ -e "$state" ] && [ ! -e "$state.sent" ] && [ \(trigger) = is-active ]; then touch "$state.sent"; kill -\(signal) $PPID; fi ;;
            esac
            exit 0
            """.write(toFile: script, atomically: false, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: script + ".state"); try? FileManager.default.removeItem(atPath: script + ".state.sent") }
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
            run = try BinaryRun.apply(root: tree.root, ["--skip-preflight", "--service-cmd=\(script)", "--settle=1", "--health-timeout=10",
                                                        "--master=https://10.17.40.20:6443", "--etcd=http://10.17.40.21:4012"])
        }
        if signal == "KILL" {
            #expect(run.signaled && run.status == SIGKILL, "\(phase): \(run)")
            let now = tree.snapshot()
            for (path, snapshot) in now where !tree.leftoverTemps().contains(path) { #expect(snapshot == old[path] || snapshot == new[path], "\(phase): \(path) is torn") }
            let next = try BinaryRun.apply(root: tree.root, NodeTree.switchFlags)
            #expect(next.status == 0, "\(phase): the next run: \(next)")
            #expect(phase == .backup || next.stderr.contains("Found an unfinished run"), "\(phase): \(next.stderr)")
            // Recovered once, under the run's one lock, and said once.
            #expect(next.stderr.components(separatedBy: "Found an unfinished run").count <= 2, "\(phase): \(next.stderr)")
            #expect(tree.snapshot() == new && tree.leftoverTemps().isEmpty)
            let store = BackupStore(directory: tree.path("var/lib/node-reconfig/backups"), fileSystem: LocalFileSystem())
            #expect(try store.unfinished().isEmpty, "every journal is closed")
        } else {
            #expect(!run.signaled && run.status == 3, "\(phase) \(signal): \(run)")
            #expect(run.stderr.contains("Interrupted by SIG\(signal)") && run.stderr.contains("Rollback finished"), "\(phase) \(signal): \(run.stderr)")
            #expect(tree.snapshot() == old, "\(phase) \(signal): \(tree.snapshot().differences(from: old)) not restored")
            #expect(tree.leftoverTemps().isEmpty, "\(phase) \(signal): temp files left")
        }
    }

    /// The ordinal of the `openat` creating the first backup copy (`…/backups/ID/1-…`).
    static func firstBackupCopy(_ tree: NodeTree, strace: String) throws -> Int {
        let probe = try NodeTree(name: "signal-probe")
        defer { probe.remove() }
        let log = probe.root + ".strace"
        defer { try? FileManager.default.removeItem(atPath: log) }
        _ = try BinaryRun.apply(root: probe.root, NodeTree.switchFlags, wrapper: [strace, "-f", "-o", log, "-e", "trace=openat"])
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains(" openat(") }
        let index = try #require(lines.firstIndex { $0.contains("/backups/") && $0.contains("/1-") && $0.contains("O_CREAT") })
        return index + 1
    }
}
