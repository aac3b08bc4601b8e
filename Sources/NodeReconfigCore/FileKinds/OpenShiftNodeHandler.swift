/// OpenShift 3.x `node-config.yaml`: it holds no address, but names the kubeconfig the node
/// reaches the master with (`masterKubeConfig`), which discovery follows wherever it is; that
/// kubeconfig restarts the node service (`atomic-openshift-node`, or `origin-node` on Origin).
struct OpenShiftNodeHandler: SiteHandler {
    let kind = FileKind.openshiftNode

    static let nodeServices = ["atomic-openshift-node", "origin-node"]

    let catalog: [CatalogEntry] = [
        CatalogEntry("/etc/origin/node/node-config.yaml", .openshiftNode, .kubelet, services: OpenShiftNodeHandler.nodeServices, origin: "OpenShift 3.x"),
    ]

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        _ = try OpenShiftNodeConfig(source)
        return []
    }

    func references(in source: SourceText, context: ReferenceContext) throws(FormatError) -> [Reference] {
        guard let kubeconfig = try OpenShiftNodeConfig(source).masterKubeConfig else { return [] }
        return [Reference(.file(.kubeconfig), path: kubeconfig.text, base: .namingFile, line: kubeconfig.token.line, label: "masterKubeConfig",
                          use: FileUse(component: .kubelet, services: Self.nodeServices))]
    }

    var fallbackUse: (component: Component, services: [String])? { (.kubelet, Self.nodeServices) }
}

extension FileKind {
    public static let openshiftNode = FileKind(name: "openshift-node")
}
