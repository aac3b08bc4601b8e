import Foundation
import TestSupport
import Testing
import NodeReconfigCore

/// fanout over real ssh with the real node-reconfig on each simulated host (the fixture node).
@Suite("fanout with the real node-reconfig on simulated hosts", .tags(.slow), .notInQuickRun, .serialized,
       .enabled(if: (SimulatedHosts.canRun && RealBinary.hasApply) || RealBinary.inCI,
                "needs root, sshd, and a built node-reconfig with apply (run after merging)"))
struct FanoutRealBinaryTests {
    private func base(_ hosts: SimulatedHosts, _ extra: [String] = []) -> [String] {
        ["--hosts=\(hosts.addresses.joined(separator: ","))", "--ssh=\(hosts.ssh)", "--remote-bin=\(RealBinary.path)"] + extra
    }

    @Test("all changed, files rewritten on each host; again: all unchanged")
    func changedThenUnchanged() throws {
        let hosts = try SimulatedHosts(count: 3, nodeTree: RealBinary.nodeTree)
        let first = runFanout(base(hosts) + ["--"] + RealBinary.flags)
        #expect(first.code == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.hasSuffix("3 hosts: 3 changed\n"))
        for index in 1...3 {
            #expect(try hosts.read(index, "/etc/kubernetes/kubelet.conf")?.contains("server: \(RealBinary.newMaster)\n") == true)
            #expect(try hosts.read(index, "/etc/sysconfig/flanneld")?.contains("FLANNEL_ETCD=\"\(RealBinary.newEtcd)\"\n") == true)
        }
        let second = runFanout(base(hosts) + ["--"] + RealBinary.flags)
        #expect(second.code == 0)
        #expect(second.stdout.hasSuffix("3 hosts: 3 unchanged\n"))
    }

    @Test("a host whose restart fails rolls back and is reported; the others change")
    func oneRollsBack() throws {
        let hosts = try SimulatedHosts(count: 3, nodeTree: RealBinary.nodeTree)
        try hosts.exec(2, "touch /etc/kubernetes/fail-restart")
        let report = hosts.directory + "/report.json"
        let run = runFanout(base(hosts, ["--max-failures=3", "--report=\(report)"]) + ["--"] + RealBinary.flags)
        #expect(run.code == 3)
        let decoded = try FanoutReport(decoding: String(contentsOfFile: report, encoding: .utf8))
        #expect(decoded.hosts.map(\.result) == [.changed, .rolledBack, .changed])
        #expect(decoded.hosts[1].standardError.contains("Rollback finished"))
        #expect(try hosts.read(2, "/etc/kubernetes/kubelet.conf")?.contains("server: https://10.17.33.20:6443\n") == true)
        #expect(try hosts.read(1, "/etc/kubernetes/kubelet.conf")?.contains("server: \(RealBinary.newMaster)\n") == true)
    }

    @Test("fanout plan changes nothing and reports pending")
    func plan() throws {
        let hosts = try SimulatedHosts(count: 2, nodeTree: RealBinary.nodeTree)
        let run = runFanout(["plan"] + base(hosts) + ["--"] + RealBinary.flags)
        #expect(run.code == 2, "\(run.stdout)\(run.stderr)")
        #expect(try hosts.read(1, "/etc/kubernetes/kubelet.conf")?.contains("server: https://10.17.33.20:6443\n") == true)
    }

    @Test("a host whose health gate hangs past --timeout gets a hangup, rolls back, and no node-reconfig is left on it")
    func timeoutRollsBack() throws {
        let hosts = try SimulatedHosts(count: 2, nodeTree: RealBinary.nodeTree)
        try hosts.exec(1, "touch /etc/kubernetes/hang-health")
        let report = hosts.directory + "/report.json"
        let flags = RealBinary.flags.map { $0 == "--health-timeout=5" ? "--health-timeout=300" : $0 }
        let run = runFanout(base(hosts, ["--timeout=8", "--max-failures=3", "--report=\(report)"]) + ["--"] + flags)
        #expect(run.code == 3)
        let decoded = try FanoutReport(decoding: String(contentsOfFile: report, encoding: .utf8))
        #expect(decoded.hosts.map(\.result) == [.timeout, .changed])
        #expect(decoded.hosts[0].message.contains("hung up and rolled back"), "\(decoded.hosts[0].message) \(decoded.hosts[0].standardError)")
        #expect(try hosts.read(1, "/etc/kubernetes/kubelet.conf")?.contains("server: https://10.17.33.20:6443\n") == true)
        let name = String(URL(fileURLWithPath: RealBinary.path).lastPathComponent.prefix(15))
        #expect(!(try hosts.processes(1)).contains(name))
    }
}
