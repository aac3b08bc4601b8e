/// etcd's YAML configuration (`etcd --config-file`): the `initial-cluster:` membership list.
struct EtcdYAMLHandler: SiteHandler {
    let kind = FileKind.etcdYAML

    /// `etcd --config-file` as packaged, and k8s-ha-install's.
    let catalog: [CatalogEntry] = [
        CatalogEntry("/etc/etcd/etcd.conf.yml", .etcdYAML, "etcd", services: ["etcd"], origin: "etcd --config-file"),
        CatalogEntry("/etc/etcd/config.yml", .etcdYAML, "etcd", services: ["etcd"], origin: "k8s-ha-install"),
    ]

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        try EtcdConfigYAML(source).initialCluster.map { [Site(role: .members, label: "initial-cluster", token: $0)] } ?? []
    }

    /// The top-level scalar settings (`advertise-client-urls`, `client-transport-security` is a mapping and not among them).
    func settings(in source: SourceText) throws(FormatError) -> [Setting] {
        try EtcdConfigYAML(source).values.map { Setting(name: $0.key, value: $0.value.text, line: $0.value.line + 1) }.sorted { $0.line < $1.line }
    }
}

extension FileKind {
    public static let etcdYAML = FileKind(name: "etcd-yaml")
}
