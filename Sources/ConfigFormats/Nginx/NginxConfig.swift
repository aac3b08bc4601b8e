/// An nginx configuration file (`nginx.conf`, kubeasz `kube-lb.conf`, `kube-nginx.conf`) as a
/// directive tree with exact token positions.
///
/// Blocks (`http`, `stream`, `events`, `server`, `upstream`, …) nest; `include` stays a plain
/// directive and is not followed. Rendering gives back the original bytes; changes are
/// `Patch`es (see `NginxConfig+Pools.swift`).
public struct NginxConfig: LoadBalancerConfig, Equatable {
    /// The file, byte for byte.
    public var source: SourceText
    /// Every token in file order (comments and blanks are not tokens).
    public var tokens: [NginxToken]
    /// The top-level directives.
    public var directives: [NginxDirective]
    /// Every `upstream` block (in `stream` or `http`) with its server lines, in file order.
    public var pools: [LoadBalancerPool] = []

    /// Parses `source`. Refuses, with the 1-based line, unbalanced braces, an unterminated
    /// string, a directive missing its `;`, and an upstream `server` with no address.
    public init(_ source: SourceText) throws(FormatError) {
        self.source = source
        self.tokens = try NginxTokenizer.tokens(of: source)
        self.directives = try NginxParser.directives(from: tokens)
        self.pools = try upstreamPools()
    }

    /// The file's bytes, exactly as read (plus any patches applied to `source`).
    public func render() -> [UInt8] {
        source.bytes
    }

    /// Every directive in the file, depth first, in file order.
    public var allDirectives: [NginxDirective] {
        directives.flatMap { [$0] + $0.descendants }
    }

    /// How many tokens touch each line (start or end there): a line holding one directive alone
    /// has exactly that directive's tokens.
    func tokenCount(onLine line: Int) -> Int {
        tokens.count(where: { $0.value.line == line || $0.endLine == line })
    }
}
