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
        var loop: SelfLoop?
        let plan = try NodeReconfigError.reading(file.displayPath) { () throws(FormatError) -> FilePlan in
            var text = source
            var edits: [FileEdit] = []
            if let wanted = targets.effectiveApiservers {
                let list = wanted.map(\.description)
                let config = try config(text)
                var patches: [Patch] = []
                for pool in config.pools where pool.isApiserverPool(lbPool: targets.lbPool) {
                    if let found = SelfLoop.find(wanted, pool: pool, config: config, targets: targets, path: file.displayPath) {
                        loop = found
                        return FilePlan(file: file, updated: source.bytes, edits: [])
                    }
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
                        var edit = FileEdit(role: .pool, label: "\(pool.name) drain", line: server.line + 1, before: name,
                                            after: server.isDown ? name : "\(name) \(drainWord)",
                                            outcome: server.isDown ? .unchanged : .changed)
                        edit.isDrain = true
                        edits.append(edit)
                    }
                }
                text = try text.applying(config.patches(draining: names))
            }
            return FilePlan(file: file, updated: text.bytes, edits: edits)
        }
        if let loop { throw .selfLoop(loop) }
        return plan
    }

    func detect(_ source: SourceText, use: FileUse, lbPool: String?) throws(FormatError) -> [DetectedValue] {
        try config(source).pools.map { pool in
            DetectedValue(role: .pool, label: pool.name, line: pool.line + 1,
                          value: pool.servers.map { $0.address.hostPort + ($0.isDown ? " (down)" : "") }.joined(separator: ","),
                          note: pool.isApiserverPool(lbPool: lbPool) ? "apiserver pool" : "not an apiserver pool")
        }
    }

    func check(_ source: SourceText) throws(FormatError) {
        _ = try config(source)
    }

    func holdsApiserverPool(_ source: SourceText, lbPool: String?) -> Bool {
        (try? config(source))?.pools.contains { $0.isApiserverPool(lbPool: lbPool) } ?? false
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

    /// Its `include` files and globs. A relative one starts at the main configuration's
    /// directory (nginx's conf prefix), whichever file includes it; an included file is used as
    /// the main one is and checked through it (`nginx -t` of a snippet alone means nothing).
    func references(in source: SourceText, context: ReferenceContext) throws(FormatError) -> [Reference] {
        // A file without the word names nothing: no need to read a 50 MB pool a second time.
        guard Self.mentionsInclude(source.bytes) else { return [] }
        let launch = context.use.launch ?? Launch(configs: [context.displayPath], root: context.root)
        let main = launch.configs.first ?? context.displayPath
        var use = context.use
        use.launch = launch
        use.isGuess = false
        return try NginxConfig(source).directives(named: "include").compactMap { directive in
            guard let argument = directive.arguments.first?.value, !argument.text.isEmpty else { return nil }
            let isGlob = argument.text.contains { "*?[".contains($0) }
            return Reference(.file(.nginx), path: argument.text, base: .directory(PathMath.dirname(main)), line: directive.line,
                             label: "include", isGlob: isGlob, use: use)
        }
    }

    static func mentionsInclude(_ bytes: [UInt8]) -> Bool {
        let word: [UInt8] = Array("include".utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let last = buffer.count - word.count
            while index <= last {
                if buffer[index] == 0x69, buffer[index + 1] == 0x6E, buffer[index + 2] == 0x63, buffer[index + 3] == 0x6C,
                   buffer[index + 4] == 0x75, buffer[index + 5] == 0x64, buffer[index + 6] == 0x65 { return true }
                index += 1
            }
            return false
        }
    }

    /// `nginx -t -c MAIN` with the unit's own binary and `-p PREFIX` where it names them
    /// (`/approot/bin/nginx -p /approot/data/k8s/kube-nginx -t -c …/kube-nginx.conf`); an
    /// included file is checked through its main configuration.
    func validation(for file: DiscoveredFile) -> Validation? {
        guard let launch = file.use.launch else { return validation }
        let main = launch.configs.first.map { $0 == file.displayPath ? Validation.file : launch.host($0) } ?? Validation.file
        var check = Validation.nginx
        check.program = launch.binary.map(launch.host) ?? check.program
        check.alternative = launch.binary == nil ? nil : Validation.nginx.program
        check.arguments = (launch.prefix.map { ["-p", launch.host($0)] } ?? []) + ["-t", "-c", main]
        return check
    }
}

