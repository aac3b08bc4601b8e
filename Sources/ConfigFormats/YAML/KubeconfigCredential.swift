/// A credential a kubeconfig gives a client of its apiserver: a file it names
/// (`certificate-authority: /etc/kubernetes/pki/ca.crt`, `client-key: …`, `tokenFile: …`) or one
/// written into it (`…-data:`, `token:`). Read, never rewritten: discovery records where each is
/// (its path, or its line), the preflight and the health gate present them.
///
/// A value written into the file is a secret: it is in `value` and nowhere else — not in
/// `description`, `debugDescription` or the mirror (`dump`, `String(reflecting:)`).
public struct KubeconfigCredential: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The kubeconfig key, as written.
    public enum Key: String, Sendable, CaseIterable {
        case certificateAuthority = "certificate-authority"
        case certificateAuthorityData = "certificate-authority-data"
        case clientCertificate = "client-certificate"
        case clientCertificateData = "client-certificate-data"
        case clientKey = "client-key"
        case clientKeyData = "client-key-data"
        case token
        case tokenFile

        /// True for keys whose value is a path to a file.
        public var namesFile: Bool {
            [.certificateAuthority, .clientCertificate, .clientKey, .tokenFile].contains(self)
        }

        /// True for keys of a `clusters[].cluster` (the others belong to `users[].user`).
        public var isClusterKey: Bool { self == .certificateAuthority || self == .certificateAuthorityData }
    }

    public var key: Key
    /// The path as written (relative ones start at the kubeconfig's directory), for a key that
    /// names a file; nil for one written into the file.
    public var path: String?
    /// For a key written into the file: its value as written (base64 for `…-data`, the token
    /// itself), when it is one scalar (a plain, quoted or block scalar); nil for a form this
    /// reader does not take whole (an alias, an anchored or tagged value, a flow collection).
    public var value: String?
    /// 0-based line of the key.
    public var line: Int
    /// The `name:` of the cluster or user entry it belongs to.
    public var owner: String?

    public init(key: Key, path: String?, value: String? = nil, line: Int, owner: String?) {
        self.key = key
        self.path = path
        self.value = value
        self.line = line
        self.owner = owner
    }

    /// `certificate-authority /etc/kubernetes/pki/ca.crt (line 6, cluster kubernetes)`,
    /// `client-key-data (written in, line 18, user node)`: never the value.
    public var description: String {
        let owner = self.owner.map { ", \(key.isClusterKey ? "cluster" : "user") \($0)" } ?? ""
        return "\(key.rawValue) \(path ?? "(written in)") (line \(line + 1)\(owner))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["key": key, "path": path as Any, "line": line, "owner": owner as Any,
                                "value": value == nil ? "nil" : "(secret)"], displayStyle: .struct)
    }
}

extension Kubeconfig {
    /// Every credential of `clusters[].cluster` and `users[].user`, in file order, in YAML or
    /// JSON: what discovery records. Read leniently: a key whose value is empty or null, and a
    /// file key whose value is not one plain string, name nothing.
    public var credentials: [KubeconfigCredential] {
        var found: [KubeconfigCredential] = []
        for root in credentialRoots {
            for (list, inner) in [("clusters", "cluster"), ("users", "user")] {
                for item in root[list]?.items ?? [] { found += Self.credentials(of: item, inner: inner) }
            }
        }
        return found.sorted { $0.line < $1.line }
    }

    /// The credentials a client using `cluster` (an entry of `clusters`) presents and trusts:
    /// the cluster's own (its CA), then those of the user of the context that names it — the
    /// current context when it does, else the only context naming it, else the only user of the
    /// file. No user's when that is ambiguous. YAML and JSON kubeconfigs alike.
    public func credentials(for cluster: KubeconfigCluster) -> [KubeconfigCredential] {
        for root in credentialRoots {
            guard let entry = root["clusters"]?.items.first(where: { $0.line == cluster.line }) else { continue }
            var found = Self.credentials(of: entry, inner: "cluster")
            if let user = Self.user(of: cluster.name, in: root) { found += Self.credentials(of: user, inner: "user") }
            return found
        }
        return []
    }

    /// The documents' roots, as one tree type for YAML and JSON.
    private var credentialRoots: [CredentialTree] {
        if let document { return document.documents.filter(\.isMapping).map(CredentialTree.yaml) }
        if let json { return [.json(json.root)] }
        return []
    }

