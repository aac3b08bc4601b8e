import Foundation
import TestSupport
import Testing
import NodeReconfigCore

/// Issue 7, "injected system-call faults on the real binary": every file-system call of a run
/// is made to fail in turn (strace `-e inject=SYSCALL:error=E:when=N`), and every outcome is
/// either the whole old tree (exit 1 or 3) or the whole new tree (exit 0), with no temp file
/// left; the next clean run then always ends with the new tree.
///
/// Every call is failed with EIO; the other errors each on every 4th call they apply to (all of
/// them with `HARDEN_ALL_FAULTS=1`), to keep the suite near a minute.
@Suite("Hardening: injected system-call faults on the real binary", .tags(.slow), .notInQuickRun, .serialized)
struct SyscallFaultTests {
    /// The calls node-reconfig makes on files, and the errors each is failed with.
    static let faults: [(syscall: String, errors: [String])] = [
        ("openat", ["EIO", "ENOSPC", "EACCES"]), ("write", ["EIO", "ENOSPC"]), ("fsync", ["EIO", "ENOSPC"]),
        ("rename", ["EIO", "EACCES"]), ("renameat", ["EIO"]), ("renameat2", ["EIO"]),
        ("lchown", ["EIO", "EACCES"]), ("fchown", ["EIO"]), ("fchownat", ["EIO"]),
        ("lsetxattr", ["EIO", "ENOSPC", "EACCES"]), ("fsetxattr", ["EIO"]),
        ("fchmod", ["EIO", "EACCES"]), ("chmod", ["EIO"]), ("mkdir", ["EIO", "ENOSPC", "EACCES"]),
        ("flock", ["EIO"]), ("ftruncate", ["EIO"]), ("unlink", ["EIO"]),
    ]

    static let allFaults = ProcessInfo.processInfo.environment["HARDEN_ALL_FAULTS"] == "1"

    static var strace: String? {
        let found = BinaryRun.locate("strace")
        if found == nil && BinaryRun.inCI { Issue.record("strace is not installed (apt-get install strace)") }
        return found
    }

    /// The calls of one clean run, in order: name and the traced line.
    static func reference(_ tree: NodeTree, strace: String) throws -> [(name: String, line: String)] {
        let log = tree.root + ".strace"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let names = faults.map(\.syscall).joined(separator: ",")
        let run = try BinaryRun.apply(root: tree.root, NodeTree.switchFlags, wrapper: [strace, "-f", "-o", log, "-e", "trace=\(names)"])
        guard run.status == 0 else { throw HardeningFailure("the traced clean run failed: \(run)") }
        return try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").compactMap { line in
            // `PID  name(…)`: strace pads short pids with more than one space.
            let call = line.drop { $0 != " " }.drop { $0 == " " }
            guard let paren = call.firstIndex(of: "("), !call.hasPrefix("+++"), !call.hasPrefix("---") else { return nil }
            return (String(call[..<paren]), String(line))
        }
    }

    @Test("each openat, write, fsync, rename, chown, setxattr, chmod, mkdir of a run failed in turn leaves all-old or all-new, no temp file",
          .enabled(if: BinaryRun.binaryExists, "the node-reconfig binary is not built"))
    func everyCallFailedInTurn() throws {
        guard let strace = Self.strace else { return }
        let base = try NodeTree(name: "faults-base")
        defer { base.remove() }
        // An extended attribute on a changed file, so that lsetxattr is part of the run.
        try LocalFileSystem().setExtendedAttribute(base.path("etc/sysconfig/flanneld"), name: "user.hardening", value: Array("kept".utf8))
        let old = base.snapshot()
        let new = try base.expectedAfter(NodeTree.switchFlags)
        #expect(old.differences(from: new).count == 5, "the clean run changes five files")

        let probe = try copy(base)
        let calls = try Self.reference(probe, strace: strace)
        probe.remove()
        // Calls before the first one naming the root are the loader's and libc's: not the run's.
        let start = try #require(calls.firstIndex { $0.line.contains(probe.root) }, "the run touches its root")
        var failures: [String] = []
        var runs = 0
        var exits: [Int32: Int] = [:]
        for (syscall, errors) in Self.faults {
            let occurrences = calls.indices.filter { calls[$0].name == syscall }
            for (ordinal, index) in occurrences.enumerated() where index >= start {
                for (position, error) in errors.enumerated() where position == 0 || Self.allFaults || (ordinal + position) % 4 == 0 {
                    runs += 1
                    let tree = try copy(base)
                    defer { tree.remove() }
                    let wrapper = [strace, "-f", "-o", "/dev/null", "-e", "trace=\(syscall)",
                                   "-e", "inject=\(syscall):error=\(error):when=\(ordinal + 1)"]
                    let run = try BinaryRun.apply(root: tree.root, NodeTree.switchFlags, wrapper: wrapper)
                    let label = "\(syscall)#\(ordinal + 1) \(error) [\(calls[index].line.prefix(120))]"
                    failures += Self.check(tree, run, old: old, new: new, label: label)
                    exits[run.signaled ? -run.status : run.status, default: 0] += 1
                }
            }
        }
        // The faults bite: some runs are refused before writing, some roll back, some shrug
        // (a failed write to stderr, an fsync retried by nothing) and finish.
        #expect(exits[1, default: 0] > 0 && exits[3, default: 0] > 0 && exits[0, default: 0] > 0, "exit codes seen: \(exits)")
        #expect(runs > 150, "the run makes well over 150 file-system calls, all failed in turn (\(runs))")
        #expect(failures.isEmpty, "\(failures.count) of \(runs) fault runs broke the all-or-nothing rule:\n\(failures.prefix(15).joined(separator: "\n"))")
    }

    func copy(_ base: NodeTree) throws -> NodeTree {
        let tree = try NodeTree(name: "faults")
        try FileManager.default.removeItem(atPath: tree.root)
        try FileManager.default.copyItem(atPath: base.root, toPath: tree.root)
        return tree
    }

    /// The all-old-or-all-new rule for one faulty run, then a clean run must reach the new tree.
    static func check(_ tree: NodeTree, _ run: BinaryRun, old: [String: Snapshot], new: [String: Snapshot], label: String) -> [String] {
        var failures: [String] = []
        let now = tree.snapshot()
        switch run.signaled ? -1 : run.status {
        case 0:
            if now != new { failures.append("\(label): exit 0 but \(now.differences(from: new)) are not new") }
        case 1, 3:
            if now != old { failures.append("\(label): exit \(run.status) but \(now.differences(from: old)) are not old") }
            if run.status == 3 && !run.stderr.contains("Rollback finished") { failures.append("\(label): exit 3 without `Rollback finished`") }
        default:
            failures.append("\(label): \(run)")
        }
        if !tree.leftoverTemps().isEmpty { failures.append("\(label): temp files left: \(tree.leftoverTemps())") }
        if run.status != 0, failures.isEmpty {
            guard let again = try? BinaryRun.apply(root: tree.root, NodeTree.switchFlags) else { return ["\(label): rerun did not start"] }
            if again.status != 0 || tree.snapshot() != new || !tree.leftoverTemps().isEmpty {
                failures.append("\(label): the next clean run did not reach the new tree: \(again)")
            }
        }
        return failures
    }
}
