/// What a kubeconfig says a client presents to a cluster: the cluster's CA and the user's
/// certificate, key or token, read (never rewritten) for the preflight and the health gate.
///
/// Paths are as written (relative ones are relative to the kubeconfig's directory, which the
/// core resolves); `*Data` values are base64 as written. Values this reader cannot take as one
/// plain scalar (a block scalar, an alias) are nil.
public struct KubeconfigCredentials: Sendable, Equatable {
    /// `certificate-authority` (a path) and `certificate-authority-data` (base64) of the cluster.
    public var certificateAuthority: String?
    public var certificateAuthorityData: String?
    /// `insecure-skip-tls-verify: true` on the cluster.
    public var insecureSkipTLSVerify = false
    /// The user the cluster is used with (its context's `user:`), when one can be told.
    public var user: String?
    public var clientCertificate: String?
    public var clientCertificateData: String?
    public var clientKey: String?
    public var clientKeyData: String?
    public var token: String?
    public var tokenFile: String?

    public init() {}

    /// True when nothing is known beyond the cluster itself.
    public var isEmpty: Bool { self == KubeconfigCredentials() }
}

extension Kubeconfig {
    /// The credentials used with `cluster` (an entry of `clusters`): its CA, and the user of
    /// the context that names it — the current context when it does, else the only context
    /// naming it, else the only user of the file. No user when that is ambiguous. YAML and
    /// JSON kubeconfigs alike.
    public func credentials(for cluster: KubeconfigCluster) -> KubeconfigCredentials {
        let roots: [CredentialTree]
        if let document { roots = document.documents.filter(\.isMapping).map(CredentialTree.yaml) }
        else if let json { roots = [.json(json.root)] }
        else { roots = [] }
        var result = KubeconfigCredentials()
        for root in roots {
            guard let entry = root["clusters"]?.items.first(where: { $0.line == cluster.line }) else { continue }
            let body = entry["cluster"]
            result.certificateAuthority = body?["certificate-authority"]?.text
            result.certificateAuthorityData = body?["certificate-authority-data"]?.text
            result.insecureSkipTLSVerify = body?["insecure-skip-tls-verify"]?.text == "true"
            guard let userEntry = Self.user(of: cluster.name, in: root) else { return result }
            result.user = userEntry["name"]?.text
            let user = userEntry["user"]
            result.clientCertificate = user?["client-certificate"]?.text
            result.clientCertificateData = user?["client-certificate-data"]?.text
            result.clientKey = user?["client-key"]?.text
            result.clientKeyData = user?["client-key-data"]?.text
            result.token = user?["token"]?.text
            result.tokenFile = user?["tokenFile"]?.text
            return result
        }
        return result
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
/// text of a one-line string value (nil for anything else, and for a YAML value with an anchor,
/// tag or alias).
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

    var line: Int {
        switch self {
        case .yaml(let node): return node.line
        case .json(let node): return node.line
        }
    }

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
