import Foundation

/// The ways a node's files name the TLS credentials its programs use toward the control plane
/// (SPEC "Where it looks": `--etcd-cafile`…, `FLANNEL_ETCD_CAFILE`…, `ETCD_*_FILE`, kubeconfig
/// `certificate-authority`/`client-*`), each a node root under `fixtures/` with the paths
/// where its certificates and key belong. The preflight's tests plan each one: without a network
/// for what the preflight would present (`PreflightCredentialTests`), and against a real TLS
/// etcd or apiserver stand-in that requires client certificates (`PreflightCredentialSourceTests`).
public struct CredentialLayout: Sendable {
    /// Which target of the run the credentials are for.
    public enum Target: String, Sendable {
        /// `--master` (an apiserver).
        case master
        /// `--etcd` (etcd's client URLs).
        case etcd
        /// `--etcd-members` on an etcd member (its advertised client URL is asked).
        case members
    }

    /// Which of the test's PEM files goes at a path.
    public enum PEM: String, Sendable { case ca, cert, key }

    /// `fixtures/` + this.
    public var fixture: String
    public var target: Target
    /// Where the node keeps each PEM file (node paths, after links), one of each at least.
    public var files: [(path: String, pem: PEM)]
    /// Symlinks to make: node path → target as written.
    public var links: [(path: String, target: String)]
    /// The CA, client certificate and key of the first set the preflight presents, as node
    /// paths (through mounts; before links); nil where the layout writes them into the file.
    public var presented: (ca: String, cert: String, key: String)?
    /// The file whose CA each distinct set of credentials comes from, in the order the
    /// preflight asks them: what its refusals name.
    public var caNamedBy: [String]
    /// The file naming the first set's client certificate, when it is not the CA's.
    public var certNamedBy: String?

    public var name: String { fixture.split(separator: "/").last.map(String.init) ?? fixture }

