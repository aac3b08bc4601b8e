/// A program a unit or a static pod runs that node-reconfig knows: the component it is, and the
/// flags by which it names other files (SPEC "It follows the node's own references"). A unit is
/// recognised by the program its `ExecStart=` runs, whatever the unit's name.
public struct Program: Sendable, Equatable {
    /// What a file flag names.
    public enum FileFlag: Sendable, Equatable {
        /// A configuration file of this kind (`--kubeconfig`, etcd's `--config-file`).
        case config(FileKind)
        /// A kubeconfig the program may do without (`--bootstrap-kubeconfig`: kubelet drops it
        /// once it holds its own certificate), so a missing one is no finding.
        case optionalConfig(FileKind)
        /// The load balancer's main configuration (nginx `-c`; haproxy `-f`, a file or a directory).
        case mainConfig(FileKind)
        /// nginx `-p PREFIX`: where relative paths of the command line and the main config start.
        case prefix
        /// kube-proxy's `--config`: a KubeProxyConfiguration read for `clientConnection.kubeconfig`.
        case kubeProxyConfig
        /// A TLS file: recorded for the preflight, never read or rewritten.
        case credential(CredentialReference.Target, CredentialReference.Purpose)
    }

    /// The program's name (`kube-proxy`), also its binary's usual basename.
    public var name: String
    /// Other basenames of the same program (`kube-nginx`: opsnull's nginx build).
    public var aliases: [String]
    public var component: Component
    /// Flags naming files, by normalised name (`FlagScanner.normalise`: no dashes, `_` → `-`).
    public var fileFlags: [String: FileFlag]

    init(_ name: String, aliases: [String] = [], _ component: Component, _ fileFlags: [String: FileFlag] = [:]) {
        self.name = name
        self.aliases = aliases
        self.component = component
        self.fileFlags = fileFlags
    }

    /// The flags naming files that take their value as the next word (`-c FILE`).
    public var valueFlags: Set<String> { Set(fileFlags.keys) }

    static let etcdClientTLS: [String: FileFlag] = [
        "etcd-cafile": .credential(.etcd, .ca), "etcd-certfile": .credential(.etcd, .cert), "etcd-keyfile": .credential(.etcd, .key),
    ]
    static let clientKubeconfigs: [String: FileFlag] = [
        "kubeconfig": .config(.kubeconfig), "authentication-kubeconfig": .config(.kubeconfig),
        "authorization-kubeconfig": .config(.kubeconfig),
    ]

    /// Every program node-reconfig recognises, in the order `detect` and help name them.
    public static let known: [Program] = [
        Program("kubelet", .kubelet, ["kubeconfig": .config(.kubeconfig), "bootstrap-kubeconfig": .optionalConfig(.kubeconfig)]),
        Program("kube-proxy", .kubeProxy, ["kubeconfig": .config(.kubeconfig), "config": .kubeProxyConfig]),
        Program("flanneld", aliases: ["flanneld-start"], .flanneld, etcdClientTLS.merging(["kubeconfig-file": .config(.kubeconfig)]) { a, _ in a }),
        Program("etcd", .etcd, [
            "config-file": .config(.etcdYAML),
            "trusted-ca-file": .credential(.etcd, .ca), "cert-file": .credential(.etcd, .cert), "key-file": .credential(.etcd, .key),
            "peer-trusted-ca-file": .credential(.etcdPeer, .ca), "peer-cert-file": .credential(.etcdPeer, .cert),
            "peer-key-file": .credential(.etcdPeer, .key),
        ]),
        Program("kube-apiserver", .kubeAPIServer, etcdClientTLS),
        Program("kube-controller-manager", .kubeControllerManager, clientKubeconfigs),
        Program("kube-scheduler", .kubeScheduler, clientKubeconfigs),
        Program("nginx", aliases: ["kube-nginx", "openresty"], .loadBalancer, ["c": .mainConfig(.nginx), "p": .prefix]),
        Program("haproxy", .loadBalancer, ["f": .mainConfig(.haproxy)]),
        Program("calico-node", .calico),
    ]

    /// `hyperkube SUBCOMMAND`: the subcommands that are programs above.
    static let hyperkubeCommands: [String: String] = [
        "kubelet": "kubelet", "proxy": "kube-proxy", "kube-proxy": "kube-proxy", "apiserver": "kube-apiserver",
        "kube-apiserver": "kube-apiserver", "controller-manager": "kube-controller-manager",
        "kube-controller-manager": "kube-controller-manager", "scheduler": "kube-scheduler", "kube-scheduler": "kube-scheduler",
    ]

