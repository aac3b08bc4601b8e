/// nginx / haproxy: sets the apiserver pools to `--apiservers` (or the master's host:port), then
/// drains `--drain` servers in every pool. Two stages, re-parsed in between, so a drained server
/// that is also in the new pool ends up in it and marked down.
struct PoolRewriter {
    var targets: Targets

    func plan(_ file: DiscoveredFile, source: SourceText) throws -> FilePlan {
        var text = source
        var edits: [FileEdit] = []
        if let wanted = targets.effectiveApiservers {
            let list = wanted.map(\.description)
            let config = try LoadBalancerDocument.parse(kind: file.kind, source: text)
            var patches: [Patch] = []
            for pool in config.pools where pool.isApiserverPool(lbPool: targets.lbPool) {
                let rewrite = try config.rewrite(settingPool: pool, to: list)
                let poolPatches = rewrite.patches
                let before = rewrite.before
                patches += poolPatches
                edits.append(FileEdit(role: .pool, label: pool.name, line: pool.line + 1, before: before,
                                      after: poolPatches.isEmpty ? before : list.joined(separator: ","),
                                      outcome: poolPatches.isEmpty ? .unchanged : .changed))
            }
            text = try text.applying(patches)
        }
        if let drain = targets.drain, !drain.isEmpty {
            let config = try LoadBalancerDocument.parse(kind: file.kind, source: text)
            let names = Set(drain.map(\.description))
            for pool in config.pools {
                for server in pool.servers where names.contains(server.address.hostPort) {
                    edits.append(FileEdit(role: .pool, label: "\(pool.name) drain", line: server.line + 1, before: server.address.hostPort,
                                          after: server.isDown ? server.address.hostPort : "\(server.address.hostPort) \(file.kind == .nginx ? "down" : "disabled")",
                                          outcome: server.isDown ? .unchanged : .changed))
                }
            }
            text = try text.applying(config.patches(draining: names))
        }
        return FilePlan(file: file, updated: text.bytes, edits: edits)
    }
}

/// nginx or haproxy, parsed by kind.
enum LoadBalancerDocument {
    static func parse(kind: FileKind, source: SourceText) throws(FormatError) -> any LoadBalancerConfig {
        kind == .nginx ? try NginxConfig(source) : try HAProxyConfig(source)
    }
}
