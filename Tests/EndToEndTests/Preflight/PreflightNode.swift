import Foundation
import TestSupport
import Testing

/// A node root for the preflight tests, written here on the model of kubeasz's files: kubelet's
/// kubeconfig names the cluster CA and its client certificate and key as files under
/// `/etc/kubernetes/ssl/`, on the old master `https://10.17.33.20:6443` (or, with a load
/// balancer, on `https://127.0.0.1:6443` with the nginx pool behind it); kube-proxy's (when
/// asked for) holds them inline as `*-data`, and a bearer token.
struct PreflightNode {
    static let oldMaster = "https://10.17.33.20:6443"
    static let token = "preflight-token-0123456789-never-in-argv"

    let root: String
    let lab: ControlPlaneLab

    init(_ lab: ControlPlaneLab, name: String, client: String = "node-1", kubelet: Bool = true, inlineProxy: Bool = false,
         loadBalancer: Bool = false) throws {
        self.lab = lab
        root = "\(lab.directory)/\(name)"
        let server = loadBalancer ? "https://127.0.0.1:6443" : Self.oldMaster
        try write("/etc/kubernetes/ssl/ca.pem", lab.pem("cluster-ca"))
        if kubelet {
            try write("/etc/kubernetes/ssl/kubelet.pem", lab.pem(client))
            try write("/etc/kubernetes/ssl/kubelet-key.pem", lab.pem(client, "key"), mode: 0o600)
            try write("/etc/kubernetes/kubelet.kubeconfig", Data(Self.kubeconfig(server: server, user: "system:node:node-1", """
                    client-certificate: /etc/kubernetes/ssl/kubelet.pem
                    client-key: /etc/kubernetes/ssl/kubelet-key.pem
                """, cluster: "    certificate-authority: /etc/kubernetes/ssl/ca.pem\n").utf8))
        }
        if inlineProxy {
            try write("/etc/kubernetes/kube-proxy.kubeconfig", Data(Self.kubeconfig(server: server, user: "system:kube-proxy", """
                    client-certificate-data: \(try lab.pem(client).base64EncodedString())
                    client-key-data: \(try lab.pem(client, "key").base64EncodedString())
                    token: \(Self.token)
                """, cluster: "    certificate-authority-data: \(try lab.pem("cluster-ca").base64EncodedString())\n").utf8), mode: 0o600)
        }
        if loadBalancer {
            try write("/etc/kube-lb/conf/kube-lb.conf", Data("""
                stream {
                    upstream backend {
                        server 10.17.33.20:6443    max_fails=2 fail_timeout=3s;
                        server 10.17.33.21:6443    max_fails=2 fail_timeout=3s;
                    }
                    server {
                        listen 127.0.0.1:6443;
                        proxy_pass backend;
                    }
                }

                """.utf8))
        }
    }

    static func kubeconfig(server: String, user: String, _ credentials: String, cluster: String) -> String {
        """
        apiVersion: v1
        clusters:
        - cluster:
        \(cluster)    server: \(server)
          name: cluster1
        contexts:
        - context:
            cluster: cluster1
            user: \(user)
          name: default
        current-context: default
        kind: Config
        preferences: {}
        users:
        - name: \(user)
          user:
        \(credentials)

        """
    }

    func write(_ path: String, _ data: Data, mode: Int = 0o644) throws {
        let full = root + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: full)
    }

    /// Every file under the root: relative path → bytes.
    func snapshot() -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: root)
        while let item = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[item] = FileManager.default.contents(atPath: root + "/" + item)
            }
        }
        return result
    }

    /// The backup directory's entries (sets and scratch directories alike).
    var backupEntries: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: root + "/var/lib/node-reconfig/backups")) ?? []
    }

    func run(_ arguments: [String]) throws -> BinaryRun {
        try BinaryRun.nodeReconfig(arguments + ["--root", root], in: lab.directory)
    }
}