    /// The program a binary's basename names (`/usr/bin/kube-proxy`, `kube-nginx`), or nil.
    public static func named(_ binary: String) -> Program? {
        let base = PathMath.basename(binary)
        return known.first { $0.name == base || $0.aliases.contains(base) }
    }

    /// The program of a component, for a file found by its name with no unit reading it
    /// (`/etc/sysconfig/flanneld` is flanneld's): nil for components that are no one program.
    public static func of(_ component: Component) -> Program? {
        let programs = known.filter { $0.component == component }
        return programs.count == 1 ? programs[0] : nil
    }

    /// The program a command line runs and the index of its first argument: `words[0]`'s
    /// basename, or for `hyperkube kubelet …` the subcommand. Nil when none is known.
    public static func running(_ words: [String]) -> (program: Program, firstArgument: Int)? {
        guard let first = words.first else { return nil }
        if PathMath.basename(first) == "hyperkube", words.count > 1, let name = hyperkubeCommands[words[1]] {
            return named(name).map { ($0, 2) }
        }
        return named(first).map { ($0, 1) }
    }
}

/// Environment variables that name TLS files, wherever they are set (env files, `Environment=`):
/// flannel's, etcd's own, calico's and etcdctl's.
enum CredentialVariables {
    static let all: [String: (CredentialReference.Target, CredentialReference.Purpose)] = [
        "FLANNEL_ETCD_CAFILE": (.etcd, .ca), "FLANNEL_ETCD_CERTFILE": (.etcd, .cert), "FLANNEL_ETCD_KEYFILE": (.etcd, .key),
        "FLANNELD_ETCD_CAFILE": (.etcd, .ca), "FLANNELD_ETCD_CERTFILE": (.etcd, .cert), "FLANNELD_ETCD_KEYFILE": (.etcd, .key),
        "ETCD_TRUSTED_CA_FILE": (.etcd, .ca), "ETCD_CERT_FILE": (.etcd, .cert), "ETCD_KEY_FILE": (.etcd, .key),
        "ETCD_CA_CERT_FILE": (.etcd, .ca), "ETCD_CA_FILE": (.etcd, .ca),
        "ETCD_PEER_TRUSTED_CA_FILE": (.etcdPeer, .ca), "ETCD_PEER_CERT_FILE": (.etcdPeer, .cert), "ETCD_PEER_KEY_FILE": (.etcdPeer, .key),
        "ETCDCTL_CACERT": (.etcd, .ca), "ETCDCTL_CERT": (.etcd, .cert), "ETCDCTL_KEY": (.etcd, .key),
        "ETCDCTL_CA_FILE": (.etcd, .ca), "ETCDCTL_CERT_FILE": (.etcd, .cert), "ETCDCTL_KEY_FILE": (.etcd, .key),
    ]
}

extension Program {
    /// The program's file flags among command-line words, in order. Values that are empty or
    /// still hold a `$` (a variable not expanded here) name nothing and are left out.
    func fileFlags(in words: [ValueToken]) -> [(flag: FileFlag, occurrence: FlagOccurrence)] {
        FlagScanner(valueFlags: valueFlags).scan(words).compactMap { occurrence in
            guard let flag = fileFlags[occurrence.name], !occurrence.value.text.isEmpty, !occurrence.value.text.contains("$") else { return nil }
            return (flag, occurrence)
        }
    }

    /// What a file flag's value names, as a reference (nil for nginx's `-p`, which names a
    /// directory the unit's launch keeps).
    static func reference(_ flag: FileFlag, path: String, line: Int, label: String, base: Reference.Base) -> Reference? {
        switch flag {
        case .config(let kind), .mainConfig(let kind):
            return Reference(.file(kind), path: path, base: base, line: line, label: label,
                             directorySuffix: kind == .haproxy ? ".cfg" : nil)
        case .optionalConfig(let kind):
            return Reference(.file(kind), path: path, base: base, line: line, label: label, isOptional: true)
        case .kubeProxyConfig:
            return Reference(.kubeProxyConfig, path: path, base: base, line: line, label: label)
        case .credential(let target, let purpose):
            return Reference(.credential(target, purpose), path: path, base: base, line: line, label: label)
        case .prefix:
            return nil
        }
    }
}
