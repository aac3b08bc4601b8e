/// Env and sysconfig files (`/etc/sysconfig/kubelet`, `/etc/kubernetes/config`, `/etc/etcd.env`):
/// known variables hold a value directly (`FLANNEL_ETCD=`), others hold command-line flags
/// (`KUBE_MASTER="--master=…"`). Read by the service through its unit's `EnvironmentFile=`.
struct EnvHandler: SiteHandler {
    let kind = FileKind.env

    /// CentOS rpm and DomeOS files, kubespray's, etcd's, CoreOS flannel's, the k3s and rke2 agents'
    /// environment files, binary installs' `/opt/kubernetes/cfg/*` (and `/opt/etcd/cfg/`), and
    /// `/etc/sysconfig/NAME`, `/etc/default/NAME` for the services we know.
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
            // Binary installs: every unit reads $..._OPTS from a file under /opt/kubernetes/cfg.
            CatalogEntry("/opt/etcd/cfg/etcd.conf", .env, "etcd", services: ["etcd"], origin: "binary install"),
            CatalogEntry("/opt/etcd/cfg/etcd", .env, "etcd", services: ["etcd"], origin: "binary install"),
            CatalogEntry("/opt/kubernetes/cfg/flanneld", .env, "flanneld", services: ["flanneld", "flannel"], origin: "binary install"),
            // /etc/kubernetes/*.conf env files: only the names no kubeconfig or component config
            // takes (kubeadm's kubelet.conf, scheduler.conf, other layouts' kube-proxy.conf are
            // YAML); the others are found through the unit that reads them.
            CatalogEntry("/etc/kubernetes/kube-apiserver.conf", .env, "kube-apiserver", services: ["kube-apiserver"], origin: "binary install"),
            CatalogEntry("/etc/kubernetes/kube-controller-manager.conf", .env, "kube-controller-manager", services: ["kube-controller-manager"], origin: "binary install"),
        ]
        let binaryInstall: [(String, Component)] = [
            ("kube-apiserver", "kube-apiserver"), ("kube-controller-manager", "kube-controller-manager"),
            ("kube-scheduler", "kube-scheduler"), ("kubelet", "kubelet"), ("kube-proxy", "kube-proxy"),
        ]
        for (name, component) in binaryInstall {
            for file in [name, name + ".conf"] {
                entries.append(CatalogEntry("/opt/kubernetes/cfg/\(file)", .env, component, services: [name], origin: "binary install"))
            }
        }
        let sysconfig: [(String, Component)] = [
            ("kubelet", "kubelet"), ("kube-proxy", "kube-proxy"), ("kube-apiserver", "kube-apiserver"),
            ("kube-controller-manager", "kube-controller-manager"), ("kube-scheduler", "kube-scheduler"),
            ("flanneld", "flanneld"), ("etcd", "etcd"),
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
        try EnvFile(source).assignments.flatMap {
            SiteRewrite.assignmentSites(name: $0.key, value: $0.value, shellWords: $0.shellWords)
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
