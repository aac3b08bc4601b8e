extension HAProxyConfig {
    /// Pools from `backend`/`listen` sections; refuses misplaced or address-less `server` lines.
    static func pools(lines: [HAProxyLine], sections: [HAProxySection]) throws(FormatError) -> [LoadBalancerPool] {
        var pools: [LoadBalancerPool] = []
        let firstSectionLine = sections.first?.line ?? lines.count
        for line in lines[..<firstSectionLine] where line.keyword == "server" {
            throw FormatError(line: line.index + 1, "'server' line before any section; put it in a backend or listen section")
        }
        for section in sections {
            let serverLines = lines[section.lines].filter { $0.keyword == "server" }
            if HAProxySection.serverless.contains(section.keyword), let first = serverLines.first {
                throw FormatError(line: first.index + 1, "'server' line in a \(section.keyword) section; servers belong in a backend or listen section")
            }
            guard let kind = section.poolKind else { continue }
            var servers: [PoolServer] = []
            for line in serverLines {
                servers.append(try server(line, section: section))
            }
            var pool = LoadBalancerPool(name: section.name ?? "", kind: kind, line: section.line, servers: servers)
            pool.serverTemplateLines = lines[section.lines].filter { $0.keyword == "server-template" }.map(\.index)
            pools.append(pool)
        }
        return pools
    }

    private static func server(_ line: HAProxyLine, section: HAProxySection) throws(FormatError) -> PoolServer {
        guard line.words.count >= 3 else {
            throw FormatError(line: line.index + 1, "server line in \(section.keyword) '\(section.name ?? "")' has no address; write 'server NAME HOST:PORT [options]'")
        }
        let parameters = line.words.dropFirst(3)
        let markers = parameters.filter { $0.text == "disabled" || $0.text == "backup" }
        // `ipv4@` / `ipv6@` pin the address family: the address is what follows, and the prefix
        // stays in place when the line is copied (only the part after it is swapped).
        var addressToken = line.words[2].token
        var prefix: String?
        if let pinned = PoolServer.familyPrefixes.first(where: { addressToken.text.hasPrefix($0) }) {
            prefix = pinned
            addressToken.text.removeFirst(pinned.count)
            if addressToken.isVerbatim { addressToken.range = (addressToken.range.lowerBound + pinned.utf8.count)..<addressToken.range.upperBound }
        }
        return PoolServer(
            line: line.index,
            name: line.words[1].text,
            nameToken: line.words[1].token,
            address: Address(parsing: Substring(addressToken.text), lastColonIsPort: true),
            addressToken: addressToken,
            isDown: parameters.contains { $0.text == "disabled" },
            isBackup: parameters.contains { $0.text == "backup" },
            markerSpans: markers.map(\.span),
            insertionLine: line.index,
            insertionOffset: line.words[line.words.count - 1].span.upperBound,
            ownsLine: true,
            addressPrefix: prefix
        )
    }
}

extension HAProxyConfig {
    /// The `bind`s of the frontends and listen sections that send to `pool` (`default_backend`,
    /// `use_backend`), and of `pool` itself when it is a `listen` section (with the address an
    /// old-style `listen NAME ADDR:PORT` header gives).
    public func listeners(of pool: LoadBalancerPool) -> [PoolListener] {
        var listeners: [PoolListener] = []
        for section in sections where ["frontend", "listen"].contains(section.keyword) {
            let isPool = section.keyword == "listen" && section.line == pool.line
            let uses = lines[section.lines].contains { line in
                ["default_backend", "use_backend"].contains(line.keyword ?? "") && line.words.count > 1 && line.words[1].text == pool.name
            }
            if isPool || uses { listeners += binds(of: section) }
        }
        return listeners
    }

    /// Every `bind` of every frontend and listen section.
    public var allListeners: [PoolListener] {
        sections.filter { ["frontend", "listen"].contains($0.keyword) }.flatMap(binds)
    }

    func binds(of section: HAProxySection) -> [PoolListener] {
        var listeners: [PoolListener] = []
        let header = lines[section.line]
        if section.keyword == "listen", header.words.count > 2 {
            for word in header.words[2].text.split(separator: ",") {
                if let listener = PoolListener.reading(String(word), line: section.line, text: "listen \(section.name ?? "") \(header.words[2].text)") {
                    listeners.append(listener)
                }
            }
        }
        for line in lines[section.lines] where line.keyword == "bind" && line.words.count > 1 {
            let text = line.words.map(\.text).joined(separator: " ")
            for word in line.words[1].text.split(separator: ",") {
                if let listener = PoolListener.reading(String(word), line: line.index, text: text) { listeners.append(listener) }
            }
        }
        return listeners
    }
}
