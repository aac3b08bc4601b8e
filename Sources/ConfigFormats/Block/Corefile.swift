/// CoreDNS's Corefile (Caddyfile syntax, `BlockConfig.Syntax.corefile`): the `endpoint` lines of
/// its `kubernetes` plugin blocks, which name the apiserver when CoreDNS runs outside the
/// cluster (on a node, as a service); in the cluster it uses its service account instead.
///
///     .:53 {
///         kubernetes cluster.local in-addr.arpa ip6.arpa {
///             endpoint https://10.0.0.1:6443
///             kubeconfig /etc/coredns/kubeconfig
///         }
///     }
public struct Corefile: Sendable {
    /// One `endpoint` line of a `kubernetes` block.
    public struct Endpoint: Sendable, Equatable {
        /// Its URLs (CoreDNS before 1.5 took several; later ones take one).
        public var urls: [ValueToken]
        /// 0-based line of the `endpoint` word.
        public var line: Int
        /// The server block's keys (`.:53`), for reports.
        public var server: String
    }

    public let config: BlockConfig
    /// Every `endpoint` of every `kubernetes` block (in server blocks and snippets), in file order.
    public let endpoints: [Endpoint]

    public init(_ source: SourceText) throws(FormatError) {
        let config = try BlockConfig(source, syntax: .corefile)
        var endpoints: [Endpoint] = []
        for (statement, parents) in config.statements(named: "endpoint") {
            // Only directly inside a `kubernetes` plugin block (other plugins have no `endpoint`,
            // but a name is not a promise).
            guard let plugin = parents.last, plugin.name == "kubernetes" else { continue }
            if statement.arguments.isEmpty {
                throw FormatError(line: statement.line + 1, "'endpoint' without a URL; CoreDNS refuses it too")
            }
            let server = parents.first.map { $0.words.map(\.text).joined(separator: " ") } ?? ""
            endpoints.append(Endpoint(urls: Array(statement.arguments), line: statement.line, server: server))
        }
        self.config = config
        self.endpoints = endpoints
    }

    public var source: SourceText { config.source }

    /// The file's bytes, unchanged.
    public func render() -> [UInt8] { config.render() }
}
