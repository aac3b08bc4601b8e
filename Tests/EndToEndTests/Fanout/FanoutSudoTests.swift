import Foundation
import TestSupport
import Testing
import NodeReconfigCore

/// fanout as operators run it: ssh logs in as an unprivileged user with passwordless sudo (real
/// sshd, real sudo, the real node-reconfig on each simulated host), and `--sudo` runs it as root.
@Suite("fanout --sudo with an unprivileged ssh user and real sudo on simulated hosts", .tags(.slow), .notInQuickRun, .serialized,
       .enabled(if: (SimulatedHosts.canSudo && RealBinary.hasApply) || RealBinary.inCI,
                "needs root, sshd, sudo, and a built node-reconfig with apply (run after merging)"))
struct FanoutSudoTests {
    static let user = "nrfanout"
    /// Root-only on every host (an overlaid /var/lib): only sudo can copy the binary there.
    static let rootOnlyBinary = "/var/lib/node-reconfig-bin/node-reconfig"
    static let originalMaster = "server: https://10.17.33.20:6443\n"

    private func hosts(_ count: Int) throws -> SimulatedHosts {
        let hosts = try SimulatedHosts(count: count, nodeTree: RealBinary.nodeTree, user: Self.user)
        let login = try SimulatedHosts.shell(["sh", "-c", "\(hosts.ssh) \(hosts.addresses[0]) id -un"])
        try #require(login.stdout == "\(Self.user)\n", "ssh does not log in as \(Self.user): \(login.stderr)")
        return hosts
    }

    private func base(_ hosts: SimulatedHosts, _ extra: [String]) -> [String] {
        ["--hosts=\(hosts.addresses.joined(separator: ","))", "--ssh=\(hosts.ssh)", "--max-failures=9"] + extra
    }

    /// The `output` objects (node-reconfig's JSON) of every host in a fanout report, in order.
    private func outputs(_ report: String) throws -> [[String: Any]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let hosts = try #require(root["hosts"] as? [[String: Any]])
        return hosts.map { $0["output"] as? [String: Any] ?? [:] }
    }

