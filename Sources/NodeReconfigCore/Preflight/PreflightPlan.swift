/// The targets of one run and what the cross-checks need: built from the operator's flags and
/// the planned files, whose credentials each target is asked with (SPEC "Safety" 1: the CA,
/// client certificate and key that the files being rewritten use for that target).
///
/// An etcd URL is asked once per distinct set of credentials the programs rewritten toward
/// etcd use (kube-apiserver's `--etcd-cafile`…, flanneld's `FLANNEL_ETCD_CAFILE`…, each from
/// discovery's `CredentialReference`s): flanneld trusting another CA than the apiserver breaks
/// the pod network all the same, and each refusal names the file whose CA was used.
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
    /// Credentials: for the master, the client of a planned kubeconfig whose server is the master
    /// after the rewrite (kubelet's first: one, as a bootstrap kubeconfig's expired token must
    /// not speak for the node), else those that the other files rewritten toward the master name
    /// by flag or variable (`credentialSets`), else the client behind the node-local load
    /// balancer; for the apiservers, that client (a loopback server: its name is the one the
    /// certificate must hold), else the master's; for each https etcd URL, every set the files
    /// rewritten toward etcd use (none known: asked with none, trusting the system's CAs).
    /// Without `--etcd`, `--etcd-members` is compared with the cluster of the client URL its
    /// own files advertise, asked with the credentials of the files holding the membership.
    public static func make(targets: Targets, plan: NodePlan?, root: String) -> PreflightPlan {
        let clients = plan.map { clientsOf($0, root: root) } ?? []
        var result: [PreflightTarget] = []
        func add(_ target: PreflightTarget) {
            let asked = result.contains { known in
                guard known.hostPort == target.hostPort else { return false }
                guard known.role == target.role else { return true } // a pool entry that is the master
                switch (known.credentials, target.credentials) {
                case (nil, nil): return true
                case (let a?, let b?): return a.presentsTheSame(as: b)
                default: return false
                }
            }
            if !asked { result.append(target) }
        }
        /// An https endpoint is asked with each set (with none when none is known); http with none.
        func askedWith(_ sets: [TargetCredentials], scheme: String?) -> [TargetCredentials?] {
            scheme == "https" && !sets.isEmpty ? sets : [nil]
        }
        let local = clients.first { Address(parsing: $0.server[...]).isLoopback && Address(parsing: $0.server[...]).scheme != nil }
        var masterCredentials: TargetCredentials?
        if let master = targets.master, let port = master.port ?? master.address.effectivePort {
            var sets: [TargetCredentials?] = []
            if let client = clients.first(where: { Address(parsing: $0.server[...]).sameEndpoint(as: master.address) }) {
                sets = [client.credentials]
            } else if let named = plan.map({ credentialSets(.master, for: .master, in: $0, root: root) }), !named.isEmpty {
                sets = named
            } else {
                // A node whose clients all go through its load balancer trusts the cluster's CA there.
                sets = [local?.credentials]
            }
            masterCredentials = sets[0]
            for credentials in sets {
                add(PreflightTarget(role: .master, flag: "--master", url: master.description, scheme: master.scheme, host: master.host,
                                    port: port, credentials: credentials))
            }
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
        let etcdSets = plan.map { credentialSets(.etcd, for: .etcd, in: $0, root: root) } ?? []
        for url in targets.etcd ?? [] {
            guard let port = url.port ?? url.address.effectivePort else { continue }
            for credentials in askedWith(etcdSets, scheme: url.scheme) {
                add(PreflightTarget(role: .etcd, flag: "--etcd", url: url.description, scheme: url.scheme, host: url.host, port: port,
                                    credentials: credentials))
            }
        }
        var preflight = PreflightPlan(targets: result, etcdMembers: targets.etcdMembers, etcdURLsMustBeMembers: targets.etcd != nil)
        if targets.etcdMembers != nil, targets.etcd == nil {
            let advertised = plan.map(advertisedClientURLs) ?? []
            let memberSets = plan.map { credentialSets(.etcd, for: .members, in: $0, root: root) } ?? []
            for (url, source) in advertised {
                let address = Address(parsing: url[...])
                guard let scheme = address.scheme, let port = address.effectivePort else { continue }
                for credentials in askedWith(memberSets, scheme: scheme) {
                    add(PreflightTarget(role: .etcd, flag: source, url: address.description, scheme: scheme, host: address.host, port: port,
                                        credentials: credentials))
                }
            }
            preflight.targets = result
            if advertised.isEmpty {
                preflight.notes.append("--etcd-members was not compared with a member list: no --etcd, and no file holding the membership advertises a client URL")
            }
        }
        return preflight
    }

    /// The credentials toward `target` that the programs of the files rewritten for `role` use,
    /// one set per program (each service reading such a file; a static pod's manifest), each
    /// distinct set once, in the order of the files: from discovery's references used by that
    /// program (`CredentialReference.services`, or named in the file itself). A program whose
    /// files name none adds nothing. For the master, kubeconfigs are left out: their clients
    /// are read whole (`clientsOf`).
    static func credentialSets(_ target: CredentialReference.Target, for role: Role, in plan: NodePlan, root: String) -> [TargetCredentials] {
        let references = plan.credentials.filter { reference in
            reference.target == target && !(target == .master && plan.files.contains { $0.file.displayPath == reference.namedBy && $0.file.kind == .kubeconfig })
        }
        var sets: [TargetCredentials] = []
        for file in plan.files where file.edits.contains(where: { $0.role == role && $0.outcome != .skipped }) {
            let groups: [[CredentialReference]] = file.file.services.isEmpty
                ? [references.filter { $0.namedBy == file.file.displayPath }]
                : file.file.services.map { service in
                    references.filter { $0.services.contains(service) || $0.services.isEmpty && $0.namedBy == file.file.displayPath }
                }
            for group in groups {
                guard let credentials = TargetCredentials.named(by: group, root: root),
                      !sets.contains(where: { $0.presentsTheSame(as: credentials) }) else { continue }
                sets.append(credentials)
            }
        }
        return sets
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
