/// A credential the node's files name for reaching the control plane (SPEC "It follows the
/// node's own references"): a CA, client certificate, key or token, the target it is for, and
/// the file and line that name it. Recorded for the preflight; the file is never read, planned,
/// rewritten, printed or copied, and a credential written into a file (`…-data:`, `token:`) is
/// recorded by where it is, never by its value.
public struct CredentialReference: Sendable, Hashable, CustomStringConvertible {
    /// Which connection it is for.
    public enum Target: String, Sendable, Hashable {
        /// The apiserver (a kubeconfig's).
        case master
        /// etcd's client port (`--etcd-cafile`, `FLANNEL_ETCD_CAFILE`, `ETCD_TRUSTED_CA_FILE`).
        case etcd
        /// etcd members among themselves (`--peer-cert-file`, `ETCD_PEER_*`).
        case etcdPeer = "etcd-peer"
    }

    /// What it is.
    public enum Purpose: String, Sendable, Hashable {
        case ca, cert, key, token

        var name: String {
            switch self {
            case .ca: return "CA"
            case .cert: return "client certificate"
            case .key: return "client key"
            case .token: return "token"
            }
        }
    }

    public var target: Target
    public var purpose: Purpose
    /// The file's node path; nil when the credential is written into the naming file itself.
    public var path: String?
    /// The naming file's node path.
    public var namedBy: String
    /// 1-based line of the naming file.
    public var line: Int
    /// How it is named: `--etcd-cafile`, `FLANNEL_ETCD_CAFILE`, `certificate-authority`.
    public var label: String
    /// For a kubeconfig: the cluster or user entry it belongs to (`cluster kubernetes`).
    public var owner: String?
    /// The services whose program uses it: those of the naming file as the program reads it
    /// (`kube-apiserver` for `--etcd-cafile` in its unit or in the env file its command line
    /// expands); none for a static pod's (the preflight then goes by `namedBy`).
    public var services: [String]

    public init(target: Target, purpose: Purpose, path: String?, namedBy: String, line: Int, label: String, owner: String? = nil,
                services: [String] = []) {
        self.target = target
        self.purpose = purpose
        self.path = path
        self.namedBy = namedBy
        self.line = line
        self.label = label
        self.owner = owner
        self.services = services
    }

    /// The same setting of the same file (what it is used for aside).
    func isSameSetting(as other: CredentialReference) -> Bool {
        var other = other
        other.services = services
        return self == other
    }

    /// `etcd CA /etc/kubernetes/ssl/ca.pem (--etcd-cafile in /etc/systemd/system/kube-apiserver.service:12)`.
    public var description: String {
        "\(target.rawValue) \(purpose.name) \(path ?? "(written into the file)") (\(label) in \(namedBy):\(line))"
    }

    var json: JSONValue {
        .object([
            ("target", .string(target.rawValue)), ("purpose", .string(purpose.rawValue)), ("path", .optional(path)),
            ("embedded", .bool(path == nil)), ("named_by", .string("\(namedBy):\(line)")), ("label", .string(label)),
            ("owner", .optional(owner)),
        ])
    }
}
