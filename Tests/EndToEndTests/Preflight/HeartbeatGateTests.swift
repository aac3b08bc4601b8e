import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// The health gate beyond the process: after kubelet is restarted toward a new master, its
/// heartbeat must reach that master, read through kubelet's own kubeconfig. kubelet is a
/// stand-in (`scripts/rehearsal/kubelet.py`) run as a real service by `service-cmd`; the master
/// is the kube-apiserver stand-in with TLS and client certificates.
@Suite("Health gate: kubelet's heartbeat reaches the new master", .serialized, .tags(.slow))
struct HeartbeatGateTests {
    let lab: ControlPlaneLab
    let bench: ServiceBench
    let ports = ServiceBench.freePorts(3)

    init() throws {
        lab = try ControlPlaneLab()
        bench = try ServiceBench()
        try lab.make("ca", "cluster-ca")
        try lab.make("server", "api", "cluster-ca", "IP:127.0.0.1")
        try lab.make("client", "node-1", "cluster-ca", "system:node:node-1", "system:nodes")
    }

    /// A node under the bench's root: kubelet's kubeconfig on the old master, its env file
    /// naming the node, and kubelet (the stand-in) running.
    func node() throws -> PreflightNode {
        let node = try PreflightNode(lab, name: "node")
        try node.write("/etc/kubernetes/kubelet", Data("KUBELET_HOSTNAME=\"--hostname-override=Node-1\"\n".utf8))
        let script = ControlPlaneLab.script + "/kubelet.py"
        try bench.write(bench.services + "/kubelet.run", """
            #!/bin/sh
            exec python3 \(script) --kubeconfig \(node.root)/etc/kubernetes/kubelet.kubeconfig --root \(node.root) --hostname-override node-1 --interval 0.2

            """, executable: true)
        try bench.control("start", "kubelet")
        return node
    }

    func apply(_ node: PreflightNode, master: String) throws -> BinaryRun {
        try node.run(["apply", "--master=\(master)", "--service-cmd=\(bench.serviceCommand)", "--health-timeout=6", "--settle=1"])
    }

    @Test("a kubelet whose Lease the new master sees renewed passes; on a master without leases its Node's Ready heartbeat counts")
    func heartbeatReaches() throws {
        guard ControlPlaneLab.has("curl", "openssl", "python3") else { return }
        defer { bench.tearDown(["kubelet"]); lab.tearDown() }
        try lab.apiserver(port: ports[0], ident: "new", certificate: "api", clientCA: "cluster-ca")
        try lab.apiserver(port: ports[1], ident: "old-api", certificate: "api", clientCA: "cluster-ca", extra: ["--no-leases"])
        let node = try node()
        let run = try apply(node, master: "https://127.0.0.1:\(ports[0])")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("service kubelet: restart restarted"), "\(run.stdout)")
        let lease = try Subprocess.run(["curl", "-s", "--cacert", lab.path("cluster-ca"), "--cert", lab.path("node-1"), "--key", lab.path("node-1", "key"),
                                        "https://127.0.0.1:\(ports[0])/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1"])
        #expect(lease.output.contains("\"holderIdentity\": \"node-1\""), "the lease is kubelet's, under its --hostname-override name: \(lease.output)")

        let back = try apply(node, master: "https://127.0.0.1:\(ports[1])")
        #expect(back.status == 0, "a Node heartbeat where the server has no Lease API: \(back)")
    }

    @Test("a kubelet whose heartbeat never reaches the new master (it may not write its Lease) is rolled back by the gate, every byte back")
    func heartbeatNeverReaches() throws {
        guard ControlPlaneLab.has("curl", "openssl", "python3") else { return }
        defer { bench.tearDown(["kubelet"]); lab.tearDown() }
        let state = lab.directory + "/state"
        let renewed = "2026-01-02T03:04:05.000000Z"
        try FileManager.default.createDirectory(atPath: state + "/leases", withIntermediateDirectories: true)
        try Data(#"{"kind":"Lease","apiVersion":"coordination.k8s.io/v1","metadata":{"name":"node-1","namespace":"kube-node-lease"},"spec":{"holderIdentity":"node-1","leaseDurationSeconds":40,"renewTime":"\#(renewed)"}}"#.utf8)
            .write(to: URL(fileURLWithPath: state + "/leases/node-1.json"))
        try lab.apiserver(port: ports[2], ident: "read-only", certificate: "api", clientCA: "cluster-ca", extra: ["--read-only", "--state", state])
        let node = try node()
        let before = node.snapshot()
        let master = "https://127.0.0.1:\(ports[2])"
        let run = try apply(node, master: master)
        #expect(run.status == 3, "\(run)")
        let prefix = "kubelet's heartbeat (node node-1) did not reach \(master) within 6 s of its restart: the Lease kube-node-lease/node-1 was last renewed at 2026-01-02 03:04:05 UTC, before kubelet's restart at "
        #expect(run.stderr.contains(prefix), "\(run.stderr)")
        #expect(run.stderr.contains("Rollback finished"), "\(run.stderr)")
        var after = node.snapshot()
        after = after.filter { !$0.key.hasPrefix("var/lib/node-reconfig/") && !$0.key.hasPrefix("run/") }
        #expect(after == before, "every file of the node is as it was")
        #expect(try bench.control("is-active", "kubelet") == 0, "kubelet runs again")
    }
}
