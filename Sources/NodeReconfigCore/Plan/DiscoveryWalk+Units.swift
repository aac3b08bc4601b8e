/// Units: the catalog's (by name) and every other service in the systemd directories whose
/// `ExecStart=` runs a known program (`flannel.service` running flanneld), each read with its
/// drop-ins as one service, attributed by the program it runs. An unrelated unit never blocks a
/// run: one that does not parse and names no known program is skipped; one that names a known
/// program and does not parse is refused with its line.
extension DiscoveryWalk {
    /// A unit file or drop-in of a service.
    struct UnitFile {
        var path: String
        var isDropIn: Bool
        /// The catalog's entry, when the catalog names this path.
        var catalog: CatalogEntry?
        var hostPath = ""
        var linkTarget: String?
        var bytes: [UInt8] = []
        var unit: SystemdUnit?
        var failure: FormatError?
    }

    mutating func addUnits(overridden: Set<String>) throws(NodeReconfigError) {
        var order: [String] = []
        var services: [String: [UnitFile]] = [:]
        var seen = overridden
        func note(_ path: String, catalog: CatalogEntry?) {
            guard seen.insert(path).inserted, let (name, isDropIn) = Self.service(of: path) else { return }
            if services[name] == nil { order.append(name) }
            services[name, default: []].append(UnitFile(path: path, isDropIn: isDropIn, catalog: catalog))
        }
        for entry in Catalog.entries(only: discovery.only) where entry.kind == .unit {
            for path in try expand(entry.path) { note(path, catalog: entry) }
        }
        let scanned = order.count
        for directory in Catalog.unitDirectories {
            for name in listing(directory) {
                let path = PathMath.join(directory, name)
                if name.hasSuffix(".service"), !name.contains("@") {
                    note(path, catalog: nil)
                } else if name.hasSuffix(".service.d"), !name.contains("@") {
                    for dropIn in listing(path) where dropIn.hasSuffix(".conf") { note(PathMath.join(path, dropIn), catalog: nil) }
                }
            }
        }
        // Services the catalog names keep its order; the others come after, by name.
        for name in order.prefix(scanned) + order.dropFirst(scanned).sorted() {
            try addService(name, services[name] ?? [])
        }
    }

    /// `kubelet` and false for `…/kubelet.service`; `kubelet` and true for `…/kubelet.service.d/10-x.conf`.
    static func service(of path: String) -> (String, Bool)? {
        let name = PathMath.basename(path)
        if name.hasSuffix(".service") { return (String(name.dropLast(8)), false) }
        let directory = PathMath.basename(PathMath.dirname(path))
        if directory.hasSuffix(".service.d") { return (String(directory.dropLast(10)), true) }
        return nil
    }

    /// The names in a node directory, in name order; none when it is absent or unreadable (the
    /// directories scanned for units hold other programs' files too).
    func listing(_ directory: String) -> [String] {
        guard case .directory(let host)? = try? look(directory) else { return [] }
        return ((try? discovery.fileSystem.listDirectory(host)) ?? []).filter { !$0.hasPrefix(".") }
    }

