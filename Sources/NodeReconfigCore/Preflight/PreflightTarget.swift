/// One endpoint of the new control plane the preflight asks, with the name the node will use
/// for it and the credentials the node's own files use there.
public struct PreflightTarget: Sendable, Equatable {
    public enum Role: Sendable, Equatable {
        case master, apiserver, etcd

        /// Whose certificate to re-issue, in a refusal.
        var certificateOwner: String {
            switch self {
            case .master, .apiserver: return "apiserver"
            case .etcd: return "etcd server"
            }
        }
    }

    public var role: Role
    /// How the operator named it: `--master`, `--apiservers`, `--etcd`, or where it was read.
    public var flag: String
    /// As given: `https://10.17.40.20:6443`, `10.73.0.1:6443`.
    public var url: String
    /// `https`, `http`, or nil when only a TCP connection can be checked.
    public var scheme: String?
    public var host: String
    public var port: Int
    /// The host the node's clients use for it: the URL's own host, or the loopback name of a
    /// node-local load balancer in front of an apiserver pool. The certificate must cover it.
    public var serverName: String
    public var credentials: TargetCredentials?

    public init(role: Role, flag: String, url: String, scheme: String?, host: String, port: Int,
                serverName: String? = nil, credentials: TargetCredentials? = nil) {
        self.role = role
        self.flag = flag
        self.url = url
        self.scheme = scheme
        self.host = host
        self.port = port
        self.serverName = serverName ?? host
        self.credentials = credentials
    }

    /// `--master https://10.17.40.20:6443`
    public var label: String { "\(flag) \(url)" }

    /// `https://10.17.40.20:6443`, for requests.
    var base: String { "\(scheme ?? "http")://\(Address(host: host, port: port).hostPort)" }

    var hostPort: HostPort { HostPort(host: host, port: port) }
}

/// A problem the preflight found: what it concerns (`--master https://…`, with the file whose CA
/// was used) and what is wrong and what to do.
public struct PreflightFinding: Error, Sendable, Equatable, CustomStringConvertible {
    public var subject: String
    public var detail: String

    public init(subject: String, detail: String) {
        self.subject = subject
        self.detail = detail
    }

    public var description: String { subject.isEmpty ? detail : "\(subject): \(detail)" }
}
