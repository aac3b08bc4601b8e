/// A configuration holding load-balancer pools (`NginxConfig`, `HAProxyConfig`): what the core
/// asks of both for `detect`, `--apiservers`, `--drain` and `--lb-pool`.
public protocol LoadBalancerConfig: Sendable {
    /// The file, byte for byte.
    var source: SourceText { get }
    /// Every pool in file order.
    var pools: [LoadBalancerPool] { get }
    /// Where the load balancer listens for `pool`'s clients (empty when nothing in the file is
    /// seen to send them there).
    func listeners(of pool: LoadBalancerPool) -> [PoolListener]
    /// Every listen address in the file.
    var allListeners: [PoolListener] { get }
}

extension LoadBalancerConfig {
    /// The pools that count as apiserver pools (see `LoadBalancerPool.isApiserverPool`).
    public func apiserverPools(lbPool: String? = nil) -> [LoadBalancerPool] {
        pools.filter { $0.isApiserverPool(lbPool: lbPool) }
    }

    /// For `detect`: every pool with its servers and whether it counts as an apiserver pool.
    public func poolReports(lbPool: String? = nil) -> [PoolReport] {
        pools.map { PoolReport(pool: $0, isApiserverPool: $0.isApiserverPool(lbPool: lbPool)) }
    }

    /// Patches making `pool` hold exactly `entries` (`host:port`, in order).
    public func patches(settingPool pool: LoadBalancerPool, to entries: [String]) throws(FormatError) -> [Patch] {
        try pool.patches(settingServersTo: entries, in: source)
    }

    /// The rewrite making `pool` hold exactly `entries`, with the servers it held.
    public func rewrite(settingPool pool: LoadBalancerPool, to entries: [String]) throws(FormatError) -> PoolRewrite {
        try pool.rewrite(settingServersTo: entries, in: source)
    }

    /// Patches making every apiserver pool hold exactly `entries` (`host:port`, in order).
    public func patches(settingApiserverPoolsTo entries: [String], lbPool: String? = nil) throws(FormatError) -> [Patch] {
        var patches: [Patch] = []
        for pool in apiserverPools(lbPool: lbPool) {
            patches += try pool.patches(settingServersTo: entries, in: source)
        }
        return patches
    }

    /// Patches draining `entries` (`host:port`) in every pool.
    public func patches(draining entries: Set<String>) -> [Patch] {
        pools.flatMap { $0.patches(draining: entries) }
    }
}
