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
}

extension FileKind {
    public static let etcdYAML = FileKind(name: "etcd-yaml")
}
