/// Static pod manifests (`/etc/kubernetes/manifests/*.yaml`): flags in the containers'
/// `command:`/`args:` items. kubelet recreates the pod when the file changes; no service restart.
struct ManifestHandler: SiteHandler {
    let kind = FileKind.manifest

    /// Static pod manifests of kubeadm, CoreOS, kubespray and OpenShift 3.10+, then any other
    /// static pod; DNS add-ons (skydns/kube2sky, kube-dns, CoreDNS) as static pods and as
    /// manifests (replication controllers, deployments, multi-document files) under
    /// `/etc/kubernetes/addons`, which the addon manager applies: no service restart.
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
    ] + ["*dns*.yaml", "*dns*.yml", "*dns*.manifest", "*kube2sky*.yaml", "*kube2sky*.yml"].map { name in
        CatalogEntry("/etc/kubernetes/manifests/\(name)", .manifest, .addons, services: [], origin: "DNS add-on")
    } + ["*.yaml", "*.yml", "*.manifest"].map { name in
        // Every other static pod (a load balancer's: KubeKey's haproxy, the kubeadm guide's
        // haproxy and keepalived): what it mounts is restarted with it. Placed by its name.
        CatalogEntry("/etc/kubernetes/manifests/\(name)", .manifest, .custom, services: [], origin: "static pod")
    } + ["*.yaml", "*.yml", "*/*.yaml", "*/*.yml"].map { name in
        CatalogEntry("/etc/kubernetes/addons/\(name)", .manifest, .addons, services: [], origin: "add-on")
    }
    var restartsItsService: Bool { false }

    /// The files each container's program names by flag (`--kubeconfig`, `--etcd-cafile`, …),
    /// at their node paths through the pod's `hostPath:` mounts; a path no host mount holds
    /// lives in the image and is not the node's. The named file is used by that program (a
    /// static pod: no service restarts it).
    func references(in source: SourceText, context: ReferenceContext) throws(FormatError) -> [Reference] {
        var references: [Reference] = []
        for container in try PodManifest(source).containers {
            let pod = Self.staticPod(container, manifest: context.displayPath)
            if let pod {
                // Every hostPath it mounts: the files found there are this container's.
                for mount in container.mounts {
                    guard let nodePath = mount.nodePath(of: mount.mountPath) else { continue }
                    references.append(Reference(.podMount(pod), path: nodePath, base: .none, line: mount.line, label: "hostPath of \(pod)"))
                }
            }
            guard let program = Program.running(container.commandWords.map(\.text))?.program else { continue }
            var use = FileUse(component: program.component, services: [], program: program.name)
            use.staticPods = pod.map { [$0] } ?? []
            for (flag, occurrence) in program.fileFlags(in: container.commandWords) {
                guard let nodePath = container.nodePath(of: occurrence.value.text),
                      var reference = Program.reference(flag, path: nodePath, line: occurrence.value.line,
                                                        label: occurrence.spelling, base: .none) else { continue }
                reference.use = use
                references.append(reference)
            }
        }
        return references
    }

    /// The static pod a container belongs to: a named container of a named `kind: Pod` in a
    /// directory kubelet runs static pods from; nil otherwise.
    static func staticPod(_ container: PodContainer, manifest: String) -> StaticPod? {
        guard !container.isInit, let name = container.podName, let containerName = container.name,
              StaticPod.isStaticPodManifest(manifest) else { return nil }
        let liveness = container.livenessProbe.flatMap { probe -> String? in
            guard let port = Int(probe.port) else { return nil }
            var path = probe.path ?? "/"
            if !path.hasPrefix("/") { path = "/" + path }
            return "\((probe.scheme ?? "HTTP").lowercased())://\(Address(host: probe.host ?? "127.0.0.1", port: port).hostPort)\(path)"
        }
        let component = Program.running(container.commandWords.map(\.text))?.program.component
            ?? Catalog.classify(path: "/" + containerName, kind: .manifest).component
        return StaticPod(name: name, namespace: container.podNamespace, container: containerName, component: component, manifest: manifest,
                         liveness: liveness)
    }

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        try PodManifest(source).containers.flatMap { SiteRewrite.flagSites($0.commandWords) }
    }

    func settings(in source: SourceText) throws(FormatError) -> [Setting] {
        try PodManifest(source).containers.flatMap { SiteRewrite.flagSettings($0.commandWords.map(ShellWord.init(token:))) }
    }

    /// The containers' `livenessProbe.httpGet`s (init containers have none that matter).
    func livenessProbes(in source: SourceText) throws(FormatError) -> [HTTPGetAction] {
        try PodManifest(source).containers.filter { !$0.isInit }.compactMap(\.livenessProbe)
    }
}

extension FileKind {
    public static let manifest = FileKind(name: "manifest")
}
