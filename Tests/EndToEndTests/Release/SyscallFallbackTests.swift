import Foundation
import NodeReconfigCore
import TestSupport
import Testing

/// Kernel 3.10 (RHEL/CentOS 7) lacks the system calls added after it; where node-reconfig, its
/// Swift runtime or its C library makes one, it must carry on when the call fails with ENOSYS.
/// `strace -e inject=CALL:error=ENOSYS` makes each of them fail in turn, then all at once, while
/// the binary under test (`NODE_RECONFIG_BIN`: the release binary in CI) applies the demo node
/// (`--no-restart --skip-preflight`), runs again (nothing to do) and rolls back; each step must
/// give exactly the expected bytes. `scripts/release/syscall-survey.sh` lists the calls made.
@Suite("Kernel 3.10: every system call newer than 3.10 fails with ENOSYS, and apply, re-run and rollback give the same bytes",
       .tags(.slow), .notInQuickRun)
struct SyscallFallbackTests {
    /// x86_64 system calls added after Linux 3.10 (the release that added each in the comment of
    /// scripts/release/syscall-survey.sh).
    static let newerThan310 = [
        "sched_setattr", "sched_getattr", "renameat2", "seccomp", "getrandom", "memfd_create", "kexec_file_load",
        "bpf", "execveat", "userfaultfd", "membarrier", "mlock2", "copy_file_range", "preadv2", "pwritev2",
        "pkey_mprotect", "pkey_alloc", "pkey_free", "statx", "io_pgetevents", "rseq", "pidfd_send_signal",
        "io_uring_setup", "io_uring_enter", "io_uring_register", "open_tree", "move_mount", "fsopen", "fsconfig",
        "fsmount", "fspick", "pidfd_open", "clone3", "openat2", "pidfd_getfd", "faccessat2", "close_range",
        "process_madvise", "epoll_pwait2", "mount_setattr", "landlock_create_ruleset", "landlock_add_rule",
        "landlock_restrict_self", "quotactl_fd", "memfd_secret", "process_mrelease", "futex_waitv",
        "set_mempolicy_home_node", "cachestat", "fchmodat2", "map_shadow_stack", "futex_wake", "futex_wait",
        "futex_requeue", "statmount", "listmount", "lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules",
        "mseal",
    ]

    /// The names this strace knows (an older strace refuses the newest ones).
    static let known: [String] = {
        guard let strace = ChildProcess.locate("strace") else { return [] }
        return newerThan310.filter { name in
            (try? Subprocess.run([strace, "-qq", "-o", "/dev/null", "-e", "trace=\(name)", "/bin/true"]))?.status == 0
        }
    }()

    /// The demo node as `apply` must leave it: the original files with the golden plan's diffs.
    static func expectedApplied(_ original: [String: [UInt8]]) throws -> [String: [UInt8]] {
        let golden = try String(contentsOf: BinaryRun.packageRoot.appendingPathComponent("fixtures/golden/demo-node-plan.txt"),
                                encoding: .utf8)
        let diff = UnifiedDiff(parsing: golden)
        try #require(diff.files.count == 6)
        var expected = original
        for file in diff.files {
            let key = String(file.path.dropFirst())
            let before = try #require(original[key], "\(file.path) is not in the demo node")
            let patched = UnifiedDiff.apply(file.hunks, to: before)
            let after: [UInt8] = try #require(patched, "the golden diff does not apply to \(file.path)")
            expected[key] = after
        }
        return expected
    }