    /// Copies the layout's files under `root` (beside what is there already; its README is
    /// left out), fills in the placeholders (`@CLIENT_URL@`; the `@…_DATA@` of an inline
    /// kubeconfig with the base64 of `pems`) and writes each PEM file.
    public func materialize(at root: String, pems: [PEM: Data], clientURL: String = "https://127.0.0.1:2379") throws {
        let manager = FileManager.default
        let source = Corpus.fixturesRoot.appendingPathComponent(fixture).path
        let fills = ["@CLIENT_URL@": clientURL, "@CA_DATA@": pems[.ca]?.base64EncodedString() ?? "",
                     "@CERT_DATA@": pems[.cert]?.base64EncodedString() ?? "", "@KEY_DATA@": pems[.key]?.base64EncodedString() ?? ""]
        let walker = manager.enumerator(atPath: source)
        while let item = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard item != "README.md", manager.fileExists(atPath: source + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue,
                  var text = manager.contents(atPath: source + "/" + item).flatMap({ String(data: $0, encoding: .utf8) }) else { continue }
            for (placeholder, value) in fills { text = text.replacingOccurrences(of: placeholder, with: value) }
            let path = root + "/" + item
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        for (path, target) in links {
            try manager.createDirectory(atPath: ((root + path) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try manager.createSymbolicLink(atPath: root + path, withDestinationPath: target)
        }
        for (path, pem) in files {
            let full = root + path
            try manager.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try pems[pem, default: Data()].write(to: URL(fileURLWithPath: full))
            try manager.setAttributes([.posixPermissions: pem == .key ? 0o600 : 0o644], ofItemAtPath: full)
        }
    }

    /// Every layout: one per way of naming credentials.
    public static let all: [CredentialLayout] = [
        CredentialLayout(fixture: "preflight/kubeconfig-files", target: .master,
                         files: [("/opt/kube-ssl/ca.pem", .ca), ("/opt/kube-ssl/kubelet.pem", .cert), ("/opt/kube-ssl/kubelet-key.pem", .key)],
                         links: [("/etc/kubernetes/ssl", "/opt/kube-ssl")],
                         presented: ("/etc/kubernetes/ssl/ca.pem", "/etc/kubernetes/ssl/kubelet.pem", "/etc/kubernetes/ssl/kubelet-key.pem"),
                         caNamedBy: ["/etc/kubernetes/kubelet.kubeconfig"]),
        CredentialLayout(fixture: "preflight/kubeconfig-inline", target: .master, files: [], links: [], presented: nil,
                         caNamedBy: ["/etc/kubernetes/kube-proxy.kubeconfig"]),
        CredentialLayout(fixture: "preflight/unit-flags", target: .etcd,
                         files: [("/etc/kubernetes/ssl/ca.pem", .ca), ("/etc/kubernetes/ssl/kubernetes.pem", .cert),
                                 ("/etc/kubernetes/ssl/kubernetes-key.pem", .key)], links: [],
                         presented: ("/etc/kubernetes/ssl/ca.pem", "/etc/kubernetes/ssl/kubernetes.pem", "/etc/kubernetes/ssl/kubernetes-key.pem"),
                         caNamedBy: ["/etc/systemd/system/kube-apiserver.service"]),
        CredentialLayout(fixture: "discovery/opt-kubernetes", target: .etcd,
                         files: [("/opt/etcd/ssl/ca.pem", .ca), ("/opt/etcd/ssl/server.pem", .cert), ("/opt/etcd/ssl/server-key.pem", .key)],
                         links: [], presented: ("/opt/etcd/ssl/ca.pem", "/opt/etcd/ssl/server.pem", "/opt/etcd/ssl/server-key.pem"),
                         caNamedBy: ["/opt/kubernetes/cfg/kube-apiserver"]),
        CredentialLayout(fixture: "discovery/flannel-sysconfig", target: .etcd,
                         files: [("/etc/kubernetes/ssl/ca.pem", .ca), ("/etc/kubernetes/ssl/kubernetes.pem", .cert),
                                 ("/etc/kubernetes/ssl/kubernetes-key.pem", .key)], links: [],
                         presented: ("/etc/kubernetes/ssl/ca.pem", "/etc/kubernetes/ssl/kubernetes.pem", "/etc/kubernetes/ssl/kubernetes-key.pem"),
                         caNamedBy: ["/etc/sysconfig/flanneld"]),
        CredentialLayout(fixture: "preflight/flanneld-cafile", target: .etcd,
                         files: [("/etc/flanneld/certs/ca.crt", .ca), ("/etc/flanneld/certs/client.crt", .cert), ("/etc/flanneld/certs/client.key", .key)],
                         links: [], presented: ("/etc/flanneld/certs/ca.crt", "/etc/flanneld/certs/client.crt", "/etc/flanneld/certs/client.key"),
                         caNamedBy: ["/etc/sysconfig/flanneld"]),
        CredentialLayout(fixture: "preflight/etcd-env", target: .members,
                         files: [("/etc/ssl/etcd/ssl/ca.pem", .ca), ("/etc/ssl/etcd/ssl/member-node1.pem", .cert),
                                 ("/etc/ssl/etcd/ssl/member-node1-key.pem", .key), ("/etc/ssl/etcd/ssl/admin-node1.pem", .cert),
                                 ("/etc/ssl/etcd/ssl/admin-node1-key.pem", .key)], links: [],
                         presented: ("/etc/ssl/etcd/ssl/ca.pem", "/etc/ssl/etcd/ssl/admin-node1.pem", "/etc/ssl/etcd/ssl/admin-node1-key.pem"),
                         caNamedBy: ["/etc/etcd.env"]),
        CredentialLayout(fixture: "preflight/static-pod", target: .etcd,
                         files: [("/srv/kubernetes/pki/etcd/ca.crt", .ca), ("/srv/kubernetes/pki/apiserver-etcd-client.crt", .cert),
                                 ("/srv/kubernetes/pki/apiserver-etcd-client.key", .key)], links: [],
                         presented: ("/srv/kubernetes/pki/etcd/ca.crt", "/srv/kubernetes/pki/apiserver-etcd-client.crt",
                                     "/srv/kubernetes/pki/apiserver-etcd-client.key"),
                         caNamedBy: ["/etc/kubernetes/manifests/kube-apiserver.yaml"]),
    ]
}

#if canImport(Testing)
import Testing

extension CredentialLayout: CustomTestStringConvertible {
    public var testDescription: String { "\(name) (\(target.rawValue))" }
}
#endif
