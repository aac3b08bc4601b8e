import Foundation
import Testing

@Suite("Binary: detect")
struct DetectBinaryTests {
    @Test("detect --json lists the demo files with their current values, the kube-proxy kubeconfig via the local load balancer")
    func detectJSON() throws {
        let node = try DemoNode()
        let run = try node.invoke(["detect", "--json"], preflight: false)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let files = try #require(try run.json()["files"] as? [[String: Any]])
        func values(_ path: String) throws -> [[String: Any]] {
            let file = try #require(files.first { $0["path"] as? String == path }, "\(path) not listed")
            return try #require(file["values"] as? [[String: Any]])
        }
        let expected: [(String, String, String)] = [
            ("/etc/kubernetes/kubelet.kubeconfig", "master", "https://10.17.33.20:6443"),
            ("/etc/kubernetes/config", "master", "http://10.17.33.20:8080"),
            ("/etc/sysconfig/kubelet", "master", "http://10.17.33.20:8080"),
            ("/etc/sysconfig/flanneld", "etcd", "http://10.17.33.21:4012,http://10.17.33.22:4012,http://10.17.33.23:4012"),
            ("/etc/etcd/etcd.conf", "members",
             "etcd1=http://10.17.33.21:4010,etcd2=http://10.17.33.22:4010,etcd3=http://10.17.33.23:4010"),
            ("/etc/kube-lb/conf/kube-lb.conf", "load-balancer", "10.17.33.20:6443,10.17.33.25:6443,10.17.33.26:6443"),
            ("/etc/systemd/system/kube-apiserver.service", "etcd",
             "http://10.17.33.21:4012,http://10.17.33.22:4012,http://10.17.33.23:4012"),
        ]
        for (path, role, value) in expected {
            let found = try values(path)
            #expect(found.contains { $0["role"] as? String == role && $0["value"] as? String == value }, "\(path): \(found)")
        }
        #expect(files.contains { $0["path"] as? String == "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf" })
        let proxy = try values("/etc/kubernetes/kube-proxy.kubeconfig")
        #expect(proxy.count == 1)
        #expect(proxy.first?["value"] as? String == "https://127.0.0.1:6443")
        #expect(proxy.first?["note"] as? String == "via local load balancer")
    }
}
