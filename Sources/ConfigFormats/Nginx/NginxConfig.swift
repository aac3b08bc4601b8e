/// An nginx configuration file (`nginx.conf`, kubeasz `kube-lb.conf`, `kube-nginx.conf`) as a
/// directive tree with exact token positions.
///
/// Blocks (`http`, `stream`, `events`, `server`, `upstream`, …) nest; `include` stays a plain
/// directive and is not followed. Rendering gives back the original bytes; changes are
/// `Patch`es (see `NginxConfig+Pools.swift`).
public struct NginxConfig: LoadBalancerConfig, Equatable {
    /// The file, byte for byte.
    public var source: SourceText
    /// The top-level directives.
    public var directives: [NginxDirective]
    /// Every `upstream` block (in `stream` or `http`) with its server lines, in file order.
    public var pools: [LoadBalancerPool] = []

    /// Parses `source`. Refuses, with the 1-based line, unbalanced braces, an unterminated
    /// string, a directive missing its `;`, and an upstream `server` with no address.
    public init(_ source: SourceText) throws(FormatError) {
        self.source = source
        self.directives = try NginxParser.directives(of: source)
        self.pools = try upstreamPools()
    }

    /// The file's bytes, exactly as read (plus any patches applied to `source`).
    public func render() -> [UInt8] {
        source.bytes
    }

    /// Every token in file order (comments and blanks are not tokens), read from the directive
    /// tree: a stored copy cost ~440 bytes a line in a large pool.
    public var tokens: [NginxToken] {
        var found: [NginxToken] = []
        func visit(_ list: [NginxDirective]) {
            for directive in list {
                found.append(directive.name)
                found += directive.arguments
                found.append(directive.terminator)
                if let block = directive.block { visit(block) }
                if let brace = directive.closingBrace { found.append(brace) }
            }
        }
        visit(directives)
        return found
    }

    /// Every directive in the file, depth first, in file order.
    public var allDirectives: [NginxDirective] {
        directives.flatMap { [$0] + $0.descendants }
    }

    /// The directives named `keyword`, depth first, in file order (as in `allDirectives`),
    /// without copying the rest of the tree: finding the `upstream` of a million-server pool
    /// through `allDirectives` copied every server (16% of planning, and peak memory).
    public func directives(named keyword: String) -> [NginxDirective] {
        var found: [NginxDirective] = []
        func visit(_ list: [NginxDirective]) {
            for directive in list {
                if directive.keyword == keyword { found.append(directive) }
                if let block = directive.block { visit(block) }
            }
        }
        visit(directives)
        return found
    }

    /// How many tokens touch each line (start or end there), indexed by 0-based line: a line
    /// holding one directive alone has exactly that directive's tokens. One pass over the tokens
    /// (counting line by line was quadratic in a pool of 100,000 servers).
    func tokenCountsByLine() -> [Int] {
        var counts = [Int](repeating: 0, count: source.lines.count + 1)
        func count(_ token: NginxToken) {
            counts[token.value.line] += 1
            if token.endLine != token.value.line { counts[token.endLine] += 1 }
        }
        func visit(_ list: [NginxDirective]) {
            for directive in list {
                count(directive.name)
                directive.arguments.forEach(count)
                count(directive.terminator)
                if let block = directive.block { visit(block) }
                if let brace = directive.closingBrace { count(brace) }
            }
        }
        visit(directives)
        return counts
    }
}
