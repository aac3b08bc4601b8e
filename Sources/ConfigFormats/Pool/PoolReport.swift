/// What `detect` shows of one pool: the pool, its servers, and whether it is an apiserver pool.
public struct PoolReport: Sendable, Equatable {
    public var pool: LoadBalancerPool
    public var isApiserverPool: Bool

    public init(pool: LoadBalancerPool, isApiserverPool: Bool) {
        self.pool = pool
        self.isApiserverPool = isApiserverPool
    }

    /// The servers as `host:port` (IPv6 in brackets), in file order.
    public var servers: [String] { pool.servers.map(\.address.hostPort) }
    /// The servers marked down/disabled, as `host:port`.
    public var downServers: [String] { pool.servers.filter(\.isDown).map(\.address.hostPort) }
}