/// haproxy configurations: `backend` and `listen` sections. Validated with `haproxy -c`, reloaded.
struct HAProxyHandler: PoolHandler {
    let kind = FileKind.haproxy
    /// kubespray's and OpenShift 3's node-local load balancer; KubeKey's internal load balancer,
    /// which the `haproxy` static pod runs from the directory it mounts: no unit to reload; the
    /// run restarts the pod's container through the runtime (`DiscoveryWalk.attributeToStaticPods`).
    let catalog = [
        CatalogEntry("/etc/haproxy/haproxy.cfg", .haproxy, "load-balancer", services: ["haproxy"], origin: "kubespray / OpenShift 3"),
        CatalogEntry("/etc/kubekey/haproxy/haproxy.cfg", .haproxy, "load-balancer", services: [], origin: "KubeKey"),
    ]
    let drainWord = "disabled"
    var validation: Validation? { .haproxy }
    var fallbackUse: (component: Component, services: [String])? { (.loadBalancer, ["haproxy"]) }

    func config(_ source: SourceText) throws(FormatError) -> any LoadBalancerConfig { try HAProxyConfig(source) }

    /// `haproxy -c -f …` with every `-f` the unit names (haproxy reads them as one
    /// configuration), with the unit's own binary where it names one.
    func validation(for file: DiscoveredFile) -> Validation? {
        guard let launch = file.use.launch, !launch.configs.isEmpty else { return validation }
        var check = Validation.haproxy
        check.program = launch.binary.map(launch.host) ?? check.program
        check.alternative = launch.binary == nil ? nil : Validation.haproxy.program
        check.arguments = ["-c"] + launch.configs.flatMap { ["-f", $0 == file.displayPath ? Validation.file : launch.host($0)] }
        return check
    }
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

/// A pool that `--apiservers` (given, or the master's host:port) would make send requests to
/// its own load balancer (SPEC "Values", no self-loop): refused before anything is written.
public struct SelfLoop: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var pool: String
    /// 1-based line of the pool's header.
    public var line: Int
    /// The entry that loops (`192.168.0.40:8443`) and its host.
    public var address: String
    public var host: String
    /// The listen directive it would reach, as written, and its 1-based line; nil where the
    /// load balancer's listen addresses are not in the file.
    public var listener: String?
    public var listenerLine: Int?
    /// Why the address is this host's: `a keepalived VIP of this host`, `this host's own address`, `loopback`.
    public var why: String?
    /// `--apiservers` was not given: the pool came from `--master`.
    public var fromMaster: Bool
    public var program: String

    public var description: String {
        let flag = fromMaster ? "--master (used as --apiservers, which was not given)" : "--apiservers"
        let reached = listener.map { listen in
            "where \(program) itself listens ('\(listen)' on line \(listenerLine ?? line))"
        } ?? "on this host, and where \(program) listens is not in this file"
        let because = why.map { "; \(host) is \($0)" } ?? ""
        return "\(path):\(line): \(flag) would put \(address) into pool '\(pool)', \(reached)\(because): the pool would send "
            + "every request back to itself. Give --apiservers the kube-apiservers' own HOST:PORTs. Nothing was changed."
    }

    /// The first entry of `wanted` that `pool` would send back to its own load balancer.
    static func find(_ wanted: [HostPort], pool: LoadBalancerPool, config: any LoadBalancerConfig, targets: Targets, path: String) -> SelfLoop? {
        let why = { (host: String) -> String? in
            if targets.virtualAddresses.contains(host) { return "a keepalived VIP of this host" }
            if targets.localAddresses.contains(host) { return "this host's own address" }
            if Address.isLoopbackHost(host) { return "loopback" }
            return nil
        }
        let listeners = config.selfLoopListeners(of: pool)
        let program = config is HAProxyConfig ? "haproxy" : "nginx"
        for entry in wanted {
            let address = Address(host: entry.host.lowercased(), port: entry.port)
            let reason = why(address.host)
            var loop = SelfLoop(path: path, pool: pool.name, line: pool.line + 1, address: address.hostPort, host: address.host, listener: nil, listenerLine: nil,
                                why: reason, fromMaster: targets.apiserversFromMaster, program: program)
            if let listener = listeners.first(where: { $0.receives(address) { why($0) != nil } }) {
                loop.listener = listener.text
                loop.listenerLine = listener.line + 1
                return loop
            }
            // No listener in the file to compare with: a VIP or loopback is still never a server.
            if listeners.isEmpty, reason != nil, reason != "this host's own address" { return loop }
        }
        return nil
    }
}
