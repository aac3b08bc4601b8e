/// Static pod manifests (`/etc/kubernetes/manifests/*.yaml`): flags in the containers'
/// `command:`/`args:` items. kubelet recreates the pod when the file changes; no service restart.
struct ManifestHandler: SiteHandler {
    let kind = FileKind.manifest

    /// Static pod manifests of kubeadm, CoreOS, kubespray and OpenShift 3.10+; DNS add-ons
    /// (skydns/kube2sky, kube-dns, CoreDNS) as static pods and as manifests (replication
    /// controllers, deployments, multi-document files) under `/etc/kubernetes/addons`, which
    /// the addon manager applies: no service restart.
    let catalog: [CatalogEntry] = [
        CatalogEntry("/etc/kubernetes/manifests/kube-apiserver.yaml", .manifest, "kube-apiserver", services: [], origin: "kubeadm"),
        CatalogEntry("/etc/kubernetes/manifests/etcd.yaml", .manifest, "etcd", services: [], origin: "kubeadm"),
        CatalogEntry("/etc/kubernetes/manifests/kube-controller-manager.yaml", .manifest, "kube-controller-manager", services: [], origin: "kubeadm"),
        CatalogEntry("/etc/kubernetes/manifests/kube-scheduler.yaml", .manifest, "kube-scheduler", services: [], origin: "kubeadm"),
        CatalogEntry("/etc/kubernetes/manifests/kube-proxy.yaml", .manifest, "kube-proxy", services: [], origin: "coreos"),
        CatalogEntry("/etc/kubernetes/manifests/kube-proxy.manifest", .manifest, "kube-proxy", services: [], origin: "kubespray"),
        CatalogEntry("/etc/origin/node/pods/apiserver.yaml", .manifest, .kubeAPIServer, services: [], origin: "OpenShift 3.10+"),
        CatalogEntry("/etc/origin/node/pods/controller.yaml", .manifest, .kubeControllerManager, services: [], origin: "OpenShift 3.10+"),
        CatalogEntry("/etc/origin/node/pods/etcd.yaml", .manifest, .etcd, services: [], origin: "OpenShift 3.10+"),
        CatalogEntry("/etc/origin/node/pods/*.yaml", .manifest, .kubelet, services: [], origin: "OpenShift 3.10+"),
    ] + ["*dns*.yaml", "*dns*.yml", "*dns*.manifest", "*kube2sky*.yaml", "*kube2sky*.yml"].map { name in
        CatalogEntry("/etc/kubernetes/manifests/\(name)", .manifest, .addons, services: [], origin: "DNS add-on")
    } + ["*.yaml", "*.yml", "*/*.yaml", "*/*.yml"].map { name in
        CatalogEntry("/etc/kubernetes/addons/\(name)", .manifest, .addons, services: [], origin: "add-on")
    }
    var restartsItsService: Bool { false }

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        try PodManifest(source).containers.flatMap { SiteRewrite.flagSites($0.commandWords) }
    }
}

extension FileKind {
    public static let manifest = FileKind(name: "manifest")
}
