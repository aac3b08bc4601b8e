/// calicoctl's configuration (`/etc/calico/calicoctl.cfg`, v1 and v3 shapes): `etcdEndpoints`
/// holds the etcd list, `k8sAPIEndpoint` the apiserver. calicoctl reads it at every run:
/// nothing is restarted.
struct CalicoctlHandler: SiteHandler {
    let kind = FileKind.calicoctl

    let catalog: [CatalogEntry] = [
        CatalogEntry("/etc/calico/calicoctl.cfg", .calicoctl, .calico, services: [], origin: "calico"),
    ]

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        let config = try CalicoctlConfig(source)
        return [
            config.etcdEndpoints.map { Site(role: .etcd, label: "etcdEndpoints", token: $0.token) },
            config.k8sAPIEndpoint.map { Site(role: .master, label: "k8sAPIEndpoint", token: $0.token) },
        ].compactMap { $0 }.sorted { $0.token.line < $1.token.line }
    }

    var fallbackUse: (component: Component, services: [String])? { (.calico, []) }
}

extension FileKind {
    public static let calicoctl = FileKind(name: "calicoctl")
}
