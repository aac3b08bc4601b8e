extension NginxConfig {
    /// The `upstream NAME { … }` blocks as pools. A `server` with no address is refused.
    func upstreamPools() throws(FormatError) -> [LoadBalancerPool] {
        var pools: [LoadBalancerPool] = []
        let counts = tokenCountsByLine()
        for directive in directives(named: "upstream") {
            guard let block = directive.block, let name = directive.arguments.first else { continue }
            var servers: [PoolServer] = []
            for child in block where child.keyword == "server" {
                servers.append(try poolServer(child, upstream: name.value.text, tokensByLine: counts))
            }
            pools.append(LoadBalancerPool(name: name.value.text, kind: .nginxUpstream, line: directive.line, servers: servers))
        }
        return pools
    }

    private func poolServer(_ directive: NginxDirective, upstream: String, tokensByLine: [Int]) throws(FormatError) -> PoolServer {
        guard let addressToken = directive.arguments.first, directive.block == nil else {
            throw FormatError(line: directive.line + 1, "server in upstream '\(upstream)' has no address; write 'server HOST:PORT;'")
        }
        let line = directive.line
        let parameters = directive.arguments.dropFirst()
        let markers = parameters.filter { $0.value.text == "down" || $0.value.text == "backup" }
        let last = directive.arguments.last ?? addressToken
        let onOneLine = directive.terminator.endLine == line && directive.arguments.allSatisfy { $0.endLine == line }
        return PoolServer(
            line: line,
            address: Address(parsing: Substring(addressToken.value.text)),
            addressToken: addressToken.value,
            isDown: parameters.contains { $0.value.text == "down" },
            isBackup: parameters.contains { $0.value.text == "backup" },
            markerSpans: markers.filter { $0.value.line == line }.map { $0.start..<$0.end },
            insertionLine: last.endLine,
            insertionOffset: last.end,
            ownsLine: onOneLine && tokensByLine[line] == directive.arguments.count + 2
        )
    }
}
