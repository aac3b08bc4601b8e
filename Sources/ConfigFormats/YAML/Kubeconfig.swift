/// A kubeconfig file: its clusters' `server:` values, the lines holding secrets, and the
/// credentials its clusters and users name (`credentials`, `credentials(for:)`).
///
/// Read in every form kubectl reads: block YAML, flow-style mappings and lists
/// (`- {name: a, cluster: {server: "https://…"}}`), `server:` as a block scalar (`|-`, `>-`; a
/// `|` or `>` one keeps a final line break in the value and is exposed but not patchable), and
/// JSON. A `clusters:` entry the reader cannot see into (an opaque flow collection, a `server:`
/// that is a list) is refused with its line, never passed over. A kubeconfig embedded in a
/// ConfigMap's block scalar is opaque and yields no clusters.
public struct Kubeconfig: Sendable {
    /// Keys whose values are secrets: their lines are redacted from diffs and output.
    public static let secretKeys: Set<String> = [
        "client-key-data", "token", "password", "id-token", "refresh-token", "secret", "client-secret",
    ]

    /// The file as it was read.
    public let source: SourceText
    /// The YAML document; nil when the file is JSON.
    public let document: YAMLDocument?
    /// The JSON document; nil when the file is YAML.
    public let json: JSONDocument?
    /// `clusters[]` in file order.
    public let clusters: [KubeconfigCluster]
    /// 0-based lines holding the values of secret keys (anywhere in the file).
    public let secretLines: [Int]

    /// Reads `source` as JSON when it opens with `{` or `[`, else as YAML. kubectl reads both
    /// through YAML, so a flow-style YAML file that is not strict JSON (`{kind: Config, …}`) is
    /// read as YAML; when neither reads it, the JSON reader's refusal is given.
    public init(_ source: SourceText) throws(FormatError) {
        guard JSONDocument.looksLike(source) else {
            try self.init(document: YAMLDocument(source))
            return
        }
        do {
            try self.init(json: JSONDocument(source))
        } catch let jsonError {
            guard let document = try? YAMLDocument(source), document.documents.allSatisfy(\.isMapping) else {
                throw jsonError
            }
            try self.init(document: document)
        }
    }

    public init(document: YAMLDocument) throws(FormatError) {
        self.source = document.source
        self.document = document
        self.json = nil
        var clusters: [KubeconfigCluster] = []
        for root in document.documents where root.isMapping {
            guard let list = try root.child("clusters") else { continue }
            try Self.requireReadable(list, what: "clusters:")
            if case .scalar(let scalar) = list.kind, !["", "null", "~", "Null", "NULL"].contains(scalar.text) {
                throw FormatError(line: list.line + 1, "clusters: is not a list; kubectl would not read it, fix the file")
            }
            if list.isMapping {
                throw FormatError(line: list.line + 1, "clusters: is a mapping, not a list; kubectl would not read it, fix the file")
            }
            for item in list.items {
                try item.requireUndecorated()
                try Self.requireReadable(item, what: "this clusters: entry")
                let name = try item.child("name")?.scalar?.text
                var server: YAMLScalar? = nil
                var insecure = false
                if let cluster = try item.child("cluster") {
                    insecure = cluster["insecure-skip-tls-verify"].map { $0.properties == nil && $0.scalar?.text == "true" } ?? false
                    try Self.requireReadable(cluster, what: "cluster:")
                    if let node = try cluster.child("server") {
                        switch node.kind {
                        case .scalar(let scalar), .blockScalar(let scalar): server = scalar
                        case .empty: break
                        default:
                            throw FormatError(line: node.line + 1, "server: of cluster '\(name ?? "?")' is not a single value; fix the file")
                        }
                    }
                }
                clusters.append(KubeconfigCluster(name: name, server: server?.token, serverStyle: server?.style, line: item.line,
                                                  insecureSkipTLSVerify: insecure))
            }
        }
        self.clusters = clusters
        var secrets: [Int] = []
        for root in document.documents { Self.collectSecretLines(root, in: document.source, into: &secrets) }
        self.secretLines = Array(Set(secrets)).sorted()
    }

    /// A kubeconfig written as JSON: `clusters[*].name` and `clusters[*].cluster.server`.
    public init(json: JSONDocument) throws(FormatError) {
        self.source = json.source
        self.document = nil
        self.json = json
        var clusters: [KubeconfigCluster] = []
        if let list = json.root["clusters"] {
            if case .literal(let text) = list.kind, text == "null" {
                // No clusters, as kubectl reads it.
            } else if case .array(let items) = list.kind {
                for item in items {
                    guard item.isObject else {
                        throw FormatError(line: item.line + 1, "this clusters entry is not an object; kubectl would not read it, fix the file")
                    }
                    var server: ValueToken? = nil
                    if let node = item["cluster"]?["server"] {
                        if let string = node.string {
                            server = string.token
                        } else if case .literal("null") = node.kind {
                        } else {
                            throw FormatError(line: node.line + 1, "\"server\" is not a string; kubectl would not read it, fix the file")
                        }
                    }
                    var insecure = false
                    if case .literal("true") = item["cluster"]?["insecure-skip-tls-verify"]?.kind { insecure = true }
                    clusters.append(KubeconfigCluster(name: item["name"]?.string?.text, server: server,
                                                      serverStyle: server == nil ? nil : .doubleQuoted, line: item.line,
                                                      insecureSkipTLSVerify: insecure))
                }
            } else {
                throw FormatError(line: list.line + 1, "\"clusters\" is not a list; kubectl would not read it, fix the file")
            }
        }
        self.clusters = clusters
        self.secretLines = Array(Set(json.lines(ofMembersNamed: Self.secretKeys))).sorted()
    }

    public func render() -> [UInt8] { source.bytes }

    /// True when `source` has a top-level `clusters:` or `kind: Config` line, or is a JSON
    /// object with `clusters` or `"kind": "Config"`.
    public static func looksLike(_ source: SourceText) -> Bool {
        if JSONDocument.looksLike(source) {
            guard let json = try? JSONDocument(source) else { return false }
            return json.root["clusters"] != nil || json.root["kind"]?.string?.text == "Config"
        }
        return source.lines.contains { line in
            var text = Substring(line.text)
            if let comment = text.firstRange(of: " #") { text = text[..<comment.lowerBound] }
            while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
            return text == "clusters:" || text == "kind: Config" || text.hasPrefix("clusters: [")
        }
    }

    /// Refuses a flow collection the flow reader left opaque, where a cluster is read.
    private static func requireReadable(_ node: YAMLNode, what: String) throws(FormatError) {
        if case .flow = node.kind {
            throw FormatError(line: node.line + 1, "\(what) is written in a flow style node-reconfig cannot read into (a complex key, a quoted value over several lines, a repeated key); write it as a block list or mapping")
        }
        if case .alias(let name) = node.kind {
            throw FormatError(line: node.line + 1, "\(what) is the alias '*\(name)'; expand it by hand")
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
