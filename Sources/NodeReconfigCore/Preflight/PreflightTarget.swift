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

/// The targets of one run and what the cross-checks need: built from the operator's flags and
/// the planned files (whose clients name the credentials).
public struct PreflightPlan: Sendable {
    public var targets: [PreflightTarget]
    /// `--etcd-members`, compared with the member list.
    public var etcdMembers: [EtcdMember]?
    /// `--etcd` was given: each etcd target must be a member's client URL.
    public var etcdURLsMustBeMembers: Bool
    /// Said before the checks run (a `--etcd-members` that cannot be compared with anything).
    public var notes: [String] = []

    public init(targets: [PreflightTarget], etcdMembers: [EtcdMember]? = nil, etcdURLsMustBeMembers: Bool = false) {
        self.targets = targets
        self.etcdMembers = etcdMembers
        self.etcdURLsMustBeMembers = etcdURLsMustBeMembers
    }

    /// The master, each apiserver of the pool (when not the master itself) and each etcd URL.
    /// Credentials: for the master, the client of a planned file whose server is the master
    /// after the rewrite (kubelet's first), else the client behind the node-local load balancer;
    /// for the apiservers, that client (a loopback server: its name is the one the certificate
    /// must hold), else the master's; for etcd, `etcdCredentials` (the node's etcd TLS files,
    /// when known).
    /// Without `--etcd`, `--etcd-members` is compared with the cluster of the client URL its
    /// own files advertise.
    public static func make(targets: Targets, plan: NodePlan?, root: String, etcdCredentials: TargetCredentials? = nil) -> PreflightPlan {
        let clients = plan.map { clientsOf($0, root: root) } ?? []
        var result: [PreflightTarget] = []
        func add(_ target: PreflightTarget) {
            guard !result.contains(where: { $0.hostPort == target.hostPort }) else { return }
            result.append(target)
        }
        let local = clients.first { Address(parsing: $0.server[...]).isLoopback && Address(parsing: $0.server[...]).scheme != nil }
        var masterCredentials: TargetCredentials?
        if let master = targets.master, let port = master.port ?? master.address.effectivePort {
            // A node whose clients all go through its load balancer trusts the cluster's CA there.
            masterCredentials = (clients.first { Address(parsing: $0.server[...]).sameEndpoint(as: master.address) } ?? local)?.credentials
            add(PreflightTarget(role: .master, flag: "--master", url: master.description, scheme: master.scheme, host: master.host,
                                port: port, credentials: masterCredentials))
        }
        for server in targets.effectiveApiservers ?? [] {
            let scheme = targets.master?.scheme ?? local.flatMap { Address(parsing: $0.server[...]).scheme }
            if let local {
                add(PreflightTarget(role: .apiserver, flag: "--apiservers", url: server.description, scheme: scheme, host: server.host,
                                    port: server.port, serverName: Address(parsing: local.server[...]).host, credentials: local.credentials))
            } else {
                add(PreflightTarget(role: .apiserver, flag: "--apiservers", url: server.description, scheme: scheme, host: server.host,
                                    port: server.port, credentials: masterCredentials))
            }
        }
        for url in targets.etcd ?? [] {
            guard let port = url.port ?? url.address.effectivePort else { continue }
            add(PreflightTarget(role: .etcd, flag: "--etcd", url: url.description, scheme: url.scheme, host: url.host, port: port,
                                credentials: url.scheme == "https" ? etcdCredentials : nil))
        }
        var preflight = PreflightPlan(targets: result, etcdMembers: targets.etcdMembers, etcdURLsMustBeMembers: targets.etcd != nil)
        if targets.etcdMembers != nil, targets.etcd == nil {
            let advertised = plan.map(advertisedClientURLs) ?? []
            for (url, source) in advertised {
                let address = Address(parsing: url[...])
                guard let scheme = address.scheme, let port = address.effectivePort else { continue }
                add(PreflightTarget(role: .etcd, flag: source, url: address.description, scheme: scheme, host: address.host, port: port,
                                    credentials: scheme == "https" ? etcdCredentials : nil))
            }
            preflight.targets = result
            if advertised.isEmpty {
                preflight.notes.append("--etcd-members was not compared with a member list: no --etcd, and no file holding the membership advertises a client URL")
            }
        }
        return preflight
    }

    /// STOP-GAP until discovery's credential references (issue 13) are merged: the etcd TLS files
    /// named in the same files whose etcd endpoints are rewritten (`--etcd-cafile`…,
    /// `FLANNEL_ETCD_CAFILE`…, calico's and etcdctl's variables), the first file naming a CA.
    public static func etcdCredentials(in plan: NodePlan, root: String) -> TargetCredentials? {
        let names: [(ca: String, cert: String, key: String)] = [
            ("etcd-cafile", "etcd-certfile", "etcd-keyfile"),
            ("FLANNEL_ETCD_CAFILE", "FLANNEL_ETCD_CERTFILE", "FLANNEL_ETCD_KEYFILE"),
            ("ETCD_CA_CERT_FILE", "ETCD_CERT_FILE", "ETCD_KEY_FILE"),
            ("ETCDCTL_CACERT", "ETCDCTL_CERT", "ETCDCTL_KEY"),
            ("ETCDCTL_CA_FILE", "ETCDCTL_CERT_FILE", "ETCDCTL_KEY_FILE"),
        ]
        for file in plan.files where file.edits.contains(where: { $0.role == .etcd }) {
            guard let source = try? SourceText(bytes: file.updated),
                  let settings = try? file.file.kind.handler.settings(in: source) else { continue }
            func path(_ name: String) -> PEMSource? {
                guard let value = settings.last(where: { $0.name == name })?.value, value.hasPrefix("/") else { return nil }
                return .file(PathMath.join(root, value))
            }
            for set in names {
                guard let ca = path(set.ca) else { continue }
                return TargetCredentials(ca: ca, certificate: path(set.cert), key: path(set.key), source: file.file.displayPath)
            }
        }
        return nil
    }

    /// Every planned file's clients, kubelet's files first.
    static func clientsOf(_ plan: NodePlan, root: String) -> [ServerClient] {
        let ordered = plan.files.filter { $0.file.services.contains("kubelet") } + plan.files.filter { !$0.file.services.contains("kubelet") }
        return ordered.flatMap { file -> [ServerClient] in
            guard let source = try? SourceText(bytes: file.updated) else { return [] }
            return (try? file.file.kind.handler.clients(in: source, file: file.file, root: root)) ?? []
        }
    }

    /// The client URLs advertised by the files that hold `--etcd-members`' value (an etcd
    /// member's own config), with where each was read.
    static func advertisedClientURLs(_ plan: NodePlan) -> [(url: String, source: String)] {
        var found: [(String, String)] = []
        for file in plan.files where file.edits.contains(where: { $0.role == .members }) {
            guard let source = try? SourceText(bytes: file.updated),
                  let settings = try? file.file.kind.handler.settings(in: source) else { continue }
            for setting in settings where ["ETCD_ADVERTISE_CLIENT_URLS", "advertise-client-urls"].contains(setting.name) {
                for url in setting.value.split(separator: ",") where !found.contains(where: { $0.0 == String(url) }) {
                    found.append((String(url), "\(setting.name) in \(file.file.displayPath)"))
                }
            }
        }
        return found
    }
}