    /// Runs `arguments` under `strace -f` with ENOSYS injected into `calls` (the whole process
    /// tree, validators included); returns the run and how many calls were failed.
    static func underInjection(_ calls: [String], _ arguments: [String], node: DemoNode) throws -> (BinaryRun, injected: [String: Int]) {
        let strace = try #require(ChildProcess.locate("strace"))
        let log = node.scratch + "/strace-\(UUID().uuidString).log"
        let set = calls.joined(separator: ",")
        let result = try Subprocess.run([strace, "-f", "-qq", "-o", log, "-e", "trace=\(set)", "-e", "inject=\(set):error=ENOSYS",
                                         try BinaryRun.requireBinary()] + arguments, timeout: 300)
        var injected: [String: Int] = [:]
        for line in try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n") where line.hasSuffix("(INJECTED)") {
            if let name = callName(line) { injected[name, default: 0] += 1 }
        }
        return (BinaryRun(status: result.status, stdout: result.output, stderr: result.errorOutput), injected)
    }

    /// The system call a line of `strace -f` names: `1234  getrandom(…) = …`.
    static func callName(_ line: Substring) -> String? {
        let words = line.split(separator: " ", maxSplits: 1)
        guard words.count == 2, Int(words[0]) != nil, let name = words[1].drop(while: { $0 == " " }).split(separator: "(").first
        else { return nil }
        return String(name)
    }

    /// Which of `known` the binary calls over apply, re-run and rollback (nothing injected).
    static func callsMade() throws -> Set<String> {
        let node = try DemoNode()
        let strace = try #require(ChildProcess.locate("strace"))
        var seen: Set<String> = []
        let apply = ["apply"] + DemoNode.targets + ["--root", node.root, "--skip-preflight", "--no-restart"]
        for arguments in [apply, apply, ["rollback", "--root", node.root, "--no-restart"]] {
            let log = node.scratch + "/survey.log"
            let run = try Subprocess.run([strace, "-f", "-qq", "-o", log, "-e", "trace=\(known.joined(separator: ","))",
                                          try BinaryRun.requireBinary()] + arguments, timeout: 300)
            try #require(run.status == 0, "\(run)")
            for line in try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n") {
                if let name = callName(line), known.contains(name) { seen.insert(name) }
            }
        }
        return seen
    }

    /// Apply, apply again, rollback under `calls` failing with ENOSYS: exact bytes at each step.
    /// Returns the calls that were in fact failed.
    func check(_ calls: [String]) throws -> Set<String> {
        let node = try DemoNode()
        let original = try node.snapshot()
        let expected = try Self.expectedApplied(original)
        var injected: Set<String> = []
        let common = ["--root", node.root, "--skip-preflight", "--no-restart", "--json"]

        let (apply, first) = try Self.underInjection(calls, ["apply"] + DemoNode.targets + common, node: node)
        injected.formUnion(first.keys)
        #expect(apply.status == 0, "apply with \(calls) failing: \(apply.stderr)")
        #expect(try apply.json()["result"] as? String == "changed")
        #expect(DemoNode.differences(expected, try node.snapshot()) == [], "apply with \(calls) failing")

        let (again, second) = try Self.underInjection(calls, ["apply"] + DemoNode.targets + common, node: node)
        injected.formUnion(second.keys)
        #expect(again.status == 0, "apply again with \(calls) failing: \(again.stderr)")
        #expect(try again.json()["result"] as? String == "unchanged")
        #expect(DemoNode.differences(expected, try node.snapshot()) == [], "re-run with \(calls) failing")

        let (rollback, third) = try Self.underInjection(calls, ["rollback", "--root", node.root, "--no-restart"], node: node)
        injected.formUnion(third.keys)
        #expect(rollback.status == 0 && (rollback.stdout + rollback.stderr).contains("Rollback finished"),
                "rollback with \(calls) failing: \(rollback.stderr)")
        #expect(DemoNode.differences(original, try node.snapshot()) == [], "rollback with \(calls) failing")
        return injected
    }

    @Test("each system call newer than 3.10 that the binary makes fails with ENOSYS in turn")
    func eachCall() throws {
        guard ServiceBench.has("strace") else { return }
        let made = try Self.callsMade()
        // The Swift runtime seeds hashing with getrandom on every run: a survey that misses it is broken.
        #expect(made.contains("getrandom"), "strace saw none of \(Self.known.count) calls: \(made)")
        for call in made.sorted() {
            let injected = try check([call])
            #expect(injected == [call], "ENOSYS was injected into \(injected.sorted()), expected \(call)")
        }
    }

    @Test("all system calls newer than 3.10 fail with ENOSYS at once")
    func allAtOnce() throws {
        guard ServiceBench.has("strace") else { return }
        #expect(Self.known.count >= 40, "this strace knows only \(Self.known)")
        let injected = try check(Self.known)
        #expect(injected.contains("getrandom"), "no call was failed: \(injected)")
    }
}
