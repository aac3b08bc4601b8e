/// A kubeconfig file: its clusters' `server:` values and the lines holding secrets.
///
/// A file is a kubeconfig when it has a top-level `clusters:` or `kind: Config`. A kubeconfig
/// embedded in a ConfigMap's block scalar is opaque and yields no clusters.
public struct Kubeconfig: Sendable {
    /// Keys whose values are secrets: their lines are redacted from diffs and output.
    public static let secretKeys: Set<String> = [
        "client-key-data", "token", "password", "id-token", "refresh-token", "secret", "client-secret",
    ]

    public let document: YAMLDocument
    /// `clusters[]` in file order.
    public let clusters: [KubeconfigCluster]
    /// 0-based lines holding the values of secret keys (anywhere in the file).
    public let secretLines: [Int]

    public init(_ source: SourceText) throws(FormatError) {
        try self.init(document: YAMLDocument(source))
    }

    public init(document: YAMLDocument) throws(FormatError) {
        self.document = document
        var clusters: [KubeconfigCluster] = []
        for root in document.documents where root.isMapping {
            guard let list = try root.child("clusters") else { continue }
            for item in list.items {
                try item.requireUndecorated()
                let name = try item.child("name")?.scalar?.text
                var server: YAMLScalar? = nil
                if let cluster = try item.child("cluster") {
                    server = try cluster.child("server")?.scalar
                }
                clusters.append(KubeconfigCluster(name: name, server: server?.token, serverStyle: server?.style, line: item.line))
            }
            if case .flow(let items) = list.kind, items?.isEmpty != true {
                throw FormatError(line: list.line + 1, "clusters: is written as a flow collection; node-reconfig reads only block lists, rewrite it as one")
            }
        }
        self.clusters = clusters
        var secrets: [Int] = []
        for root in document.documents { Self.collectSecretLines(root, in: document.source, into: &secrets) }
        self.secretLines = Array(Set(secrets)).sorted()
    }

    public var source: SourceText { document.source }

    public func render() -> [UInt8] { document.render() }

    /// True when `source` has a top-level `clusters:` or `kind: Config` line.
    public static func looksLike(_ source: SourceText) -> Bool {
        source.lines.contains { line in
            var text = Substring(line.text)
            if let comment = text.firstRange(of: " #") { text = text[..<comment.lowerBound] }
            while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
            return text == "clusters:" || text == "kind: Config" || text.hasPrefix("clusters: [")
        }
    }

    private static func collectSecretLines(_ node: YAMLNode, in source: SourceText, into lines: inout [Int]) {
        switch node.kind {
        case .mapping(let entries):
            for entry in entries {
                if secretKeys.contains(entry.key) {
                    switch entry.value.kind {
                    case .empty: break
                    case .scalar, .alias: lines.append(entry.value.line)
                    default: lines.append(contentsOf: entry.value.lines)
                    }
                } else {
                    collectSecretLines(entry.value, in: source, into: &lines)
                }
            }
        case .sequence(let items):
            for item in items { collectSecretLines(item, in: source, into: &lines) }
        case .flow:
            // Opaque: a secret key written anywhere inside marks every line of the collection.
            let text = node.lines.map { source.lines[$0].text }
            let holdsSecret = text.contains { line in
                secretKeys.contains { key in [":", "\":", "':"].contains { line.contains(key + $0) } }
            }
            if holdsSecret { lines.append(contentsOf: node.lines) }
        default:
            break
        }
    }
}
