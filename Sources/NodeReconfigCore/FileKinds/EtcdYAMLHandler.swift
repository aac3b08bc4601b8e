/// etcd's YAML configuration (`etcd --config-file`): the `initial-cluster:` membership list.
struct EtcdYAMLHandler: SiteHandler {
    let kind = FileKind.etcdYAML

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        try EtcdConfigYAML(source).initialCluster.map { [Site(role: .members, label: "initial-cluster", token: $0)] } ?? []
    }
}

extension FileKind {
    public static let etcdYAML = FileKind(name: "etcd-yaml")
}
