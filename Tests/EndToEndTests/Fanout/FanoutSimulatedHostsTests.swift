import Foundation
import TestSupport
import Testing
import NodeReconfigCore

/// fanout over real ssh to simulated hosts, each running the stand-in from scripts/testhosts.
@Suite("fanout over real ssh to simulated hosts", .tags(.slow), .notInQuickRun, .serialized,
       .enabled(if: SimulatedHosts.canRun || ProcessInfo.processInfo.environment["CI"] == "true", "needs root, sshd and unshare"))
struct FanoutSimulatedHostsTests {
    static let flags = ["--", "--master=https://10.17.33.20:6443", "--etcd=http://10.17.33.21:4012"]

    private func base(_ hosts: SimulatedHosts, _ extra: [String] = []) -> [String] {
        ["--hosts=\(hosts.addresses.joined(separator: ","))", "--ssh=\(hosts.ssh)", "--remote-bin=\(SimulatedHosts.fakeBinary)"] + extra
    }

    /// Makes the stand-in on host `index` behave as `mode` (`fail`, `hang`, `stubborn`).
    private func setMode(_ hosts: SimulatedHosts, _ index: Int, _ mode: String) throws {
        let set = try hosts.exec(index, "mkdir -p /etc/kubernetes && echo \(mode) > /etc/kubernetes/fake-mode")
        try #require(set.code == 0, "host \(index): \(set.stderr)")
    }

    private func results(_ report: String) throws -> [String] {
        try FanoutReport(decoding: String(contentsOfFile: report, encoding: .utf8)).hosts.map(\.result.rawValue)
    }

    @Test("every host changes; the second run finds every host unchanged")
    func changedThenUnchanged() throws {
        let hosts = try SimulatedHosts(count: 3)
        let first = runFanout(base(hosts) + Self.flags)
        #expect(first.code == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.hasSuffix("3 hosts: 3 changed\n"))
        let second = runFanout(base(hosts) + Self.flags)
        #expect(second.code == 0)
        #expect(second.stdout.hasSuffix("3 hosts: 3 unchanged\n"))
        #expect(try hosts.read(2, "/etc/kubernetes/fake-runs") == "run\nrun\n")
    }