    /// One service: its unit files read and parsed, its command line expanded; kept when the
    /// catalog names it or it runs a known program, then every file of it is added as used by
    /// that service, and the files its command line names are followed.
    mutating func addService(_ name: String, _ candidates: [UnitFile]) throws(NodeReconfigError) {
        let fromCatalog = candidates.contains { $0.catalog != nil }
        var files: [UnitFile] = []
        for var file in candidates {
            let found: Found
            if file.catalog != nil {
                found = try look(file.path)
            } else {
                guard let lenient = try? look(file.path) else { continue }
                found = lenient
            }
            switch found {
            case .file(let hostPath, _, _) where file.catalog == nil && (byHostPath[hostPath] != nil || files.contains { $0.hostPath == hostPath }):
                continue // an alias (a link to a unit file already found) is that unit, not another service
            case .file(let hostPath, let link, let bytes):
                (file.hostPath, file.linkTarget, file.bytes) = (hostPath, link, bytes)
            case .absent(let link?) where file.catalog != nil && link != "/dev/null":
                throw NodeReconfigError.missingFile(path: file.path, detail: "it is a symlink to \(link), which does not exist")
            default:
                continue // absent, masked (a link to /dev/null), not a regular file
            }
            do {
                file.unit = try SystemdUnit(SourceText(bytes: file.bytes))
            } catch {
                file.failure = error
            }
            files.append(file)
        }
        let ordered = Self.effectiveOrder(files)
        let parsed = withIncludes(ordered.compactMap { file in file.unit.map { (path: file.path, unit: $0) } })
        var command = ServiceCommand(units: parsed, environment: Self.environment(of: parsed))
        let failed = files.first { $0.failure != nil }
        let program = command.program ?? failed.flatMap { Self.program(namedIn: $0.bytes) }
        guard let component = program?.component ?? candidates.first(where: { $0.catalog != nil })?.catalog?.component,
              fromCatalog || component.isSelected(by: discovery.only) else { return }
        if let failed, let failure = failed.failure { throw NodeReconfigError.format(path: failed.path, failure) }
        command = ServiceCommand(units: parsed, environment: try environment(of: parsed))
        let (launch, references) = launch(of: command)
        let use = FileUse(component: component, services: [name], program: command.program?.name, launch: launch,
                          variableRoles: command.variableRoles)
        // The service's own files first (its units, then what they name), then what its command
        // line names: the order `detect` and `plan` list them in.
        for file in ordered + files.filter({ file in !ordered.contains { $0.path == file.path } }) {
            let by: FoundBy = file.catalog != nil ? .catalog
                : file.isDropIn ? .dropIn(unit: "\(name).service") : .unitRunning(program: command.program?.name ?? name)
            insert(file.path, hostPath: file.hostPath, linkTarget: file.linkTarget, bytes: file.bytes, kind: .unit, use: use, foundBy: by)
        }
        try drainFound()
        for (reference, namingPath) in references {
            try follow(reference, namedIn: namingPath, use: use)
        }
    }

    /// The files systemd applies, in order: the unit file of the first systemd directory that
    /// holds one, then the drop-ins of every directory by name (a name in an earlier directory
    /// hides the same name in a later one).
    static func effectiveOrder(_ files: [UnitFile]) -> [UnitFile] {
        func priority(_ file: UnitFile) -> Int {
            Catalog.unitDirectories.firstIndex { file.path.hasPrefix($0 + "/") } ?? Catalog.unitDirectories.count
        }
        var ordered: [UnitFile] = []
        if let main = files.filter({ !$0.isDropIn }).min(by: { priority($0) < priority($1) }) { ordered.append(main) }
        var names: Set<String> = []
        let dropIns = files.filter(\.isDropIn).sorted {
            (PathMath.basename($0.path), priority($0)) < (PathMath.basename($1.path), priority($1))
        }
        for dropIn in dropIns where names.insert(PathMath.basename(dropIn.path)).inserted { ordered.append(dropIn) }
        return ordered
    }

    /// The unit files with, before each, the files it `.include`s (older systemd reads their
    /// settings there), transitively; read leniently here: the walk follows `.include` as a
    /// reference and reports or refuses what it cannot read.
    func withIncludes(_ units: [(path: String, unit: SystemdUnit)], seen: Set<String> = []) -> [(path: String, unit: SystemdUnit)] {
        var out: [(path: String, unit: SystemdUnit)] = []
        var seen = seen.union(units.map(\.path))
        for (path, unit) in units {
            for include in unit.includes {
                let reference = Reference(.file(.unit), path: include.path, base: .namingFile, line: include.line, label: ".include")
                guard let included = reference.nodePath(namedIn: path), !included.hasPrefix("/.."), seen.insert(included).inserted,
                      case .file(_, _, let bytes)? = try? look(included),
                      let source = try? SourceText(bytes: bytes), let parsed = try? SystemdUnit(source) else { continue }
                out += withIncludes([(included, parsed)], seen: seen)
            }
            out.append((path, unit))
        }
        return out
    }

