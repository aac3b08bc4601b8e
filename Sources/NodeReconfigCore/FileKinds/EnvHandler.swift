/// Env and sysconfig files (`/etc/sysconfig/kubelet`, `/etc/kubernetes/config`, `/etc/etcd.env`):
/// known variables hold a value directly (`FLANNEL_ETCD=`), others hold command-line flags
/// (`KUBE_MASTER="--master=…"`). Read by the service through its unit's `EnvironmentFile=`.
struct EnvHandler: SiteHandler {
    let kind = FileKind.env

    /// CentOS rpm and DomeOS files, kubespray's, etcd's, CoreOS flannel's, the k3s and rke2 agents'
    /// environment files, and `/etc/sysconfig/NAME`, `/etc/default/NAME` for the services we
    /// know. Binary installs' `/opt/kubernetes/cfg/*` and `/opt/etcd/cfg/*` are found through
    /// the units that read them (`EnvironmentFile=`), as their names vary from guide to guide.
    let catalog: [CatalogEntry] = {
        var entries: [CatalogEntry] = [
            CatalogEntry("/etc/kubernetes/config", .env, "kubernetes", services: Catalog.kubernetesServices, origin: "CentOS rpm"),
            CatalogEntry("/etc/kubernetes/kubelet", .env, "kubelet", services: ["kubelet"], origin: "CentOS rpm"),
            CatalogEntry("/etc/kubernetes/apiserver", .env, "kube-apiserver", services: ["kube-apiserver"], origin: "CentOS rpm"),
            CatalogEntry("/etc/kubernetes/proxy", .env, "kube-proxy", services: ["kube-proxy"], origin: "CentOS rpm"),
            CatalogEntry("/etc/kubernetes/controller-manager", .env, "kube-controller-manager", services: ["kube-controller-manager"], origin: "CentOS rpm"),
            CatalogEntry("/etc/kubernetes/scheduler", .env, "kube-scheduler", services: ["kube-scheduler"], origin: "CentOS rpm"),
            CatalogEntry("/etc/kubernetes/kubelet.env", .env, "kubelet", services: ["kubelet"], origin: "kubespray"),
            CatalogEntry("/etc/etcd.env", .env, "etcd", services: ["etcd"], origin: "kubespray"),
            CatalogEntry("/etc/etcd/etcd.conf", .env, "etcd", services: ["etcd"], origin: "OpenShift 3 / CentOS rpm"),
            CatalogEntry("/etc/flannel/options.env", .env, "flanneld", services: ["flanneld"], origin: "CoreOS"),
            // k3s's installer writes K3S_URL and K3S_TOKEN here; its unit (and rke2's) also reads
            // /etc/default/%N and /etc/sysconfig/%N.
            CatalogEntry("/etc/systemd/system/k3s-agent.service.env", .env, .k3sAgent, services: ["k3s-agent"], origin: "k3s install.sh"),
            CatalogEntry("/usr/local/lib/systemd/system/rke2-agent.env", .env, .rke2Agent, services: ["rke2-agent"], origin: "rke2 install.sh"),
            CatalogEntry("/usr/lib/systemd/system/rke2-agent.env", .env, .rke2Agent, services: ["rke2-agent"], origin: "rke2 rpm"),
            CatalogEntry("/etc/calico/*.env", .env, .calico, services: ["calico-node"], origin: "calico"),
        ]
        let sysconfig: [(String, Component)] = [
            ("kubelet", "kubelet"), ("kube-proxy", "kube-proxy"), ("kube-apiserver", "kube-apiserver"),
            ("kube-controller-manager", "kube-controller-manager"), ("kube-scheduler", "kube-scheduler"),
            ("flanneld", "flanneld"), ("etcd", "etcd"),
            // DomeOS runs the controller manager as `kube-controller`.
            ("kube-controller", "kube-controller-manager"),
        ]
        for directory in ["/etc/sysconfig", "/etc/default"] {
            for (name, component) in sysconfig {
                entries.append(CatalogEntry("\(directory)/\(name)", .env, component, services: [name], origin: directory == "/etc/sysconfig" ? "DomeOS / CentOS" : "Debian"))
            }
        }
        for (agent, component, origin) in [("k3s-agent", Component.k3sAgent, "k3s"), ("rke2-agent", .rke2Agent, "rke2")] {
            for directory in ["/etc/default", "/etc/sysconfig"] {
                entries.append(CatalogEntry("\(directory)/\(agent)", .env, component, services: [agent], origin: origin))
            }
        }
        return entries
    }()

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        try sites(of: EnvFile(source), roles: [:])
    }

    func sites(in source: SourceText, use: FileUse) throws(FormatError) -> [Site] {
        try sites(of: EnvFile(source), roles: use.variableRoles)
    }

    /// The sites of every assignment; and where a value of a known role is a variable of this
    /// file (`KUBE_MASTER="--master=${MASTER}"`), that variable where it is defined before the
    /// use (SPEC's indirection rule: rewritten where it is defined, once however many use it).
    private func sites(of file: EnvFile, roles: [String: Role]) throws(FormatError) -> [Site] {
        var sites: [Site] = []
        for assignment in file.assignments {
            sites += try SiteRewrite.assignmentSites(name: assignment.key, value: assignment.value, shellWords: assignment.shellWords, roles: roles)
        }
        var defined: [Site] = []
        for site in sites {
            guard let name = EnvAssignment.reference(in: site.token.text),
                  let definition = file.definition(of: name, before: site.token.line) else { continue }
            for found in try SiteRewrite.assignmentSites(name: definition.key, value: definition.value, shellWords: definition.shellWords,
                                                         roles: [definition.key: site.role])
            where !(sites + defined).contains(where: { $0.token.line == found.token.line && $0.token.range == found.token.range }) {
                defined.append(found)
            }
        }
        return (sites + defined).sorted { ($0.token.line, $0.token.range.lowerBound) < ($1.token.line, $1.token.range.lowerBound) }
    }

    /// The files it sources (`. FILE`, `source FILE`), and TLS files its variables name
    /// (`FLANNEL_ETCD_CAFILE`, `ETCD_*_FILE`). A file no unit reads
    /// (found by its name: `/etc/sysconfig/flanneld` on a node without the unit) is read as its
    /// program's flags, every variable's words together; a unit's own variables are followed
    /// through the unit's command line instead (only those it expands count).
    func references(in source: SourceText, context: ReferenceContext) throws(FormatError) -> [Reference] {
        let file = try EnvFile(source)
        // `. FILE` / `source FILE`: the shell reads that file here, as the same program's.
        var references = file.sourcedFiles.map { sourced in
            var reference = Reference(.file(.env), path: sourced.path.text, base: .none, line: sourced.line, label: "source")
            if sourced.isComputed { reference.unfollowable = "the shell computes the path when it runs" }
            return reference
        }
        for assignment in file.assignments {
            let value = assignment.value.text
            if let (target, purpose) = CredentialVariables.all[assignment.key], !value.isEmpty, !value.contains("$") {
                references.append(Reference(.credential(target, purpose), path: value, base: .directory("/"), line: assignment.line, label: assignment.key))
            }
        }
        if context.use.isGuess, let program = context.use.program.flatMap(Program.named) {
            for assignment in file.assignments {
                for (flag, occurrence) in program.fileFlags(in: assignment.words) {
                    if let reference = Program.reference(flag, path: occurrence.value.text, line: occurrence.value.line,
                                                         label: occurrence.spelling, base: .directory("/")) {
                        references.append(reference)
                    }
                }
            }
        }
        return references
    }

    /// Each variable, and each flag inside a variable's value (`KUBELET_ARGS="--hostname-override=n1"`).
    func settings(in source: SourceText) throws(FormatError) -> [Setting] {
        try EnvFile(source).assignments.flatMap { assignment in
            [Setting(name: assignment.key, value: assignment.value.text, line: assignment.line + 1)]
                + SiteRewrite.flagSettings(assignment.shellWords)
        }
    }

    /// The lines of variables holding secrets (k3s's `K3S_TOKEN`, any `*_TOKEN`, `*_PASSWORD`,
    /// `*_SECRET`, a datastore endpoint that may carry a password): never shown in a diff.
    func secretLines(in source: SourceText) throws(FormatError) -> (keyed: [Int], whole: [Int]) {
        let secrets = try EnvFile(source).assignments.filter { Self.isSecret($0.key) }
        return (secrets.map(\.line), secrets.flatMap { Array(($0.line + 1)..<($0.lastLine + 1)) })
    }

    static func isSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        guard !notSecret.contains(upper) else { return false }
        return ["TOKEN", "PASSWORD", "PASSWD", "SECRET"].contains { upper.hasSuffix($0) } || upper.hasSuffix("DATASTORE_ENDPOINT")
    }

    /// Names that end like a secret and are none: etcd's cluster token only tells clusters apart.
    static let notSecret: Set<String> = ["ETCD_INITIAL_CLUSTER_TOKEN"]
}

extension FileKind {
    public static let env = FileKind(name: "env")
}