    @Test("a host whose run fails is rolled-back with its stderr kept; the others are unaffected")
    func oneRollsBack() throws {
        let hosts = try SimulatedHosts(count: 3)
        try setMode(hosts, 2, "fail")
        let report = hosts.directory + "/report.json"
        let run = runFanout(base(hosts, ["--max-failures=5", "--report=\(report)"]) + Self.flags)
        #expect(run.code == 3)
        #expect(try results(report) == ["changed", "rolled-back", "changed"])
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains(#""stderr" : "kubelet: not active after restart\nRollback finished\n""#))
        #expect(run.stdout.contains("rolled-back") && run.stdout.contains("kubelet did not come back; Rollback finished"))
        #expect(try hosts.read(1, "/etc/kubernetes/fake-state") != nil)
        #expect(try hosts.read(2, "/etc/kubernetes/fake-state") == nil)
    }

    @Test("with --max-failures 0 and waves, the hosts after the failing wave are skipped")
    func wavesStop() throws {
        let hosts = try SimulatedHosts(count: 4)
        try setMode(hosts, 2, "fail")
        let report = hosts.directory + "/report.json"
        let run = runFanout(base(hosts, ["--batch=2", "--max-failures=0", "--report=\(report)"]) + Self.flags)
        #expect(run.code == 3)
        #expect(try results(report) == ["changed", "rolled-back", "skipped", "skipped"])
        #expect(try hosts.read(3, "/etc/kubernetes/fake-runs") == nil)
    }

    @Test("a stopped sshd is unreachable; --retry-failed then re-runs only that host")
    func unreachableThenRetry() throws {
        let hosts = try SimulatedHosts(count: 3)
        try hosts.stop(3)
        let report = hosts.directory + "/report.json"
        let first = runFanout(base(hosts, ["--report=\(report)"]) + Self.flags)
        #expect(first.code == 3)
        #expect(try results(report) == ["changed", "changed", "unreachable"])
        #expect(first.stdout.contains("Connection refused"))

        let retry = runFanout(["--retry-failed=\(report)", "--ssh=\(hosts.ssh)", "--remote-bin=\(SimulatedHosts.fakeBinary)"])
        #expect(retry.code == 3)
        #expect(retry.stdout.hasSuffix("1 host: 1 unreachable\n"))
        #expect(try hosts.read(1, "/etc/kubernetes/fake-runs") == "run\n")
    }

    @Test("a hanging host times out, its remote run gets SIGHUP, rolls back and is gone")
    func timeout() throws {
        let hosts = try SimulatedHosts(count: 2)
        try setMode(hosts, 1, "hang")
        let report = hosts.directory + "/report.json"
        let run = runFanout(base(hosts, ["--timeout=3", "--max-failures=5", "--report=\(report)"]) + Self.flags)
        #expect(run.code == 3)
        #expect(try results(report) == ["timeout", "changed"])
        #expect(run.stdout.contains("timed out after 3 s; the remote run hung up and rolled back"))
        #expect(try hosts.read(1, "/etc/kubernetes/fake-hup") == "hup\n")
        let pidText = try #require(try hosts.read(1, "/etc/kubernetes/fake-pid"))
        let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) != 0, "the remote run \(pid) is still alive")
    }

    @Test("arguments with spaces and quotes reach the host intact")
    func awkwardArguments() throws {
        let hosts = try SimulatedHosts(count: 1)
        let flags = ["--master=https://10.17.33.20:6443", "--probe=http://127.0.0.1:1/a b", "--service-cmd=it's \"quoted\" $HOME `id`;"]
        let run = runFanout(base(hosts) + ["--"] + flags)
        #expect(run.code == 0, "\(run.stderr)")
        let recorded = try #require(try hosts.read(1, "/etc/kubernetes/fake-args"))
        #expect(recorded.split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init) == ["apply"] + flags + ["--json"])
    }

    @Test("a host named -oProxyCommand=… is refused before anything runs")
    func proxyCommandHost() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("fanout-pwned-\(UUID().uuidString)").path
        let run = runFanout(["--hosts=-oProxyCommand=touch \(marker)", "--remote-bin=/bin/true", "--", "--master=http://m:8080"])
        #expect(run.code == 1)
        #expect(run.stderr.hasPrefix("Error: Host '-oProxyCommand=touch \(marker)' starts with '-'"))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test("fanout plan and fanout detect run the dry run and the inventory")
    func planAndDetect() throws {
        let hosts = try SimulatedHosts(count: 2)
        let plan = runFanout(["plan"] + base(hosts) + Self.flags)
        #expect(plan.code == 2)
        #expect(plan.stdout.hasSuffix("2 hosts: 2 pending\n"))
        #expect(try hosts.read(1, "/etc/kubernetes/fake-state") == nil)
        let detect = runFanout(["detect", "--json"] + base(hosts))
        #expect(detect.code == 0)
        #expect(detect.stdout.contains(#""component" : "kubelet""#))
    }

    @Test("--copy-binary puts this binary on each host, checked by sha256, then runs it")
    func copyBinary() throws {
        let hosts = try SimulatedHosts(count: 2)
        let target = hosts.directory + "/remote bin/node-reconfig"
        let run = runFanout(["--hosts=\(hosts.addresses.joined(separator: ","))", "--ssh=\(hosts.ssh)", "--copy-binary",
                             "--remote-bin=\(target)"] + Self.flags, selfBinary: SimulatedHosts.fakeBinary)
        #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasSuffix("2 hosts: 2 changed\n"))
        #expect(FileManager.default.contents(atPath: target) == FileManager.default.contents(atPath: SimulatedHosts.fakeBinary))
        #expect(FileManager.default.isExecutableFile(atPath: target))
    }

    @Test("a run that ignores the hangup past --hangup-grace is reported failed, never a clean timeout")
    func unconfirmedTimeout() throws {
        let hosts = try SimulatedHosts(count: 1)
        try setMode(hosts, 1, "stubborn")
        let run = runFanout(base(hosts, ["--timeout=2", "--hangup-grace=2", "--json"]) + Self.flags)
        #expect(run.code == 3)
        #expect(run.stdout.contains(#""result" : "failed""#))
        #expect(run.stdout.contains("check the host, the run may still be going"))
        #expect(try hosts.read(1, "/etc/kubernetes/fake-hup") == "hup\n")
    }
}
