/// An nginx configuration file (`nginx.conf`, kubeasz `kube-lb.conf`, `kube-nginx.conf`) as a
/// directive tree with exact token positions.
///
/// Blocks (`http`, `stream`, `events`, `server`, `upstream`, …) nest; `include` stays a plain
/// directive and is not followed. Rendering gives back the original bytes; changes are
/// `Patch`es (see `LoadBalancerConfig`). The file is held in compact form (`NginxSyntax`); the
/// tree, the tokens and the pool servers are made from it when asked for.
public struct NginxConfig: LoadBalancerConfig, Equatable {
    let syntax: NginxSyntax
    /// Every `upstream` block (in `stream` or `http`) with its server lines, in file order.
    public let pools: [LoadBalancerPool]

    /// Parses `source`. Refuses, with the 1-based line, unbalanced braces, an unterminated
    /// string, a directive missing its `;`, and an upstream `server` with no address.
    public init(_ source: SourceText) throws(FormatError) {
        self.syntax = try NginxScanner.scan(source)
        self.pools = try Self.upstreamPools(syntax)
    }

    /// The file, byte for byte.
    public var source: SourceText { syntax.source }

    /// The file's bytes, exactly as read.
    public func render() -> [UInt8] {
        source.bytes
    }

    /// The top-level directives.
    public var directives: [NginxDirective] {
        syntax.children(of: nil).map(syntax.directive)
    }

    /// Every token in file order (comments and blanks are not tokens).
    public var tokens: [NginxToken] {
        var hint = 0
        return syntax.spans.indices.map { index in
            let token = syntax.token(index, lineHint: hint)
            hint = token.endLine
            return token
        }
    }

    /// Every directive in the file, depth first, in file order.
    public var allDirectives: [NginxDirective] {
        directives.flatMap { [$0] + $0.descendants }
    }

    /// The directives named `keyword`, depth first, in file order (as in `allDirectives`).
    public func directives(named keyword: String) -> [NginxDirective] {
        syntax.nodes.indices.filter { syntax.token(Int(syntax.nodes[$0].name), is: keyword) }.map(syntax.directive)
    }

    public static func == (lhs: NginxConfig, rhs: NginxConfig) -> Bool {
        lhs.source == rhs.source
    }
}

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

extension NginxConfig {
    /// The `listen`s of the `server` blocks that `proxy_pass` to `pool` (stream: `proxy_pass
    /// NAME;`, http: `proxy_pass http://NAME/…;`, in the server or its locations) in the same
    /// `stream`/`http` block.
    public func listeners(of pool: LoadBalancerPool) -> [PoolListener] {
        let (blocks, _) = Self.blocks(directives, holding: pool)
        guard let block = blocks else { return [] }
        let isHTTP = block.keyword == "http"
        var listeners: [PoolListener] = []
        for server in block.block ?? [] where server.keyword == "server" && server.block != nil {
            let proxies = ([server] + server.descendants).filter { $0.keyword == "proxy_pass" }.compactMap { $0.arguments.first?.value.text }
            guard proxies.contains(where: { Self.names($0, pool.name) }) else { continue }
            listeners += Self.listens(of: server, isHTTP: isHTTP)
        }
        return listeners
    }

    /// Every `listen` of every `server` block (http servers without one listen on port 80).
    public var allListeners: [PoolListener] {
        var listeners: [PoolListener] = []
        func walk(_ directives: [NginxDirective], http: Bool) {
            for directive in directives {
                if directive.keyword == "server", directive.block != nil {
                    listeners += Self.listens(of: directive, isHTTP: http)
                } else if let block = directive.block {
                    walk(block, http: http || directive.keyword == "http")
                }
            }
        }
        walk(directives, http: false)
        return listeners
    }

    /// The `stream`/`http` block whose direct child is `pool`'s upstream (nil when the upstream
    /// stands at the top of an included file).
    static func blocks(_ directives: [NginxDirective], holding pool: LoadBalancerPool) -> (NginxDirective?, Bool) {
        for directive in directives {
            guard let block = directive.block else { continue }
            if block.contains(where: { $0.keyword == "upstream" && $0.line == pool.line }) {
                return (["stream", "http"].contains(directive.keyword) ? directive : nil, true)
            }
            let (found, seen) = blocks(block, holding: pool)
            if seen { return (found, true) }
        }
        return (nil, false)
    }

    /// True when a `proxy_pass` argument sends to the upstream `name`.
    static func names(_ target: String, _ name: String) -> Bool {
        var rest = Substring(target)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        return rest.prefix { $0 != "/" } == name
    }

    static func listens(of server: NginxDirective, isHTTP: Bool) -> [PoolListener] {
        let listens = (server.block ?? []).filter { $0.keyword == "listen" }
        if listens.isEmpty, isHTTP {
            return [PoolListener(host: nil, ports: 80...80, line: server.line, text: "server without listen (port 80)")]
        }
        return listens.compactMap { listen in
            guard let address = listen.arguments.first?.value.text else { return nil }
            return PoolListener.reading(address, line: listen.line, text: "listen " + listen.arguments.map(\.value.text).joined(separator: " "))
        }
    }
}
