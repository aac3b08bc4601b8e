import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// The health gate beyond the process: after kubelet is restarted toward a new master, its
/// heartbeat must reach that master, read through kubelet's own kubeconfig. kubelet is a
/// stand-in (`scripts/rehearsal/kubelet.py`) run as a real service by `service-cmd`; the master
/// is the kube-apiserver stand-in with TLS and client certificates.
@Suite("Health gate: kubelet's heartbeat reaches the new master", .serialized, .tags(.slow), .notInQuickRun)
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
    func node(_ name: String = "node") throws -> PreflightNode {
        let node = try PreflightNode(lab, name: name)
        try node.write("/etc/kubernetes/kubelet", Data("KUBELET_HOSTNAME=\"--hostname-override=Node-1\"\n".utf8))
        let script = ControlPlaneLab.script + "/kubelet.py"
        try bench.write(bench.services + "/kubelet.run", """
            #!/bin/sh
            exec python3 \(script) --kubeconfig \(node.root)/etc/kubernetes/kubelet.kubeconfig --root \(node.root) --hostname-override node-1 --interval 0.2

            """, executable: true)
        try bench.control("restart", "kubelet")
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
        #expect(run.stdout.contains("service kubelet: restarted"), "\(run.stdout)")
        #expect(run.stderr.contains("kubelet's heartbeat reached https://127.0.0.1:\(ports[0]): the Lease kube-node-lease/node-1 renewed at "), "\(run.stderr)")
        let lease = try Subprocess.run(["curl", "-s", "--cacert", lab.path("cluster-ca"), "--cert", lab.path("node-1"), "--key", lab.path("node-1", "key"),
                                        "https://127.0.0.1:\(ports[0])/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1"])
        #expect(lease.output.contains("\"holderIdentity\": \"node-1\""), "the lease is kubelet's, under its --hostname-override name: \(lease.output)")

        // A second node (its kubeconfig on the old master again: a loopback value would be left as it is).
        let second = try self.node("second")
        let back = try apply(second, master: "https://127.0.0.1:\(ports[1])")
        #expect(back.status == 0, "a Node heartbeat where the server has no Lease API: \(back)")
        #expect(back.stderr.contains("kubelet's heartbeat reached https://127.0.0.1:\(ports[1]): the Node node-1's Ready heartbeat renewed at "), "\(back.stderr)")
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

/// A changed etcd static pod manifest: its livenessProbe (read from the manifest) must answer
/// 2xx, against a real etcd; `--etcd-members` is checked first against the member list of the
/// cluster the manifest advertises.
@Suite("Health gate: a changed static pod's livenessProbe", .serialized, .tags(.slow), .notInQuickRun)
struct LivenessGateTests {
    let lab: ControlPlaneLab
    let ports = ServiceBench.freePorts(3)

    init() throws { lab = try ControlPlaneLab() }

    func manifest(client: Int, peer: Int, probePort: Int) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: etcd
          namespace: kube-system
        spec:
          containers:
          - command:
            - etcd
            - --advertise-client-urls=http://127.0.0.1:\(client)
            - --initial-cluster=static-1=http://10.17.33.21:2380
            - --name=static-1
            image: registry.k8s.io/etcd:3.5.12-0
            livenessProbe:
              failureThreshold: 8
              httpGet:
                host: 127.0.0.1
                path: /health
                port: \(probePort)
                scheme: HTTP
              initialDelaySeconds: 10
            name: etcd
          hostNetwork: true

        """
    }

    @Test("the manifest's livenessProbe answering 2xx passes; one that never answers rolls the manifest back")
    func liveness() throws {
        guard ControlPlaneLab.has("etcd", "curl") else { return }
        defer { lab.tearDown() }
        let client = ports[0], peer = ports[1]
        _ = try lab.plainEtcd("static", client: client, peer: peer)
        let members = "--etcd-members=static-1=http://127.0.0.1:\(peer)"
        for (probePort, expected) in [(client, Int32(0)), (ports[2], Int32(3))] {
            let root = "\(lab.directory)/node-\(probePort)"
            let path = root + "/etc/kubernetes/manifests/etcd.yaml"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let original = manifest(client: client, peer: peer, probePort: probePort)
            try Data(original.utf8).write(to: URL(fileURLWithPath: path))
            let run = try BinaryRun.nodeReconfig(["apply", "--root", root, members, "--service-cmd=/bin/true", "--health-timeout=2", "--settle=0"], in: lab.directory)
            #expect(run.status == expected, "\(run)")
            let now = try String(contentsOfFile: path, encoding: .utf8)
            if expected == 0 {
                #expect(now.contains("--initial-cluster=static-1=http://127.0.0.1:\(peer)\n"))
            } else {
                #expect(run.stderr.contains("etcd's livenessProbe http://127.0.0.1:\(probePort)/health answered nothing within 2 s of its manifest's change, not 2xx"), "\(run.stderr)")
                #expect(run.stderr.contains("Rollback finished"))
                #expect(now == original, "the manifest is back byte for byte")
            }
        }
    }
}
