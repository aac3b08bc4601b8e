/// Finds the sites (values of a known role) in each kind of document.
enum SiteExtractor {
    /// Flags of a known role among command-line words.
    static let scanner = FlagScanner(valueFlags: Role.valueFlags)

    static func flagSites(_ words: [ValueToken]) -> [Site] {
        sites(of: scanner.scan(words))
    }

    /// Shell words keep quotes inside a word (`--master="http://x"`) patchable.
    static func flagSites(_ words: [ShellWord]) -> [Site] {
        sites(of: scanner.scan(words))
    }

    static func sites(of flags: [FlagOccurrence]) -> [Site] {
        flags.compactMap { flag in
            guard let role = Role.flags[flag.name] else { return nil }
            return Site(role: role, label: flag.spelling, token: flag.value)
        }
    }

    /// A `NAME=VALUE` assignment: the value itself when the name is known, else flags inside it.
    static func assignmentSites(name: String, value: ValueToken, words: [ValueToken]) -> [Site] {
        if let role = Role.variables[name] {
            return [Site(role: role, label: name, token: value)]
        }
        return flagSites(words)
    }

    static func assignmentSites(name: String, value: ValueToken, shellWords: [ShellWord]) -> [Site] {
        if let role = Role.variables[name] {
            return [Site(role: role, label: name, token: value)]
        }
        return flagSites(shellWords)
    }

    static func sites(in env: EnvFile) -> [Site] {
        env.assignments.flatMap { assignmentSites(name: $0.key, value: $0.value, words: $0.words) }
    }

    static func sites(in unit: SystemdUnit) -> [Site] {
        unit.commandEntries.flatMap { flagSites($0.shellWords) }
            + unit.environmentAssignments.flatMap { assignmentSites(name: $0.name, value: $0.value, shellWords: $0.shellWords) }
    }

    static func sites(in manifest: PodManifest) -> [Site] {
        manifest.containers.flatMap { flagSites($0.commandWords) }
    }

    static func sites(in kubeconfig: Kubeconfig) -> [Site] {
        kubeconfig.clusters.compactMap { cluster in
            cluster.server.map { Site(role: .master, label: "server", token: $0, cluster: cluster.name) }
        }
    }

    static func sites(in etcd: EtcdConfigYAML) -> [Site] {
        etcd.initialCluster.map { [Site(role: .members, label: "initial-cluster", token: $0)] } ?? []
    }
}
