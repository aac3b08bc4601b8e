/// A kind that holds load-balancer pools (nginx `upstream`, haproxy `backend`/`listen`): the
/// apiserver pools are set to `--apiservers` (or the master's host:port), then `--drain` servers
/// are marked in every pool. Two stages, re-parsed in between, so a drained server that is also
/// in the new pool ends up in it and marked.
protocol PoolHandler: FileHandler {
    /// Parses the file's pools.
    func config(_ source: SourceText) throws(FormatError) -> any LoadBalancerConfig
    /// The word `--drain` appends to a server line: `down` (nginx), `disabled` (haproxy).
    var drainWord: String { get }
}

extension PoolHandler {
    func plan(_ file: DiscoveredFile, source: SourceText, targets: Targets) throws(NodeReconfigError) -> FilePlan {
        try NodeReconfigError.reading(file.displayPath) { () throws(FormatError) in
            var text = source
            var edits: [FileEdit] = []
            if let wanted = targets.effectiveApiservers {
                let list = wanted.map(\.description)
                let config = try config(text)
                var patches: [Patch] = []
                for pool in config.pools where pool.isApiserverPool(lbPool: targets.lbPool) {
                    let rewrite = try config.rewrite(settingPool: pool, to: list)
                    patches += rewrite.patches
                    edits.append(FileEdit(role: .pool, label: pool.name, line: pool.line + 1, before: rewrite.before,
                                          after: rewrite.patches.isEmpty ? rewrite.before : list.joined(separator: ","),
                                          outcome: rewrite.patches.isEmpty ? .unchanged : .changed))
                }
                text = try text.applying(patches)
            }
            if let drain = targets.drain, !drain.isEmpty {
                let config = try config(text)
                let names = Set(drain.map(\.description))
                for pool in config.pools {
                    for server in pool.servers where names.contains(server.address.hostPort) {
                        let name = server.address.hostPort
                        edits.append(FileEdit(role: .pool, label: "\(pool.name) drain", line: server.line + 1, before: name,
                                              after: server.isDown ? name : "\(name) \(drainWord)",
                                              outcome: server.isDown ? .unchanged : .changed))
                    }
                }
                text = try text.applying(config.patches(draining: names))
            }
            return FilePlan(file: file, updated: text.bytes, edits: edits)
        }
    }

    func detect(_ source: SourceText, lbPool: String?) throws(FormatError) -> [DetectedValue] {
        try config(source).pools.map { pool in
            DetectedValue(role: .pool, label: pool.name, line: pool.line + 1,
                          value: pool.servers.map { $0.address.hostPort + ($0.isDown ? " (down)" : "") }.joined(separator: ","),
                          note: pool.isApiserverPool(lbPool: lbPool) ? "apiserver pool" : "not an apiserver pool")
        }
    }

    func check(_ source: SourceText) throws(FormatError) {
        _ = try config(source)
    }
}

/// nginx configurations: `upstream` blocks (stream or http). Validated with `nginx -t`, reloaded.
struct NginxHandler: PoolHandler {
    let kind = FileKind.nginx

    /// kubespray's, kubeasz's and opsnull's node-local apiserver load balancers.
    let catalog: [CatalogEntry] = [
        CatalogEntry("/etc/nginx/nginx.conf", .nginx, "load-balancer", services: ["nginx"], origin: "kubespray"),
        CatalogEntry("/etc/kube-lb/conf/kube-lb.conf", .nginx, "load-balancer", services: ["kube-lb"], origin: "kubeasz"),
        CatalogEntry("/opt/k8s/kube-nginx/conf/kube-nginx.conf", .nginx, "load-balancer", services: ["kube-nginx"], origin: "opsnull"),
        CatalogEntry("/etc/kube-nginx/kube-nginx.conf", .nginx, "load-balancer", services: ["kube-nginx"], origin: "opsnull"),
    ]
    let drainWord = "down"
    var validation: Validation? { .nginx }
    var fallbackUse: (component: Component, services: [String])? { (.loadBalancer, ["nginx"]) }

    func config(_ source: SourceText) throws(FormatError) -> any LoadBalancerConfig { try NginxConfig(source) }
}

/// haproxy configurations: `backend` and `listen` sections. Validated with `haproxy -c`, reloaded.
struct HAProxyHandler: PoolHandler {
    let kind = FileKind.haproxy
    /// kubespray's and OpenShift 3's node-local load balancer; KubeKey's internal load balancer,
    /// which a static pod runs (no unit to reload: the pod must be restarted, see `StaticPod`).
    let catalog = [
        CatalogEntry("/etc/haproxy/haproxy.cfg", .haproxy, "load-balancer", services: ["haproxy"], origin: "kubespray / OpenShift 3"),
        CatalogEntry("/etc/kubekey/haproxy/haproxy.cfg", .haproxy, "load-balancer", services: [], origin: "KubeKey",
                     staticPod: StaticPod(name: "haproxy", manifest: "/etc/kubernetes/manifests/haproxy.yaml")),
    ]
    let drainWord = "disabled"
    var validation: Validation? { .haproxy }
    var fallbackUse: (component: Component, services: [String])? { (.loadBalancer, ["haproxy"]) }

    func config(_ source: SourceText) throws(FormatError) -> any LoadBalancerConfig { try HAProxyConfig(source) }
}

extension FileKind {
    public static let nginx = FileKind(name: "nginx")
    public static let haproxy = FileKind(name: "haproxy")
}

extension Validation {
    /// `nginx -t -c FILE`. Where nginx is built `--with-stream=dynamic` (Debian, Ubuntu), a
    /// standalone load-balancer file (kubeasz's kube-lb.conf, run by its own statically built
    /// nginx) does not load the stream module: the check is run again with it loaded.
    public static let nginx = Validation(
        program: "nginx", arguments: ["-t", "-c", file],
        retry: Retry(when: "unknown directive \"stream\"", extra: ["-g", "load_module modules/ngx_stream_module.so;"]),
        syntaxPassed: "syntax is ok", telling: ["emerg"])
    /// `haproxy -c -f FILE`.
    public static let haproxy = Validation(program: "haproxy", arguments: ["-c", "-f", file], telling: ["ALERT"])
}
