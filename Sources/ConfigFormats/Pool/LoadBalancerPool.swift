/// A pool of servers behind a load balancer: an nginx `upstream` block, or a haproxy `backend`
/// or `listen` section. The rewrite (`--apiservers`) and drain (`--drain`) work on this model.
public struct LoadBalancerPool: Sendable, Equatable {
    /// The upstream/backend/listen name.
    public var name: String
    public var kind: PoolKind
    /// 0-based line of the `upstream`/`backend`/`listen` header.
    public var line: Int
    /// The server lines, in file order.
    public var servers: PoolServers
    /// 0-based lines of haproxy `server-template` directives (servers found through DNS, which
    /// the rewrite does not touch and so refuses to work around).
    public var serverTemplateLines: [Int] = []

    public init(name: String, kind: PoolKind, line: Int, servers: [PoolServer]) {
        self.init(name: name, kind: kind, line: line, servers: PoolServers(servers))
    }

    init(name: String, kind: PoolKind, line: Int, servers: PoolServers) {
        self.name = name
        self.kind = kind
        self.line = line
        self.servers = servers
    }

    /// Name fragments that mark an apiserver pool, compared case-insensitively.
    public static let apiserverNameHints = ["apiserver", "kube", "k8s", "master"]
    /// Ports that mark an apiserver pool when every server listens on one of them.
    public static let apiserverPorts: Set<Int> = [6443, 8443]

    /// SPEC's apiserver-pool rule: `--lb-pool` names it, or its name contains `apiserver`,
    /// `kube`, `k8s` or `master` (any case), or it has at least one server and all of them
    /// listen on 6443 or 8443.
    public func isApiserverPool(lbPool: String? = nil) -> Bool {
        if let lbPool, lbPool == name { return true }
        let lower = name.lowercased()
        if Self.apiserverNameHints.contains(where: { lower.contains($0) }) { return true }
        return !servers.isEmpty && servers.allSatisfy { server in
            server.address.port.map { Self.apiserverPorts.contains($0) } ?? false
        }
    }
}
