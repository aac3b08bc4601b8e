/// etcd's YAML configuration (`etcd --config-file`): the `initial-cluster:` membership list and
/// `initial-cluster-state:`.
struct EtcdYAMLHandler: SiteHandler {
    let kind = FileKind.etcdYAML

    /// `etcd --config-file` as packaged, and k8s-ha-install's.
    let catalog: [CatalogEntry] = [
        CatalogEntry("/etc/etcd/etcd.conf.yml", .etcdYAML, "etcd", services: ["etcd"], origin: "etcd --config-file"),
        CatalogEntry("/etc/etcd/config.yml", .etcdYAML, "etcd", services: ["etcd"], origin: "k8s-ha-install"),
    ]

    /// The TLS files of `client-transport-security:` (etcd's own, for its clients) and
    /// `peer-transport-security:` (among members).
    func references(in source: SourceText, context: ReferenceContext) throws(FormatError) -> [Reference] {
        guard let root = try EtcdConfigYAML(source).document.root else { return [] }
        var references: [Reference] = []
        for (section, target) in [("client-transport-security", CredentialReference.Target.etcd), ("peer-transport-security", .etcdPeer)] {
            for (key, purpose) in [("trusted-ca-file", CredentialReference.Purpose.ca), ("cert-file", .cert), ("key-file", .key)] {
                guard let scalar = root.scalar(at: [section, key]), !scalar.text.isEmpty else { continue }
                references.append(Reference(.credential(target, purpose), path: scalar.text, base: .directory("/"),
                                            line: scalar.token.line, label: "\(section).\(key)"))
            }
        }
        return references
    }

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        let config = try EtcdConfigYAML(source)
        return [("initial-cluster", Role.members), ("initial-cluster-state", .memberState)].compactMap { key, role in
            config.values[key].map { Site(role: role, label: key, token: $0) }
        }.sorted { $0.token.line < $1.token.line }
    }

    /// The top-level scalar settings (`advertise-client-urls`, `client-transport-security` is a mapping and not among them).
    func settings(in source: SourceText) throws(FormatError) -> [Setting] {
        try EtcdConfigYAML(source).values.map { Setting(name: $0.key, value: $0.value.text, line: $0.value.line + 1) }.sorted { $0.line < $1.line }
    }
}

extension FileKind {
    public static let etcdYAML = FileKind(name: "etcd-yaml")
}
