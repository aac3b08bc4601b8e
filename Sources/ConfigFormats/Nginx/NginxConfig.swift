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