    /// The credential keys of one `clusters:` or `users:` item (`inner`: `cluster` or `user`).
    private static func credentials(of item: CredentialTree, inner: String) -> [KubeconfigCredential] {
        let owner = item["name"]?.text
        var found: [KubeconfigCredential] = []
        for (name, value, line) in item[inner]?.members ?? [] {
            guard let key = KubeconfigCredential.Key(rawValue: name), key.isClusterKey == (inner == "cluster"), !value.isAbsent else { continue }
            if key.namesFile {
                guard let path = value.plainText, !path.isEmpty else { continue }
                found.append(KubeconfigCredential(key: key, path: path, line: line, owner: owner))
            } else {
                found.append(KubeconfigCredential(key: key, path: nil, value: value.text, line: line, owner: owner))
            }
        }
        return found
    }

    /// The `users:` entry used with the cluster named `clusterName` in the document `root`.
    private static func user(of clusterName: String?, in root: CredentialTree) -> CredentialTree? {
        let users = root["users"]?.items ?? []
        let contexts = (root["contexts"]?.items ?? []).compactMap { item -> (name: String?, cluster: String?, user: String?)? in
            guard let body = item["context"] else { return nil }
            return (item["name"]?.text, body["cluster"]?.text, body["user"]?.text)
        }
        var userName: String?
        let current = root["current-context"]?.text
        if let context = contexts.first(where: { $0.name != nil && $0.name == current }), context.cluster == clusterName {
            userName = context.user
        } else {
            let naming = contexts.filter { $0.cluster == clusterName }
            if naming.count == 1 { userName = naming[0].user }
        }
        if let userName { return users.first { $0["name"]?.text == userName } }
        return users.count == 1 && contexts.count <= 1 ? users[0] : nil
    }
}

/// A YAML or JSON node, read the same way for credentials: members by key, list items, the
/// text of a string value.
private enum CredentialTree {
    case yaml(YAMLNode)
    case json(JSONNode)

    subscript(key: String) -> CredentialTree? {
        switch self {
        case .yaml(let node): return node[key].map(CredentialTree.yaml)
        case .json(let node): return node[key].map(CredentialTree.json)
        }
    }

    var items: [CredentialTree] {
        switch self {
        case .yaml(let node): return node.items.map(CredentialTree.yaml)
        case .json(let node): return node.items.map(CredentialTree.json)
        }
    }

    /// A mapping's (object's) members with the 0-based line of each key.
    var members: [(key: String, value: CredentialTree, line: Int)] {
        switch self {
        case .yaml(let node): return node.entries.map { ($0.key, .yaml($0.value), $0.line) }
        case .json(let node): return node.members.map { ($0.key, .json($0.value), $0.line) }
        }
    }

    var line: Int {
        switch self {
        case .yaml(let node): return node.line
        case .json(let node): return node.line
        }
    }

    /// No value at all: `key:` with nothing, an empty string, YAML's or JSON's null.
    var isAbsent: Bool {
        switch self {
        case .yaml(let node):
            if case .empty = node.kind { return true }
            if case .scalar(let scalar) = node.kind, node.properties == nil {
                return scalar.style == .plain ? ["", "~", "null", "Null", "NULL"].contains(scalar.text) : scalar.text.isEmpty
            }
            return false
        case .json(let node):
            if case .literal("null") = node.kind { return true }
            return node.string?.text.isEmpty == true
        }
    }

    /// The text of a one-line string value (plain or quoted YAML scalar, JSON string); nil for
    /// anything else, and for a YAML value with an anchor or tag.
    var plainText: String? {
        switch self {
        case .yaml(let node):
            guard node.properties == nil, case .scalar(let scalar) = node.kind else { return nil }
            return scalar.text
        case .json(let node):
            return node.string?.text
        }
    }

    /// The text of a string value, a YAML block scalar's too; for a JSON number or boolean, as
    /// written. Nil for anything else.
    var text: String? {
        switch self {
        case .yaml(let node):
            guard node.properties == nil else { return nil }
            return node.scalar?.text
        case .json(let node):
            if let string = node.string { return string.text }
            if case .literal(let literal) = node.kind, literal != "null" { return literal }
            return nil
        }
    }
}
