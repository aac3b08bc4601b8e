extension NginxConfig {
    /// The `upstream NAME { … }` blocks as pools. A `server` with no address is refused. Only
    /// the index of each server directive is kept: its `PoolServer` is made when read.
    static func upstreamPools(_ syntax: NginxSyntax) throws(FormatError) -> [LoadBalancerPool] {
        var pools: [LoadBalancerPool] = []
        for index in syntax.nodes.indices where syntax.token(Int(syntax.nodes[index].name), is: "upstream") {
            let node = syntax.nodes[index]
            guard node.hasBlock, node.argumentCount > 0 else { continue }
            let name = syntax.text(ofToken: Int(node.name) + 1).text
            var servers: [UInt32] = []
            var child = index + 1
            while child < Int(node.subtreeEnd) {
                let server = syntax.nodes[child]
                if syntax.token(Int(server.name), is: "server") {
                    guard server.argumentCount > 0, !server.hasBlock else {
                        throw FormatError(line: Int(server.line) + 1, "server in upstream '\(name)' has no address; write 'server HOST:PORT;'")
                    }
                    servers.append(UInt32(child))
                }
                child = Int(server.subtreeEnd)
            }
            pools.append(LoadBalancerPool(name: name, kind: .nginxUpstream, line: Int(node.line),
                                          servers: PoolServers(NginxServerTable(syntax: syntax, nodes: servers))))
        }
        return pools
    }
}
