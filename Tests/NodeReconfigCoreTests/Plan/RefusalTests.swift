import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

@Suite("malformed files stop the run before any write, naming file:line")
struct RefusalTests {
    /// Where each invalid fixture is placed on the node, by its folder.
    static let placement: [String: String] = [
        "env": "/etc/sysconfig/kubelet",
        "unit": "/etc/systemd/system/kubelet.service",
        "nginx": "/etc/nginx/nginx.conf",
        "haproxy": "/etc/haproxy/haproxy.cfg",
        "yaml": "/etc/kubernetes/kubelet.conf",
        "k3s-config": "/etc/rancher/k3s/config.yaml",
        "lvscare": "/etc/kubernetes/manifests/kube-sealos-lvscare.yaml",
        "json": "/etc/cni/net.d/10-calico.conf",
        "calicoctl": "/etc/calico/calicoctl.cfg",
        "openshift-master": "/etc/origin/master/master-config.yaml",
        "corefile": "/etc/coredns/Corefile",
        "keepalived": "/etc/keepalived/keepalived.conf",
    ]

    /// Folders of a kind the planner reads.
    static let cases: [String] = Corpus.fixtures { $0.hasPrefix("invalid/") && placement[String($0.split(separator: "/")[1])] != nil }

    @Test("each invalid fixture is refused with its node path and line; the file is untouched", arguments: cases)
    func refused(_ fixture: String) throws {
        let folder = fixture.split(separator: "/")[1]
        var nodePath = try #require(Self.placement[String(folder)])
        if folder == "unit" && fixture.hasSuffix(".conf") { nodePath = "/etc/systemd/system/kubelet.service.d/10-bad.conf" }
        let root = try NodeRoot()
        defer { root.remove() }
        let bytes = try Corpus.bytes(fixture: fixture)
        try root.place(bytes, at: nodePath)
        var targets = CorpusTargets.targets
        targets.drain = [HostPort(host: "10.0.0.1", port: 6443)]
        do {
            _ = try root.plan(targets)
            Issue.record("\(fixture) was not refused")
        } catch {
            let message = "\(error)"
            // The file name carries the expected line where the fixture's author recorded it: name.lineN.ext or name.N.ext.
            let name = fixture.split(separator: "/").last.map(String.init) ?? fixture
            let parts = name.split(separator: ".")
            if parts.count >= 3, let line = Int(parts[parts.count - 2].replacingOccurrences(of: "line", with: "")) {
                #expect(message.hasPrefix("\(nodePath):\(line): "), "\(message)")
            } else {
                #expect(message.hasPrefix("\(nodePath):"), "\(message)")
            }
            #expect(message.contains("Nothing was changed") || message.contains("nothing was changed") || message.contains("by hand"), "\(message)")
        }
        #expect(try root.bytes(at: nodePath) == bytes)
    }
}
