/// Kubeconfigs: each cluster's `server:`. One file naming several different remote servers is
/// ambiguous unless `--old-master` says which to rewrite. Lines holding secrets (keys, tokens)
/// are reported so that every diff and report redacts them.
struct KubeconfigHandler: SiteHandler {
    let kind = FileKind.kubeconfig

    /// Well-known kubeconfigs: kubeadm, kubespray, kubeasz, opsnull, the hard way, kubectl, binary
    /// installs, the k3s and rke2 agents.
    let catalog: [CatalogEntry] = [
        CatalogEntry("/etc/kubernetes/kubelet.conf", .kubeconfig, "kubelet", services: ["kubelet"], origin: "kubeadm"),
        CatalogEntry("/etc/kubernetes/bootstrap-kubelet.conf", .kubeconfig, "kubelet", services: ["kubelet"], origin: "kubeadm"),
        CatalogEntry("/etc/kubernetes/admin.conf", .kubeconfig, "kubectl", services: [], origin: "kubeadm"),
        CatalogEntry("/etc/kubernetes/super-admin.conf", .kubeconfig, "kubectl", services: [], origin: "kubeadm"),
        CatalogEntry("/etc/kubernetes/controller-manager.conf", .kubeconfig, "kube-controller-manager", services: ["kube-controller-manager"], origin: "kubeadm"),
        CatalogEntry("/etc/kubernetes/scheduler.conf", .kubeconfig, "kube-scheduler", services: ["kube-scheduler"], origin: "kubeadm"),
        CatalogEntry("/etc/kubernetes/kube-proxy-kubeconfig.yaml", .kubeconfig, "kube-proxy", services: ["kube-proxy"], origin: "kubespray"),
        CatalogEntry("/etc/kubernetes/node-kubeconfig.yaml", .kubeconfig, "kubelet", services: ["kubelet", "kube-proxy"], origin: "kubespray"),
        CatalogEntry("/etc/kubernetes/kube-proxy.kubeconfig", .kubeconfig, "kube-proxy", services: ["kube-proxy"], origin: "kubeasz"),
        CatalogEntry("/etc/kubernetes/kubelet.kubeconfig", .kubeconfig, "kubelet", services: ["kubelet"], origin: "kubeasz"),
        CatalogEntry("/etc/kubernetes/kubelet-bootstrap.kubeconfig", .kubeconfig, "kubelet", services: ["kubelet"], origin: "opsnull"),
        CatalogEntry("/etc/kubernetes/kube-controller-manager.kubeconfig", .kubeconfig, "kube-controller-manager", services: ["kube-controller-manager"], origin: "opsnull"),
        CatalogEntry("/etc/kubernetes/kube-scheduler.kubeconfig", .kubeconfig, "kube-scheduler", services: ["kube-scheduler"], origin: "opsnull"),
        CatalogEntry("/var/lib/kubelet/kubeconfig", .kubeconfig, "kubelet", services: ["kubelet"], origin: "the hard way"),
        CatalogEntry("/var/lib/kube-proxy/kubeconfig", .kubeconfig, "kube-proxy", services: ["kube-proxy"], origin: "the hard way"),
        CatalogEntry("/root/.kube/config", .kubeconfig, "kubectl", services: [], origin: "kubectl"),
        // OpenShift 3.x masters: the master's own client configs restart the API and
        // controllers; the others (admin, registry, router) are for `oc`.
        CatalogEntry("/etc/origin/master/openshift-master.kubeconfig", .kubeconfig, .kubeAPIServer, services: MasterRestart.masterServices, origin: "OpenShift 3.x"),
        CatalogEntry("/etc/origin/master/aggregator-front-proxy.kubeconfig", .kubeconfig, .kubeAPIServer, services: ["master-api"], origin: "OpenShift 3.x"),
        CatalogEntry("/etc/origin/master/*.kubeconfig", .kubeconfig, .kubectl, services: [], origin: "OpenShift 3.x"),
        // OpenShift 3.x nodes: node.kubeconfig (the one node-config.yaml's masterKubeConfig
        // names), bootstrap.kubeconfig, 3.9's system:node:NAME.kubeconfig.
        CatalogEntry("/etc/origin/node/*.kubeconfig", .kubeconfig, .kubelet, services: OpenShiftNodeHandler.nodeServices, origin: "OpenShift 3.x"),
        // k3s and rke2 agents write these at every start, pointed at their own client-side load
        // balancer on loopback: listed so that detect shows it, left as they are.
        CatalogEntry("/var/lib/rancher/k3s/agent/kubelet.kubeconfig", .kubeconfig, .k3sAgent, services: ["k3s-agent"], origin: "k3s"),
        CatalogEntry("/var/lib/rancher/k3s/agent/kubeproxy.kubeconfig", .kubeconfig, .k3sAgent, services: ["k3s-agent"], origin: "k3s"),
        CatalogEntry("/var/lib/rancher/rke2/agent/kubelet.kubeconfig", .kubeconfig, .rke2Agent, services: ["rke2-agent"], origin: "rke2"),
        CatalogEntry("/var/lib/rancher/rke2/agent/kubeproxy.kubeconfig", .kubeconfig, .rke2Agent, services: ["rke2-agent"], origin: "rke2"),
    ]

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        Self.sites(of: try Kubeconfig(source))
    }

    /// The CA, client certificate, key and token it names for the apiserver (relative paths
    /// start at the kubeconfig's directory, as kubectl reads them); those written into the file
    /// are recorded by where they are.
    func references(in source: SourceText, context: ReferenceContext) throws(FormatError) -> [Reference] {
        try Kubeconfig(source).credentials.map { credential in
            let named = CredentialReference.kubeconfig(credential, namedBy: context.displayPath)
            guard let path = credential.path else {
                return Reference(.writtenCredential(.master, named.purpose, owner: named.owner), path: "", line: credential.line, label: named.label)
            }
            return Reference(.credential(.master, named.purpose, owner: named.owner), path: path, base: .namingFile, line: credential.line, label: named.label)
        }
    }

    static func sites(of kubeconfig: Kubeconfig) -> [Site] {
        kubeconfig.clusters.compactMap { cluster in
            cluster.server.map { Site(role: .master, label: "server", token: $0, cluster: cluster.name) }
        }
    }

    func plan(_ file: DiscoveredFile, source: SourceText, targets: Targets) throws(NodeReconfigError) -> FilePlan {
        let path = file.displayPath
        let kubeconfig = try NodeReconfigError.reading(path) { () throws(FormatError) in try Kubeconfig(source) }
        var sites = Self.sites(of: kubeconfig)
        var skippedByOldMaster: [FileEdit] = []
        if let master = targets.master {
            if !targets.oldMasters.isEmpty {
                let old = targets.oldMasters.map(\.address) + [master.address]
                sites = sites.filter { site in
                    let address = Address(parsing: site.token.text[...])
                    if address.isLoopback || old.contains(where: { $0.sameEndpoint(as: address) }) { return true }
                    skippedByOldMaster.append(FileEdit(role: .master, label: site.label, line: site.lineNumber, before: site.token.text,
                                                       after: site.token.text, outcome: .skipped, left: .notOldMaster))
                    return false
                }
            } else {
                try Self.refuseSeveralMasters(sites, path: path)
            }
        }
        let (patches, edits) = try SiteRewrite.decide(sites, targets: targets, path: path)
        let (updated, secretsAfter) = try NodeReconfigError.reading(path) { () throws(FormatError) in
            let updated = try source.applying(patches)
            return (updated, try Kubeconfig(updated).secretLines)
        }
        return FilePlan(file: file, updated: updated.bytes, edits: (edits + skippedByOldMaster).sorted { $0.line < $1.line },
                        secretLinesBefore: Set(kubeconfig.secretLines), secretLinesAfter: Set(secretsAfter))
    }

    /// Each cluster's server and the credentials used with it (SPEC "Safety" 1: the node's own
    /// credentials for the master it will use).
    func clients(in source: SourceText, file: DiscoveredFile, root: String) throws(FormatError) -> [ServerClient] {
        let kubeconfig = try Kubeconfig(source)
        return kubeconfig.clusters.compactMap { cluster in
            guard let server = cluster.server?.text else { return nil }
            return ServerClient(server: server, credentials: TargetCredentials.kubeconfig(kubeconfig.credentials(for: cluster),
                                                                                        insecure: cluster.insecureSkipTLSVerify,
                                                                                        displayPath: file.displayPath, root: root))
        }
    }

    /// Several different remote servers in one file, with no `--old-master` to say which one moves.
    static func refuseSeveralMasters(_ sites: [Site], path: String) throws(NodeReconfigError) {
        let remote = sites.filter { !$0.token.text.contains("$") && !$0.token.text.isEmpty && !Address(parsing: $0.token.text[...]).isLoopback }
        var distinct: [Address] = []
        for site in remote {
            let address = Address(parsing: site.token.text[...])
            if !distinct.contains(where: { $0.sameEndpoint(as: address) }) { distinct.append(address) }
        }
        guard distinct.count > 1 else { return }
        let line = remote.first(where: { !Address(parsing: $0.token.text[...]).sameEndpoint(as: distinct[0]) })?.lineNumber ?? 1
        throw .ambiguous(path: path, line: line, message:
            "this kubeconfig names several apiservers (\(distinct.map(\.description).joined(separator: ", "))); say which to replace with --old-master=URL.")
    }
}

extension FileKind {
    public static let kubeconfig = FileKind(name: "kubeconfig")
}
