extension OptionSpec {
    private static let change: Commands = [.apply, .plan]
    private static let restart: Commands = [.apply, .plan, .rollback]
    private static let every: Commands = [.apply, .plan, .detect, .rollback, .backups, .help]
    private static let changeAndDetect: Commands = [.apply, .plan, .detect]
    private static let restartAndBackups: Commands = [.apply, .plan, .rollback, .backups]
    private static let fanout: Commands = [.fanout]
    private static let node = Options()
    private static let fleet = FanoutOptions()

    /// Every option of every command, grouped, in the order help lists them. To add an option:
    /// one entry here, plus the property its value goes to (docs/DESIGN.md, "Add an option").
    /// A name appears twice only for disjoint commands (fanout's `--json` is its own option).
    static let table: [OptionSpec] = [
        // MARK: targets: what the node's files change to
        OptionSpec("master", .single("url"), group: .targets, commands: change,
                   ansible: .parameter(playbookVariable: "new_master"),
                   help: "New apiserver URL, http(s)://host[:port].",
                   destination: .target { (t, v, f) throws(ValueError) in t.master = try Endpoint.parse(v, flag: f) }),
        OptionSpec("etcd", .list("url"), group: .targets, commands: change,
                   ansible: .parameter(playbookVariable: "new_etcd"),
                   help: "Client URLs of the whole new etcd cluster, comma-joined.",
                   destination: .target { (t, v, f) throws(ValueError) in t.etcd = try Endpoint.parseList(v, flag: f) }),
        OptionSpec("etcd-members", .list("name=peer-url"), group: .targets, commands: change,
                   ansible: .parameter(playbookVariable: "new_etcd_members"),
                   help: "The etcd membership after the change (initial-cluster).",
                   destination: .target { (t, v, f) throws(ValueError) in t.etcdMembers = try EtcdMember.parseList(v, flag: f) }),
        OptionSpec("apiservers", .list("host:port"), group: .targets, commands: change,
                   ansible: .parameter(playbookVariable: "new_apiservers"),
                   help: "The apiserver pool behind a node-local load balancer. Defaults to the host:port of --master.",
                   destination: .target { (t, v, f) throws(ValueError) in t.apiservers = try HostPort.parseList(v, flag: f) }),
        OptionSpec("drain", .list("host:port"), group: .targets, commands: change,
                   help: "Take these apiservers out of the load-balancer pools (nginx 'down', haproxy 'disabled').",
                   destination: .target { (t, v, f) throws(ValueError) in t.drain = try HostPort.parseList(v, flag: f) }),
        OptionSpec("old-master", .list("url"), group: .targets, commands: change,
                   help: "With --master: rewrite only the kubeconfig servers equal to one of these; other servers are left as they are.",
                   destination: .target { (t, v, f) throws(ValueError) in t.oldMasters = try Endpoint.parseList(v, flag: f) }),
        OptionSpec("lb-pool", .single("name"), group: .targets, commands: changeAndDetect,
                   help: "Also count this nginx upstream / haproxy backend as the apiserver pool (pools named with "
                       + "apiserver, kube, k8s or master, or whose servers all listen on 6443 or 8443, always count).",
                   destination: .target { (t, v, f) throws(ValueError) in t.lbPool = try Targets.poolName(v, flag: f) }),

        // MARK: discovery: which files are read
        OptionSpec("root", .single("dir"), default: node.root, group: .discovery, commands: every,
                   help: "Every path, backups and lock included, lives under it. A relative DIR is taken from the current directory.",
                   destination: .option { (o, v, f) throws(ValueError) in o.root = try Options.directory(v, flag: f, absolute: false) }),
        OptionSpec("only", .list("component"), group: .discovery, commands: changeAndDetect,
                   help: "Only these components: \(Component.names.joined(separator: ", ")).",
                   destination: .option { (o, v, f) throws(ValueError) in o.only = try Options.components(v, flag: f) }),
        OptionSpec("file", .single("kind:path"), repeatable: true, group: .discovery, commands: changeAndDetect,
                   help: "Also read this file (a path under --root, which must exist) as KIND, or override the kind of "
                       + "a file the catalog knows (repeatable). KIND: \(FileKind.allCases.map(\.rawValue).joined(separator: ", ")).",
                   destination: .option { (o, v, f) throws(ValueError) in o.files.append(try Options.file(v, flag: f)) }),
        OptionSpec("local-addresses", .list("ip"), default: "this host's interfaces when --root is /, else none", group: .discovery,
                   commands: changeAndDetect,
                   help: "This host's own addresses (or none): values on them are left as they are and reported as local, and "
                       + "no load-balancer pool may receive them where the load balancer listens.",
                   destination: .option { (o, v, f) throws(ValueError) in o.localAddresses = try Options.addresses(v, flag: f) }),

        // MARK: restart and health: what happens after the files are written
        OptionSpec("skip-preflight", group: .restartAndHealth, commands: change,
                   help: "Do not ask the new control plane, before the change (TLS chain and names with the node's own CA, the "
                       + "apiserver's verdict on the node's credentials, etcd health and membership; needs curl and openssl) nor "
                       + "after it (kubelet's heartbeat, which the output then says is not checked): for a control plane that is not up yet.",
                   destination: .option { o, _, _ in o.skipPreflight = true }),
        OptionSpec("no-restart", group: .restartAndHealth, commands: restart,
                   help: "Write (or restore) files only: restart nothing and skip the health checks.",
                   destination: .option { o, _, _ in o.noRestart = true }),
        OptionSpec("service-cmd", .single("program"), group: .restartAndHealth, commands: restart,
                   help: "Run PROGRAM ACTION [SERVICE] (is-active, restart, reload, daemon-reload) instead of systemctl (hosts without systemd).",
                   destination: .option { (o, v, f) throws(ValueError) in o.serviceCommand = try Options.program(v, flag: f) }),
        OptionSpec("runtime-cmd", .single("program"), default: "crictl, else docker", group: .restartAndHealth, commands: restart,
                   help: "Run PROGRAM with crictl's arguments (ps -q --name … --label …, stop ID) to restart the static pods whose mounted files changed.",
                   destination: .option { (o, v, f) throws(ValueError) in o.runtimeCommand = try Options.program(v, flag: f) }),
        OptionSpec("health-timeout", .number("seconds"), default: String(node.healthTimeout), group: .restartAndHealth, commands: restart,
                   help: "How long a restarted service may take to become active, and a probe to answer 2xx.",
                   destination: .option { (o, v, f) throws(ValueError) in o.healthTimeout = try ValueSyntax.integer(v, flag: f, range: 1...3_600, unit: "seconds") }),
        OptionSpec("settle", .number("seconds"), default: String(node.settle), group: .restartAndHealth, commands: restart,
                   help: "How long the restarted services must then stay active (apply).",
                   destination: .option { (o, v, f) throws(ValueError) in o.settle = try ValueSyntax.integer(v, flag: f, range: 0...3_600, unit: "seconds") }),
        OptionSpec("probe", .single("url"), repeatable: true, group: .restartAndHealth, commands: restart,
                   help: "A URL that must answer 2xx after the restarts, or the run rolls back (apply; repeatable). An https URL "
                       + "without --probe-cacert, --probe-cert or --probe-key is asked for liveness only: its certificate is not verified.",
                   destination: .option { (o, v, f) throws(ValueError) in o.probes.append(try Options.probe(v, flag: f)) }),
        OptionSpec("probe-cacert", .single("file"), group: .restartAndHealth, commands: restart,
                   help: "The CA (PEM, a path under --root) that https --probe URLs must present a certificate from; "
                       + "--probe-cert/--probe-key need it.",
                   destination: .option { (o, v, f) throws(ValueError) in o.probeCACert = try Options.nodeFile(v, flag: f) }),
        OptionSpec("probe-cert", .single("file"), group: .restartAndHealth, commands: restart,
                   help: "A client certificate (PEM, a path under --root) presented to --probe URLs.",
                   destination: .option { (o, v, f) throws(ValueError) in o.probeCert = try Options.nodeFile(v, flag: f) }),
        OptionSpec("probe-key", .single("file"), group: .restartAndHealth, commands: restart,
                   help: "The key of --probe-cert (a path under --root).",
                   destination: .option { (o, v, f) throws(ValueError) in o.probeKey = try Options.nodeFile(v, flag: f) }),

        // MARK: output
        OptionSpec("dry-run", group: .output, commands: change,
                   help: "Print a unified diff per file; change nothing (exit 2 when changes are pending).",
                   destination: .option { o, _, _ in o.dryRun = true }),
        OptionSpec("json", group: .output, commands: every, ansible: .alwaysPassedByModule,
                   help: "Print one JSON object on stdout.",
                   destination: .option { o, _, _ in o.json = true }),

        // MARK: state: backups
        OptionSpec("backup-dir", .single("dir"), default: node.backupDir, group: .state, commands: restartAndBackups,
                   help: "Where backup sets live, under --root.",
                   destination: .option { (o, v, f) throws(ValueError) in o.backupDir = try Options.directory(v, flag: f, absolute: true) }),
        OptionSpec("keep-backups", .number("n"), default: String(node.keepBackups), group: .state, commands: change,
                   help: "Backup sets kept: older ones are removed after a run that changed files.",
                   destination: .option { (o, v, f) throws(ValueError) in o.keepBackups = try ValueSyntax.integer(v, flag: f, range: 0...10_000, unit: "backup sets") }),

        // MARK: fanout: hosts
        OptionSpec("hosts", .single("file|h1,h2"), group: .hosts, commands: fanout,
                   help: "A hosts file (one [user@]host a line, '#' comments) or a comma-joined list; no host may start with "
                       + "'-'. A value naming an existing path, or a plain path (no ',', space or shell character) that holds "
                       + "a '/' or ends in \(HostList.fileSuffixes.joined(separator: ", ")), is a file, and must exist.",
                   destination: .fanout { o, v, _ in o.hosts = v }),
        OptionSpec("retry-failed", .single("report"), group: .hosts, commands: fanout,
                   help: "Instead of --hosts: run again only the hosts that did not succeed in REPORT (a --report file), "
                       + "with its flags when none are given after '--'.",
                   destination: .fanout { o, v, _ in o.retryFailed = v }),

        // MARK: fanout: waves
        OptionSpec("parallel", .number("n"), default: String(fleet.parallel), group: .waves, commands: fanout,
                   help: "At most N hosts at once.",
                   destination: .fanout { (o, v, f) throws(FanoutUsageError) in o.parallel = try FanoutOptions.count(v, f, minimum: 1) }),
        OptionSpec("batch", .single("n|p%"), default: "all hosts in one wave", group: .waves, commands: fanout,
                   help: "Waves of N hosts, or of P% of the hosts (rounded up).",
                   destination: .fanout { (o, v, _) throws(FanoutUsageError) in o.batch = try FanoutOptions.batch(v) }),
        OptionSpec("max-failures", .number("n"), default: String(fleet.maxFailures), group: .waves, commands: fanout,
                   help: "After a wave that brings the failed hosts to more than N in all, the remaining hosts are skipped.",
                   destination: .fanout { (o, v, f) throws(FanoutUsageError) in o.maxFailures = try FanoutOptions.count(v, f, minimum: 0) }),
        OptionSpec("timeout", .number("seconds"), default: seconds(fleet.timeout), group: .waves, commands: fanout,
                   help: "Per host, copy included: the remote run gets a hangup and rolls back, and the host is reported as 'timeout'.",
                   destination: .fanout { (o, v, f) throws(FanoutUsageError) in o.timeout = try FanoutOptions.seconds(v, f, zeroAllowed: false) }),
        OptionSpec("hangup-grace", .number("seconds"), default: seconds(fleet.hangupGrace), group: .waves, commands: fanout,
                   help: "After a timeout, how long to wait for the remote run to roll back and end; if it does not, the "
                       + "host is 'failed' (not 'timeout') and must be checked by hand.",
                   destination: .fanout { (o, v, f) throws(FanoutUsageError) in o.hangupGrace = try FanoutOptions.seconds(v, f, zeroAllowed: true) }),

        // MARK: fanout: the remote run
        OptionSpec("ssh", .single("command"), default: fleet.ssh.joined(separator: " "), group: .remote, commands: fanout,
                   help: "The ssh command, split into words like a shell would (~/.ssh/config applies).",
                   destination: .fanout { (o, v, f) throws(FanoutUsageError) in o.ssh = try FanoutOptions.sshWords(v, f) }),
        OptionSpec("sudo", group: .remote, commands: fanout,
                   help: "Run node-reconfig (and the copy) with 'sudo -n' on the hosts: the ssh user needs a NOPASSWD sudoers rule.",
                   destination: .fanout { o, _, _ in o.sudo = true }),
        OptionSpec("remote-bin", .single("path"), default: "node-reconfig on PATH, or \(FanoutOptions.defaultCopyPath) with --copy-binary",
                   group: .remote, commands: fanout,
                   help: "node-reconfig on the hosts.",
                   destination: .fanout { (o, v, f) throws(FanoutUsageError) in o.remoteBinary = try FanoutOptions.remoteBinary(v, f) }),
        OptionSpec("copy-binary", group: .remote, commands: fanout,
                   help: "Copy this binary to the hosts first, checked by sha256.",
                   destination: .fanout { o, _, _ in o.copyBinary = true }),

        // MARK: fanout: output
        OptionSpec("json", group: .output, commands: fanout,
                   help: "Print the report JSON instead of the table.",
                   destination: .fanout { o, _, _ in o.json = true }),
        OptionSpec("report", .single("file"), group: .output, commands: fanout,
                   help: "Also write the results as JSON to FILE (what --retry-failed reads).",
                   destination: .fanout { o, v, _ in o.report = v }),
    ]
}
