// The properties each fuzz input must satisfy (see FuzzTarget.swift). A violation traps with
// a message, which libFuzzer reports as a crash and saves as `crash-*`.

enum FuzzChecks {
    static let newURL = "https://10.99.0.1:6443"
    static let newHostPort = "10.99.0.1:6443"

    static func check(format: String, bytes: [UInt8]) {
        guard let source = try? SourceText(bytes: bytes) else { return }
        require(source.bytes == bytes, "SourceText does not render its input back")
        switch format {
        case "yaml": checkYAML(source, bytes)
        case "kubeconfig": checkKubeconfig(source, bytes)
        case "env": checkEnv(source, bytes)
        case "systemd", "unit": checkSystemd(source, bytes)
        case "nginx": checkPools(try? NginxConfig(source), bytes) { try? NginxConfig($0) }
        case "haproxy": checkPools(try? HAProxyConfig(source), bytes) { try? HAProxyConfig($0) }
        case "json": checkJSON(source, bytes)
        case "blocks": checkBlocks(source, bytes)
        case "k3s-config": checkRancherConfig(source, bytes)
        case "lvscare": checkLvscare(source, bytes)
        default: fatalError("unknown FORMAT \(format)")
        }
    }

    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("fuzz property violated: \(message())") }
    }

    static func checkYAML(_ source: SourceText, _ bytes: [UInt8]) {
        guard let document = try? YAMLDocument(source) else { return }
        require(document.render() == bytes, "YAMLDocument round trip")
        _ = try? PodManifest(document: document)
        checkYAMLLists(source, document)
        if let etcd = try? EtcdConfigYAML(document: document), let patch = try? etcd.patch(settingInitialCluster: "n1=https://10.99.0.1:2380"),
           let edited = try? source.applying([patch]) {
            guard let again = try? EtcdConfigYAML(edited) else { return require(false, "edited etcd YAML no longer parses") }
            require(again.initialCluster?.text == "n1=https://10.99.0.1:2380", "etcd initial-cluster edit not found on re-parse")
        }
    }

    static func checkKubeconfig(_ source: SourceText, _ bytes: [UInt8]) {
        guard let config = try? Kubeconfig(source) else { return }
        require(config.render() == bytes, "Kubeconfig round trip")
        for cluster in config.clusters {
            guard let server = cluster.server, server.isVerbatim else { continue }
            let line = Array(source.lines[server.line].text.utf8)
            require(line[server.range].elementsEqual(server.text.utf8), "a verbatim server is not its bytes")
        }
        guard let index = config.clusters.firstIndex(where: { $0.server != nil }),
              let patch = try? config.clusters[index].patch(settingServer: newURL),
              let edited = try? source.applying([patch]) else { return }
        guard let again = try? Kubeconfig(edited) else { return require(false, "edited kubeconfig no longer parses") }
        require(again.clusters.count == config.clusters.count, "edit changed the number of clusters")
        require(again.clusters[index].server?.text == newURL, "kubeconfig server edit not found on re-parse")
    }

    /// Every string the reader exposes lies where it says: a verbatim one's bytes are its text;
    /// patching the first verbatim string yields JSON that reads back with the new value there.
    static func checkJSON(_ source: SourceText, _ bytes: [UInt8]) {
        guard let document = try? JSONDocument(source) else { return }
        require(document.render() == bytes, "JSONDocument round trip")
        var strings: [JSONString] = []
        func collect(_ node: JSONNode) {
            switch node.kind {
            case .object(let members): members.forEach { collect($0.value) }
            case .array(let items): items.forEach(collect)
            case .string(let string): strings.append(string)
            case .literal: break
            }
        }
        collect(document.root)
        for string in strings where string.token.isVerbatim {
            let line = source.lines[string.token.line].text.utf8
            require(Array(line)[string.token.range].elementsEqual(string.text.utf8), "a verbatim JSON string is not its bytes")
        }
        guard let index = strings.firstIndex(where: { $0.token.isVerbatim }),
              let edited = try? source.applying([strings[index].patch(with: "q\"\\" + newURL)]) else { return }
        guard let again = try? JSONDocument(edited) else { return require(false, "edited JSON no longer parses") }
        var after: [JSONString] = []
        func collectAfter(_ node: JSONNode) {
            switch node.kind {
            case .object(let members): members.forEach { collectAfter($0.value) }
            case .array(let items): items.forEach(collectAfter)
            case .string(let string): after.append(string)
            case .literal: break
            }
        }
        collectAfter(again.root)
        require(after.count == strings.count && after[index].text == "q\"\\" + newURL, "JSON string edit not found on re-parse")
    }

    static func checkEnv(_ source: SourceText, _ bytes: [UInt8]) {
        guard let file = try? EnvFile(source) else { return }
        require(file.render() == bytes, "EnvFile round trip")
        for sourced in file.sourcedFiles where sourced.path.isVerbatim {
            let line = Array(source.lines[sourced.path.line].text.utf8)
            require(line[sourced.path.range].elementsEqual(sourced.path.text.utf8), "a sourced path is not where it says")
        }
        for assignment in file.assignments {
            guard let patch = try? assignment.replacingValue(with: newURL), let edited = try? source.applying([patch]) else { continue }
            guard let again = try? EnvFile(edited) else { return require(false, "edited env file no longer parses") }
            // The same name may be assigned twice on one line (`A=1 A=2 cmd`): the edited one is
            // the one at the same place among that line's assignments of that name.
            let sameName = { (list: [EnvAssignment]) in list.filter { $0.line == assignment.line && $0.key == assignment.key } }
            let place = sameName(file.assignments).firstIndex { $0.value.range == assignment.value.range }
            let twins = sameName(again.assignments)
            let found = place.flatMap { $0 < twins.count ? twins[$0] : nil }
            require(found?.value.text == newURL, "env edit of \(assignment.key) not found on re-parse")
            return
        }
    }

    static func checkSystemd(_ source: SourceText, _ bytes: [UInt8]) {
        guard let unit = try? SystemdUnit(source) else { return }
        require(unit.render() == bytes, "SystemdUnit round trip")
        let scanner = FlagScanner(valueFlags: ["master", "etcd-servers", "api-servers"])
        for (entryIndex, entry) in unit.entries.enumerated() {
            for occurrence in scanner.scan(entry.shellWords) where occurrence.value.isVerbatim {
                guard let patch = try? occurrence.value.patch(with: newURL), let edited = try? source.applying([patch]) else { continue }
                guard let again = try? SystemdUnit(edited) else { return require(false, "edited unit no longer parses") }
                require(again.entries.count == unit.entries.count, "edit changed the number of unit entries")
                let found = scanner.scan(again.entries[entryIndex].shellWords).first { $0.wordIndex == occurrence.wordIndex }
                require(found?.value.text == newURL, "unit flag edit of \(occurrence.spelling) not found on re-parse")
                return
            }
        }
    }

    /// A k3s/rke2 config.yaml: the server lies where it says; setting it reads back; secret lines
    /// are lines of the file.
    static func checkRancherConfig(_ source: SourceText, _ bytes: [UInt8]) {
        guard let config = try? RancherConfig(source) else { return }
        require(config.render() == bytes, "RancherConfig round trip")
        require((config.secretLines + config.secretContinuationLines).allSatisfy { (0..<source.lineCount).contains($0) }, "a secret line outside the file")
        guard let server = config.server, server.token.isVerbatim else { return }
        let line = Array(source.lines[server.token.line].text.utf8)
        require(line[server.token.range].elementsEqual(server.text.utf8), "a verbatim server is not its bytes")
        guard let patch = try? server.patch(with: newURL), let edited = try? source.applying([patch]) else { return }
        guard let again = try? RancherConfig(edited) else { return require(false, "edited config.yaml no longer parses") }
        require(again.server?.text == newURL, "config.yaml server edit not found on re-parse")
    }

    /// lvscare's manifest: a pool rewritten to one server holds exactly it on re-parse, the
    /// virtual server unchanged; draining one of several servers leaves the others.
    static func checkLvscare(_ source: SourceText, _ bytes: [UInt8]) {
        guard let manifest = try? LvscareManifest(source) else { return }
        require(manifest.render() == bytes, "LvscareManifest round trip")
        if let rewrite = try? manifest.rewrite(settingServersTo: [newHostPort]), let edited = try? source.applying(rewrite.patches) {
            guard let again = try? LvscareManifest(edited) else { return require(false, "edited lvscare manifest no longer parses") }
            require(again.realServers.map(\.address.hostPort) == [newHostPort], "lvscare pool after the edit holds \(again.serverList)")
            require(again.virtualServer?.text == manifest.virtualServer?.text, "the edit moved lvscare's --vs")
        }
        if manifest.realServers.count > 1, let first = manifest.realServers.first,
           let patches = try? manifest.patches(draining: [first.address.hostPort]), let edited = try? source.applying(patches) {
            guard let again = try? LvscareManifest(edited) else { return require(false, "drained lvscare manifest no longer parses") }
            require(!again.realServers.contains { $0.address.hostPort == first.address.hostPort }, "the drained server is still there")
        }
    }

    static func checkPools<Config: LoadBalancerConfig>(_ config: Config?, _ bytes: [UInt8], reparse: (SourceText) -> Config?) {
        guard let config else { return }
        require(config.source.bytes == bytes, "load-balancer config round trip")
        for (index, pool) in config.pools.enumerated() where !pool.servers.isEmpty {
            guard let patches = try? config.patches(settingPool: pool, to: [newHostPort]),
                  let edited = try? config.source.applying(patches) else { continue }
            guard let again = reparse(edited) else { return require(false, "edited pool config no longer parses") }
            require(again.pools.count == config.pools.count, "edit changed the number of pools")
            let servers = again.pools[index].servers.map { $0.address.hostPort }
            require(servers == [newHostPort], "pool \(pool.name) after the edit holds \(servers), not [\(newHostPort)]")
            return
        }
    }

    /// etcdClientInfo.urls rewritten as two items reads back as those two items, in the same
    /// style; calicoctl's etcdEndpoints patched reads back as the new value.
    static func checkYAMLLists(_ source: SourceText, _ document: YAMLDocument) {
        let urls = ["https://10.99.0.1:2379", "https://10.99.0.2:2379"]
        if let list = (try? OpenShiftMasterConfig(document: document))?.etcdURLs,
           let patches = try? list.patches(setting: urls, in: source), let edited = try? source.applying(patches) {
            guard let again = try? OpenShiftMasterConfig(edited) else { return require(false, "edited master-config no longer parses") }
            require(again.etcdURLs?.values == urls, "etcdClientInfo.urls after the edit: \(again.etcdURLs?.values ?? [])")
            require(again.etcdURLs?.style == list.style, "etcdClientInfo.urls changed style")
        }
        if let endpoints = (try? CalicoctlConfig(document: document))?.etcdEndpoints, endpoints.token.isVerbatim,
           let patch = try? endpoints.patch(with: urls.joined(separator: ",")), let edited = try? source.applying([patch]) {
            guard let again = try? CalicoctlConfig(edited) else { return require(false, "edited calicoctl.cfg no longer parses") }
            require(again.etcdEndpoints?.text == urls.joined(separator: ","), "calicoctl etcdEndpoints edit not found on re-parse")
        }
    }

    /// Corefile and keepalived.conf (one block reader): round trip; every verbatim word is its
    /// bytes; the first endpoint patched reads back as the new URL.
    static func checkBlocks(_ source: SourceText, _ bytes: [UInt8]) {
        if let keepalived = try? KeepalivedConfig(source) {
            require(keepalived.render() == bytes, "KeepalivedConfig round trip")
            for address in keepalived.virtualAddresses + keepalived.unicastPeers where address.token.isVerbatim {
                let line = Array(source.lines[address.line].text.utf8)
                require(line[address.token.range].elementsEqual(address.token.text.utf8), "a keepalived address is not its bytes")
            }
        }
        guard let corefile = try? Corefile(source) else { return }
        require(corefile.render() == bytes, "Corefile round trip")
        let urls = corefile.endpoints.flatMap(\.urls)
        for url in urls where url.isVerbatim {
            let line = Array(source.lines[url.line].text.utf8)
            require(line[url.range].elementsEqual(url.text.utf8), "a Corefile endpoint is not its bytes")
        }
        guard let index = urls.firstIndex(where: \.isVerbatim), let patch = try? urls[index].patch(with: newURL),
              let edited = try? source.applying([patch]) else { return }
        guard let again = try? Corefile(edited) else { return require(false, "edited Corefile no longer parses") }
        let after = again.endpoints.flatMap(\.urls)
        require(after.count == urls.count && after[index].text == newURL, "Corefile endpoint edit not found on re-parse")
    }
}