    @Test("without --sudo every host fails, says why and what to do, and nothing changes")
    func withoutSudo() throws {
        let hosts = try hosts(2)
        let before = try (1...2).map { try hosts.snapshot($0) }
        let report = hosts.directory + "/report.json"
        let run = runFanout(base(hosts, ["--remote-bin=\(RealBinary.path)", "--report=\(report)", "--"]) + RealBinary.flags)
        #expect(run.code == 3)
        let decoded = try FanoutReport(decoding: String(contentsOfFile: report, encoding: .utf8))
        #expect(decoded.hosts.map(\.result) == [.failed, .failed])
        for outcome in decoded.hosts {
            #expect(outcome.message.contains("Permission denied") && outcome.message.hasSuffix("if not, add --sudo)"),
                    "\(outcome.message)")
        }
        let copy = runFanout(base(hosts, ["--copy-binary", "--remote-bin=\(Self.rootOnlyBinary)", "--json", "--"]) + RealBinary.flags,
                             selfBinary: RealBinary.path)
        #expect(copy.code == 3)
        #expect(copy.stdout.contains("copying the binary failed: mkdir: cannot create directory '/var/lib/node-reconfig-bin': "
            + "Permission denied (is the ssh user root? if not, add --sudo)"), "\(copy.stdout)")
        #expect(try (1...2).map { try hosts.snapshot($0) } == before)
        #expect(try hosts.read(1, "/etc/kubernetes/kubelet.conf")?.contains(Self.originalMaster) == true)
    }

    @Test("with --sudo (binary copied to a root-only path) every host is rewritten as planned, backed up as root; again: unchanged")
    func withSudo() throws {
        let hosts = try hosts(3)
        let options = ["--sudo", "--copy-binary", "--remote-bin=\(Self.rootOnlyBinary)"]
        let planReport = hosts.directory + "/plan.json"
        let plan = runFanout(["plan"] + base(hosts, options + ["--report=\(planReport)", "--"]) + RealBinary.flags,
                             selfBinary: RealBinary.path)
        #expect(plan.code == 2, "\(plan.stdout)\(plan.stderr)")
        let planned = try outputs(planReport)
        let changing = try planned.map { output in
            try #require(output["files"] as? [[String: Any]]).filter { $0["changed"] as? Bool == true }
        }
        let originals = try (1...3).map { index in
            try changing[index - 1].map { file in
                let path = try #require(file["path"] as? String)
                return try #require(try hosts.read(index, path))
            }
        }

        let report = hosts.directory + "/apply.json"
        let apply = runFanout(base(hosts, options + ["--report=\(report)", "--"]) + RealBinary.flags, selfBinary: RealBinary.path)
        #expect(apply.code == 0, "\(apply.stdout)\(apply.stderr)")
        #expect(apply.stdout.hasSuffix("3 hosts: 3 changed\n"))
        let applied = try FanoutReport(decoding: String(contentsOfFile: report, encoding: .utf8))
        for index in 1...3 {
            let files = changing[index - 1]
            #expect(files.compactMap { $0["path"] as? String } == ["/etc/kubernetes/kubelet.conf", "/etc/sysconfig/flanneld"])
            for (file, original) in zip(files, originals[index - 1]) {
                let path = try #require(file["path"] as? String)
                #expect(try hosts.read(index, path) == Self.applying(file, to: original), "host \(index) \(path)")
            }
            let id = try #require(applied.hosts[index - 1].backupID)
            let backups = "/var/lib/node-reconfig/backups/\(id)"
            #expect(try hosts.exec(index, "test -d \(backups) && find /var/lib/node-reconfig /etc/kubernetes/kubelet.conf "
                + "/etc/sysconfig/flanneld \(Self.rootOnlyBinary) ! -user root").stdout == "")
            #expect(try hosts.exec(index, "grep -rlF '\(Self.originalMaster.dropLast())' \(backups)").code == 0)
            #expect(try hosts.exec(index, "stat -c '%U %a' \(Self.rootOnlyBinary)").stdout == "root 755\n")
        }
        let after = try (1...3).map { try hosts.snapshot($0) }
        let again = runFanout(base(hosts, options + ["--"]) + RealBinary.flags, selfBinary: RealBinary.path)
        #expect(again.code == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.hasSuffix("3 hosts: 3 unchanged\n"))
        #expect(try (1...3).map { try hosts.snapshot($0) } == after)
    }

    @Test("with --sudo, a host without the sudoers rule and one whose rule wants a password fail at once with sudo's message; the other changes")
    func sudoRefused() throws {
        let hosts = try hosts(3)
        try hosts.exec(2, "rm /etc/sudoers.d/testhosts-\(Self.user)")
        try hosts.exec(3, "echo '\(Self.user) ALL=(root) ALL' >/etc/sudoers.d/testhosts-\(Self.user)")
        let before = try [2, 3].map { try hosts.snapshot($0) }
        let report = hosts.directory + "/report.json"
        let run = runFanout(base(hosts, ["--sudo", "--remote-bin=\(RealBinary.path)", "--timeout=300", "--report=\(report)", "--"])
                            + RealBinary.flags)
        #expect(run.code == 3)
        let decoded = try FanoutReport(decoding: String(contentsOfFile: report, encoding: .utf8))
        #expect(decoded.hosts.map(\.result) == [.changed, .failed, .failed])
        for outcome in decoded.hosts.dropFirst() {
            #expect(outcome.message == "sudo refused (exit 1): sudo: a password is required; "
                + "--sudo needs passwordless sudo (NOPASSWD) for the ssh user on the host")
            #expect(outcome.standardError == "sudo: a password is required\n")
        }
        #expect(run.stdout.contains("sudo refused (exit 1): sudo: a password is required"))
        #expect(try [2, 3].map { try hosts.snapshot($0) } == before)
        #expect(try hosts.read(1, "/etc/kubernetes/kubelet.conf")?.contains("server: \(RealBinary.newMaster)\n") == true)
    }

    @Test("with --sudo, a host past --timeout gets the hangup as root: it rolls back and no node-reconfig is left")
    func timeoutUnderSudo() throws {
        let hosts = try hosts(2)
        try hosts.exec(1, "touch /etc/kubernetes/hang-health")
        let report = hosts.directory + "/report.json"
        let flags = RealBinary.flags.map { $0 == "--health-timeout=5" ? "--health-timeout=300" : $0 }
        let run = runFanout(base(hosts, ["--sudo", "--remote-bin=\(RealBinary.path)", "--timeout=8", "--report=\(report)", "--"]) + flags)
        #expect(run.code == 3)
        let decoded = try FanoutReport(decoding: String(contentsOfFile: report, encoding: .utf8))
        #expect(decoded.hosts.map(\.result) == [.timeout, .changed])
        #expect(decoded.hosts[0].message.contains("hung up and rolled back"), "\(decoded.hosts[0].message) \(decoded.hosts[0].standardError)")
        #expect(try hosts.read(1, "/etc/kubernetes/kubelet.conf")?.contains(Self.originalMaster) == true)
        let name = String(URL(fileURLWithPath: RealBinary.path).lastPathComponent.prefix(15))
        let left = try hosts.processes(1)
        #expect(!left.contains(name) && !left.contains("sudo"), "\(left)")
    }

    /// `original` with every edit of a plan's file entry made: on its 1-based `line`, the one
    /// `before` replaced by `after`; every other byte kept.
    static func applying(_ file: [String: Any], to original: String) throws -> String {
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for edit in try #require(file["edits"] as? [[String: Any]]) {
            let line = try #require(edit["line"] as? Int)
            let before = try #require(edit["before"] as? String), after = try #require(edit["after"] as? String)
            let range = try #require(lines[line - 1].range(of: before))
            lines[line - 1].replaceSubrange(range, with: after)
        }
        return lines.joined(separator: "\n")
    }
}
