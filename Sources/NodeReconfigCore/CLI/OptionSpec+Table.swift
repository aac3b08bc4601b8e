extension OptionSpec {
    private static let change: Set<CommandName> = [.apply, .plan]
    private static let restart: Set<CommandName> = [.apply, .plan, .rollback]
    private static let every: Set<CommandName> = [.apply, .plan, .detect, .rollback, .backups, .help]

    /// Every option, in the order help lists them.
    static let table: [OptionSpec] = [
        OptionSpec(name: "master", valueName: "url", commands: change,
                   help: "New apiserver URL, http(s)://host[:port]."),
        OptionSpec(name: "etcd", valueName: "url,...", commands: change,
                   help: "Client URLs of the whole new etcd cluster, comma-joined."),
        OptionSpec(name: "etcd-members", valueName: "name=peer-url,...", commands: change,
                   help: "The etcd membership after the change (initial-cluster)."),
        OptionSpec(name: "apiservers", valueName: "host:port,...", commands: change,
                   help: "The apiserver pool behind a node-local load balancer. Defaults to the host:port of --master."),
        OptionSpec(name: "drain", valueName: "host:port,...", commands: change,
                   help: "Take these apiservers out of the load-balancer pools (down / disabled)."),
        OptionSpec(name: "old-master", valueName: "url,...", commands: change,
                   help: "Rewrite only kubeconfig servers equal to one of these."),
        OptionSpec(name: "lb-pool", valueName: "name", commands: change.union([.detect]),
                   help: "The nginx upstream / haproxy backend that is the apiserver pool."),
        OptionSpec(name: "root", valueName: "dir", commands: every,
                   help: "Every path, backups and lock included, lives under it. (default: /)"),
        OptionSpec(name: "only", valueName: "component,...", commands: change.union([.detect]),
                   help: "Only these components: \(Component.names.joined(separator: ", "))."),
        OptionSpec(name: "file", valueName: "kind:path", repeatable: true, commands: change.union([.detect]),
                   help: "Add or override a target file (repeatable). KIND: \(FileKind.allCases.map(\.rawValue).joined(separator: ", "))."),
        OptionSpec(name: "dry-run", commands: change,
                   help: "Print a unified diff per file; change nothing (exit 2 when changes are pending)."),
        OptionSpec(name: "no-restart", commands: restart, help: "Write files only; restart nothing."),
        OptionSpec(name: "json", commands: every, help: "Print one JSON object on stdout."),
        OptionSpec(name: "backup-dir", valueName: "dir", commands: restart.union([.backups]),
                   help: "Where backup sets live, under --root. (default: /var/lib/node-reconfig/backups)"),
        OptionSpec(name: "keep-backups", valueName: "n", commands: change,
                   help: "Backup sets kept after a successful run. (default: 10)"),
        OptionSpec(name: "health-timeout", valueName: "seconds", commands: restart,
                   help: "How long a restarted service may take to become active. (default: 60)"),
        OptionSpec(name: "settle", valueName: "seconds", commands: restart,
                   help: "How long it must then stay active. (default: 5)"),
        OptionSpec(name: "probe", valueName: "url", repeatable: true, commands: restart,
                   help: "A URL that must answer 2xx after the run (repeatable)."),
        OptionSpec(name: "skip-preflight", commands: change,
                   help: "Do not check that the new endpoints accept TCP connections first."),
        OptionSpec(name: "service-cmd", valueName: "program", commands: restart,
                   help: "Run PROGRAM ACTION SERVICE instead of systemctl (hosts without systemd)."),
    ]
}