    /// The variables of the service's `Environment=` settings.
    static func environment(of units: [(path: String, unit: SystemdUnit)]) -> [String: ServiceCommand.Definition] {
        var environment: [String: ServiceCommand.Definition] = [:]
        for (path, unit) in units {
            for assignment in unit.environmentAssignments {
                environment[assignment.name] = ServiceCommand.Definition(value: assignment.value.text,
                                                                         words: assignment.words.map { ($0.text, $0.line) },
                                                                         path: path, line: assignment.entryLine)
            }
        }
        return environment
    }

    /// The variables of `Environment=`, then of each `EnvironmentFile=` (which win, as in systemd).
    func environment(of units: [(path: String, unit: SystemdUnit)]) throws(NodeReconfigError) -> [String: ServiceCommand.Definition] {
        var environment = Self.environment(of: units)
        for (_, unit) in units {
            for file in unit.environmentFiles where file.path.hasPrefix("/") {
                let path = PathMath.normalize(file.path)
                guard case .file(_, _, let bytes) = try look(path) else { continue }
                let env = try NodeReconfigError.reading(path) { () throws(FormatError) in try EnvFile(SourceText(bytes: bytes)) }
                for assignment in env.assignments {
                    environment[assignment.key] = ServiceCommand.Definition(value: assignment.value.text,
                                                                            words: assignment.words.map { ($0.text, $0.line) },
                                                                            path: path, line: assignment.line)
                }
            }
        }
        return environment
    }

    /// The program a unit that does not parse names on an `ExecStart=` line, read leniently.
    static func program(namedIn bytes: [UInt8]) -> Program? {
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let text = line.drop { $0 == " " || $0 == "\t" }
            guard text.hasPrefix("ExecStart"), let equals = text.firstIndex(of: "=") else { continue }
            let words = text[text.index(after: equals)...].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard var first = words.first else { continue }
            first = String(first.drop { "-@:+!".contains($0) })
            if let program = Program.running([first] + words.dropFirst())?.program { return program }
        }
        return nil
    }

    /// How a load balancer's unit starts it (binary, nginx `-p`, the main configurations), and
    /// the files its command line names, each with the file that names it.
    func launch(of command: ServiceCommand) -> (Launch?, [(Reference, String)]) {
        guard let program = command.program else { return (nil, []) }
        let flags = command.fileFlags
        var prefix: String? = nil
        for flag in flags where flag.flag == .prefix && flag.value.hasPrefix("/") { prefix = PathMath.normalize(flag.value) }
        var configs: [String] = []
        var references: [(Reference, String)] = []
        for flag in flags {
            var base = Reference.Base.directory("/")
            if flag.flag == .mainConfig(.nginx) { base = prefix.map { .directory($0) } ?? .none }
            let label = flag.word.isInUnit ? "ExecStart \(flag.spelling)" : flag.spelling
            guard let reference = Program.reference(flag.flag, path: flag.value, line: flag.word.line, label: label, base: base) else { continue }
            if case .mainConfig = flag.flag, let path = reference.nodePath(namedIn: flag.word.path) { configs.append(path) }
            references.append((reference, flag.word.path))
        }
        if program.name == "nginx", configs.isEmpty, let start = command.start {
            // No -c: nginx reads the configuration compiled in, conf/nginx.conf under the prefix
            // for a build of its own, /etc/nginx/nginx.conf for the distributions'.
            let path = prefix.map { "\($0)/conf/nginx.conf" } ?? "/etc/nginx/nginx.conf"
            configs.append(path)
            references.append((Reference(.file(.nginx), path: path, line: start.line, label: "ExecStart (nginx's default -c)", isOptional: true), start.path))
        }
        guard program.component == .loadBalancer else { return (nil, references) }
        let binary = command.binary.flatMap { $0.hasPrefix("/") ? PathMath.normalize($0) : nil }
        return (Launch(binary: binary, prefix: prefix, configs: configs, root: root), references)
    }
}
