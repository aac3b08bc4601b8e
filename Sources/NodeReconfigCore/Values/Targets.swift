/// What the operator asked for: the new addresses, validated.
public struct Targets: Sendable, Equatable {
    /// `--master`
    public var master: Endpoint?
    /// `--etcd`
    public var etcd: [Endpoint]?
    /// `--etcd-members`
    public var etcdMembers: [EtcdMember]?
    /// `--apiservers`; defaults to `master.hostPort` when `--master` is given.
    public var apiservers: [HostPort]?
    /// `--drain`
    public var drain: [HostPort]?
    /// `--old-master`
    public var oldMasters: [Endpoint]
    /// `--lb-pool`
    public var lbPool: String?
    /// This host's own addresses (SPEC "Values", own-address rule): `--local-addresses`, else
    /// the interfaces' when `--root` is `/`. Read from the node by `NodePlan.make`, not a target.
    public var localAddresses: Set<String> = []
    /// Addresses a keepalived on this host may hold (its VIPs): no pool may receive them.
    public var virtualAddresses: Set<String> = []

    public init(master: Endpoint? = nil, etcd: [Endpoint]? = nil, etcdMembers: [EtcdMember]? = nil,
                apiservers: [HostPort]? = nil, drain: [HostPort]? = nil, oldMasters: [Endpoint] = [], lbPool: String? = nil) {
        self.master = master
        self.etcd = etcd
        self.etcdMembers = etcdMembers
        self.apiservers = apiservers
        self.drain = drain
        self.oldMasters = oldMasters
        self.lbPool = lbPool
    }

    /// True when at least one target flag is set (apply/plan need one).
    public var isEmpty: Bool {
        master == nil && etcd == nil && etcdMembers == nil && apiservers == nil && drain == nil
    }

    /// True when the pool comes from `--master` (no `--apiservers`): refusals say so.
    public var apiserversFromMaster: Bool { apiservers == nil && master != nil }

    /// The pool `--apiservers` asks for, or the master's host:port when only `--master` is given.
    public var effectiveApiservers: [HostPort]? {
        if let apiservers { return apiservers }
        if let master, let port = master.port ?? master.address.effectivePort {
            return [HostPort(host: master.host, port: port)]
        }
        return nil
    }

    /// The etcd list as written into files.
    public var etcdList: String? { etcd?.map(\.description).joined(separator: ",") }
    /// The member list as written into files.
    public var membersList: String? { etcdMembers?.map(\.description).joined(separator: ",") }
}

extension Targets {
    /// The target flags, as written on the command line (and, with `_` for `-`, in Ansible):
    /// the target entries of `OptionSpec.table`.
    public static var flagNames: [String] { OptionSpec.targetNames }

    /// Builds targets from flag values (`["master": "http://10.0.0.1:8080", "etcd": "…"]`; names
    /// with or without `--`), then checks them together (`checked()`).
    public static func parse(_ values: [(flag: String, value: String)]) throws(ValueError) -> Targets {
        var targets = Targets()
        for (flag, value) in values {
            try targets.set(flag, to: value)
        }
        try targets.checked()
        return targets
    }

    /// Sets one target flag from its raw value, validating it as SPEC "Values" says (through its
    /// table entry). A name not in `flagNames` is refused.
    public mutating func set(_ flag: String, to value: String) throws(ValueError) {
        let name = flag.hasPrefix("--") ? String(flag.dropFirst(2)) : flag.replacing("_", with: "-")
        let shown = "--" + name
        guard let spec = OptionSpec.named(name, for: .apply), case .target(let set) = spec.destination else {
            throw ValueError(flag: shown, value: value, "is not a target flag; use one of \(Targets.flagNames.map { "--" + $0 }.joined(separator: ", "))")
        }
        try set(&self, value, shown)
    }

    /// Checks that do not fit one flag: `--old-master` narrows `--master` and means nothing alone.
    public func checked() throws(ValueError) {
        if !oldMasters.isEmpty, master == nil {
            throw ValueError(flag: "--old-master", value: oldMasters.map(\.description).joined(separator: ","),
                             "needs --master: it only restricts which kubeconfig servers --master replaces")
        }
    }

    /// A load-balancer pool name as nginx `upstream` / haproxy `backend` write it.
    static func poolName(_ value: String, flag: String) throws(ValueError) -> String {
        try ValueSyntax.checkCharacters(value, flag: flag)
        guard ValueSyntax.isName(Substring(value), colon: true) else {
            throw ValueError(flag: flag, value: value, "is not a pool name; use letters, digits, '-', '_', '.', ':'")
        }
        return value
    }
}
