/// A credential a kubeconfig names for reaching its apiserver: a file it points at
/// (`certificate-authority: /etc/kubernetes/pki/ca.crt`, `client-key: …`, `tokenFile: …`) or
/// one written into it (`…-data:`, `token:`). Exposed so the core can record where the node's
/// credentials are; the values themselves are never exposed here (only file paths are).
public struct KubeconfigCredential: Sendable, Equatable {
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
    /// The path as written, for a key that names a file; nil for data written into the file.
    public var path: String?
    /// 0-based line of the key.
    public var line: Int
    /// The `name:` of the cluster or user entry it belongs to.
    public var owner: String?

    public init(key: Key, path: String?, line: Int, owner: String?) {
        self.key = key
        self.path = path
        self.line = line
        self.owner = owner
    }
}

extension Kubeconfig {
    /// Every credential key of `clusters[].cluster` and `users[].user`, in file order, in YAML or
    /// JSON. Read leniently: an entry in a form this reader does not follow names nothing.
    public var credentials: [KubeconfigCredential] {
        var found: [KubeconfigCredential] = []
        func add(_ key: String, value: String?, line: Int, owner: String?, inner: String) {
            guard let key = KubeconfigCredential.Key(rawValue: key), key.isClusterKey == (inner == "cluster"),
                  let value, !(key.namesFile && value.isEmpty) else { return }
            found.append(KubeconfigCredential(key: key, path: key.namesFile ? value : nil, line: line, owner: owner))
        }
        for (list, inner) in [("clusters", "cluster"), ("users", "user")] {
            for root in document?.documents ?? [] where root.isMapping {
                for item in root[list]?.items ?? [] {
                    let owner = item["name"]?.scalar?.text
                    for entry in item[inner]?.entries ?? [] {
                        let value: String?
                        switch entry.value.kind {
                        case .scalar(let scalar): value = scalar.text.isEmpty ? nil : scalar.text
                        case .empty: value = nil
                        default: value = ""
                        }
                        add(entry.key, value: value, line: entry.line, owner: owner, inner: inner)
                    }
                }
            }
            for item in json?.root[list]?.items ?? [] {
                let owner = item["name"]?.string?.text
                for member in item[inner]?.members ?? [] {
                    let text = member.value.string?.text
                    add(member.key, value: text.map { $0.isEmpty ? nil : $0 } ?? "", line: member.line, owner: owner, inner: inner)
                }
            }
        }
        return found.sorted { $0.line < $1.line }
    }
}
