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
