/// One discovery run: the files found so far (one per real file), every use each was reached
/// by, and the files still to read for the references they hold. References are followed
/// transitively; a file is read once per distinct use, so cycles end.
struct DiscoveryWalk {
    /// A file to read for its references, as one of its users uses it.
    struct Visit: Hashable {
        var hostPath: String
        var use: FileUse
    }

    /// What is at a node path, symlinks followed inside the root.
    enum Found {
        case file(hostPath: String, linkTarget: String?, bytes: [UInt8])
        case directory(hostPath: String)
        /// Nothing, or a symlink to nothing (`linkTarget`).
        case absent(linkTarget: String?)
        case other
    }

    let discovery: Discovery
    var files: [DiscoveredFile] = []
    /// Every use each file was reached by (merged into its attribution at the end).
    var uses: [[FileUse]] = []
    var byHostPath: [String: Int] = [:]
    /// Files whose kind `--file` gives.
    var kindGiven: Set<Int> = []
    var queue: [(index: Int, use: FileUse)] = []
    var visited: Set<Visit> = []
    var credentials: [CredentialReference] = []
    var findings: [Finding] = []
    /// Files whose own notes (`FileHandler.notes`) were taken.
    var noted: Set<Int> = []
    /// The `hostPath:`s static pods mount (node paths), and the container mounting each.
    var podMounts: [(path: String, pod: StaticPod, by: FoundBy)] = []

    init(discovery: Discovery) {
        self.discovery = discovery
    }

    var root: String { discovery.root }

    mutating func run() throws(NodeReconfigError) {
        let overridden = Set(discovery.extraFiles.map { PathMath.normalize($0.path) })
        // A path the catalog names itself is read as that entry's kind, never as a glob's of
        // another kind (sealos's lvscare manifest is an lvscare pool, not any static pod).
        let named = Set(Catalog.entries.filter { !$0.path.contains(where: { "*?[".contains($0) }) }.map(\.path))
        for entry in Catalog.entries(only: discovery.only) where entry.kind != .unit {
            let isGlob = entry.path.contains(where: { "*?[".contains($0) })
            for path in try expand(entry.path) where !overridden.contains(path) && !(isGlob && named.contains(path)) {
                // A glob of any file of its kind (`/etc/kubernetes/manifests/*.yaml`) places each by its name.
                let (component, services) = entry.component == .custom ? Catalog.classify(path: path, kind: entry.kind) : (entry.component, entry.services)
                let use = FileUse(component: component, services: services, program: Program.of(component)?.name, isGuess: true)
                switch try look(path) {
                case .file(let hostPath, let link, let bytes):
                    insert(path, hostPath: hostPath, linkTarget: link, bytes: bytes, kind: entry.kind, use: use, foundBy: .catalog)
                case .absent(let link?):
                    throw NodeReconfigError.missingFile(path: path, detail: "it is a symlink to \(link), which does not exist")
                case .absent(nil), .directory, .other:
                    continue
                }
            }
        }
        try addUnits(overridden: overridden)
        for extra in discovery.extraFiles {
            let path = PathMath.normalize(extra.path)
            let (component, services) = Catalog.classify(path: path, kind: extra.kind)
            switch try look(path) {
            case .file(let hostPath, let link, let bytes):
                let use = FileUse(component: component, services: services, program: Program.of(component)?.name, isGuess: true)
                insert(path, hostPath: hostPath, linkTarget: link, bytes: bytes, kind: extra.kind, use: use, foundBy: .fileOption, kindGiven: true)
            case .absent(let link):
                throw NodeReconfigError.missingFile(path: path, detail: link.map { "it is a symlink to \($0), which does not exist" })
            case .directory, .other:
                throw NodeReconfigError.missingFile(path: path, detail: "it is not a regular file")
            }
        }
        try drain()
    }

    /// Reads the queued files for their references until none is left: first as the node's own
    /// files use them, then (for files nothing uses) as their name guesses.
    mutating func drain() throws(NodeReconfigError) {
        while true {
            try drainFound()
            if let next = queue.firstIndex(where: { uses[$0.index].allSatisfy(\.isGuess) }) {
                let visit = queue.remove(at: next)
                try process(visit.index, as: visit.use)
            } else {
                return
            }
        }
    }

    /// Reads the queued files that the node's own files use, until none is left.
    mutating func drainFound() throws(NodeReconfigError) {
        while let next = queue.firstIndex(where: { !$0.use.isGuess }) {
            let visit = queue.remove(at: next)
            try process(visit.index, as: visit.use)
        }
    }

    /// The references `file` holds as `use` reads it, followed.
    mutating func process(_ index: Int, as use: FileUse) throws(NodeReconfigError) {
        let file = files[index]
        let context = ReferenceContext(displayPath: file.displayPath, use: use, root: root)
        let references: [Reference]
        do {
            references = try file.kind.handler.references(in: SourceText(bytes: file.bytes), context: context)
        } catch {
            // Planning refuses the file where its content matters (a load balancer's only for
            // --apiservers/--drain): here it only ends the trail, and says so.
            note(.unread(path: file.displayPath, error.located(in: file.displayPath)))
            return
        }
        if noted.insert(index).inserted, let source = try? SourceText(bytes: file.bytes) {
            file.kind.handler.notes(on: source, path: file.displayPath).forEach { note($0) }
        }
        for reference in references {
            try follow(reference, namedIn: file.displayPath, use: use)
        }
    }

    /// Follows one reference of the file at `namingPath`, used as `use`.
    mutating func follow(_ reference: Reference, namedIn namingPath: String, use: FileUse) throws(NodeReconfigError) {
        let by = FoundBy.reference(label: reference.label, path: namingPath, line: reference.line + 1)
        if case .writtenCredential(let target, let purpose, let owner) = reference.target {
            record(CredentialReference(target: target, purpose: purpose, path: nil, namedBy: namingPath, line: reference.line + 1,
                                       label: reference.label, owner: owner, services: (reference.use ?? use).services))
            return
        }
        if let why = reference.unfollowable {
            note(.notFollowed(path: reference.path, namedBy: by, why: why))
            return
        }
        guard let path = reference.nodePath(namedIn: namingPath) else {
            note(.notFollowed(path: reference.path, namedBy: by, why: "it is relative, and nothing says where it starts"))
            return
        }
        if path.hasPrefix("/..") {
            throw NodeReconfigError.unsafePath(path: reference.path, detail: "named by \(by), it leaves --root")
        }
        switch reference.target {
        case .credential(let target, let purpose, let owner):
            record(CredentialReference(target: target, purpose: purpose, path: path, namedBy: namingPath, line: reference.line + 1,
                                       label: reference.label, owner: owner, services: (reference.use ?? use).services))
        case .writtenCredential:
            break
        case .kubeProxyConfig:
            try followKubeProxyConfig(path, by: by, use: use)
        case .podMount(let pod):
            if !podMounts.contains(where: { $0.path == path && $0.pod == pod }) { podMounts.append((path, pod, by)) }
        case .file(let kind):
            var named = reference.use ?? use
            named.isGuess = false
            if reference.isGlob {
                for match in try expand(path) { try add(match, kind: kind, use: named, by: by, reference: reference) }
            } else {
                try add(path, kind: kind, use: named, by: by, reference: reference)
            }
        }
    }

    /// A file named by a reference: added (or given one more use), or a directory's files, or
    /// reported missing.
    mutating func add(_ path: String, kind: FileKind, use: FileUse, by: FoundBy, reference: Reference) throws(NodeReconfigError) {
        switch try look(path) {
        case .file(let hostPath, let link, let bytes):
            insert(path, hostPath: hostPath, linkTarget: link, bytes: bytes, kind: kind, use: use, foundBy: by)
        case .directory(let hostPath):
            guard let suffix = reference.directorySuffix else {
                note(.notFollowed(path: path, namedBy: by, why: "it is a directory"))
                return
            }
            let names: [String]
            do { names = try discovery.fileSystem.listDirectory(hostPath) } catch { throw .system(error) }
            for name in names where name.hasSuffix(suffix) && !name.hasPrefix(".") {
                var one = reference
                one.directorySuffix = nil
                try add(PathMath.join(path, name), kind: kind, use: use, by: by, reference: one)
            }
        case .absent:
            if !reference.isOptional && !reference.isGlob { note(.missing(path: path, namedBy: by)) }
        case .other:
            note(.notFollowed(path: path, namedBy: by, why: "it is not a regular file"))
        }
    }

    /// kube-proxy's `--config`: a KubeProxyConfiguration, read for `clientConnection.kubeconfig`.
    mutating func followKubeProxyConfig(_ path: String, by: FoundBy, use: FileUse) throws(NodeReconfigError) {
        guard case .file(_, _, let bytes) = try look(path) else {
            note(.missing(path: path, namedBy: by))
            return
        }
        let scalar: YAMLScalar?
        do {
            scalar = try YAMLDocument(SourceText(bytes: bytes)).root?.scalar(at: ["clientConnection", "kubeconfig"])
        } catch {
            note(.unread(path: path, error.located(in: path)))
            return
        }
        guard let scalar, !scalar.text.isEmpty else { return }
        try follow(Reference(.file(.kubeconfig), path: scalar.text, base: .namingFile, line: scalar.token.line,
                             label: "clientConnection.kubeconfig"), namedIn: path, use: use)
    }

    /// Adds a file read at `path`, or one more use of a file already found (by its real path).
    @discardableResult
    mutating func insert(_ path: String, hostPath: String, linkTarget: String?, bytes: [UInt8], kind: FileKind, use: FileUse,
                         foundBy: FoundBy, kindGiven given: Bool = false) -> Int {
        let index: Int
        if let known = byHostPath[hostPath] {
            index = known
            if given {
                files[index].kind = kind
                kindGiven.insert(index)
            }
            if !files[index].foundBy.contains(foundBy) { files[index].foundBy.append(foundBy) }
            uses[index].append(use)
        } else {
            index = files.count
            byHostPath[hostPath] = index
            files.append(DiscoveredFile(displayPath: path, hostPath: hostPath, linkTarget: linkTarget, kind: kind,
                                        component: use.component, services: use.services, bytes: bytes, use: use, foundBy: [foundBy]))
            uses.append([use])
            if given { kindGiven.insert(index) }
        }
        if visited.insert(Visit(hostPath: hostPath, use: use)).inserted { queue.append((index, use)) }
        return index
    }

    /// A finding, once (a file read for two uses finds the same thing twice).
    mutating func note(_ finding: Finding) {
        if !findings.contains(finding) { findings.append(finding) }
    }

    /// A credential reference, once per setting: a file read for two services gives it both.
    mutating func record(_ credential: CredentialReference) {
        guard let known = credentials.firstIndex(where: { $0.isSameSetting(as: credential) }) else {
            credentials.append(credential)
            return
        }
        for service in credential.services where !credentials[known].services.contains(service) {
            credentials[known].services.append(service)
        }
    }

    /// The files (each attributed by all its uses; those `--only` leaves out dropped), the
    /// credentials, the findings.
    func result() -> DiscoveryResult {
        var found: [DiscoveredFile] = []
        for (index, var file) in files.enumerated() {
            file.use = FileUse.merged(uses[index])
            attributeToStaticPods(&file, guessOnly: uses[index].allSatisfy(\.isGuess))
            guard kindGiven.contains(index) || file.component.isSelected(by: discovery.only) else { continue }
            found.append(file)
        }
        var result = DiscoveryResult(files: found, credentials: credentials, findings: findings, lbPool: discovery.lbPool)
        result.localAddresses = discovery.localAddresses.map { $0.lowercased() }
        if let finding = result.loopbackFinding() { result.findings.append(finding) }
        result.findings += result.unreloadedPoolFindings()
        return result
    }
}

extension DiscoveryWalk {
    /// The static pod containers that mount `file` (its path, or a directory above it): they
    /// use it. A directory mount claims only a file nothing else was found to use, of the
    /// container's own component (kubelet's kubeconfig and kubectl's admin.conf under a mounted
    /// `/etc/kubernetes` are not kube-proxy's; KubeKey's haproxy.cfg under its mounted
    /// `/etc/kubekey/haproxy` is its haproxy's). Where only the
    /// file's name said who uses it (the catalog's `haproxy` for `/etc/haproxy/haproxy.cfg`),
    /// the pod replaces that guess: no unit of that name runs it, so none is restarted.
    func attributeToStaticPods(_ file: inout DiscoveredFile, guessOnly: Bool) {
        let paths = [file.displayPath] + (file.linkTarget.map { [$0] } ?? [])
        var pods: [StaticPod] = []
        for mount in podMounts {
            let exact = paths.contains(mount.path)
            let under = paths.contains { $0.hasPrefix(mount.path == "/" ? "/" : mount.path + "/") }
            guard exact || (under && guessOnly && file.component == mount.pod.component) else { continue }
            if !pods.contains(mount.pod) { pods.append(mount.pod) }
            if !file.foundBy.contains(mount.by) { file.foundBy.append(mount.by) }
        }
        guard !pods.isEmpty else { return }
        if guessOnly { file.services = [] }
        for pod in pods where !file.use.staticPods.contains(pod) { file.use.staticPods.append(pod) }
    }

    /// What is at `displayPath` under the root (`NodePath.resolve`), a regular file read.
    func look(_ displayPath: String) throws(NodeReconfigError) -> Found {
        switch try NodePath.resolve(displayPath, root: root, fileSystem: discovery.fileSystem) {
        case .absent(let link):
            return .absent(linkTarget: link)
        case .found(let hostPath, .regular, let link):
            do { return .file(hostPath: hostPath, linkTarget: link, bytes: try discovery.fileSystem.readFile(hostPath)) } catch { throw .system(error) }
        case .found(let hostPath, .directory, _):
            return .directory(hostPath: hostPath)
        case .found:
            return .other
        }
    }

    /// A pattern whose components hold `*`, `?` or `[…]` (`/etc/nginx/conf.d/*.conf`; in a
    /// directory component, one level of directories: `/etc/kubernetes/addons/*/*.yaml`): the
    /// matching paths, in name order, hidden names left out. Any other path is itself.
    func expand(_ pattern: String) throws(NodeReconfigError) -> [String] {
        let isGlob = { (part: Substring) in part.contains(where: { "*?[".contains($0) }) }
        let components = pattern.split(separator: "/")
        guard components.contains(where: isGlob) else { return [pattern] }
        var paths = ["/"]
        for (index, component) in components.enumerated() {
            guard isGlob(component) else {
                paths = paths.map { PathMath.join($0, String(component)) }
                continue
            }
            var next: [String] = []
            for directory in paths {
                guard case .directory(let hostDirectory) = try look(directory) else { continue }
                let names: [String]
                do {
                    names = try discovery.fileSystem.listDirectory(hostDirectory)
                } catch {
                    throw .system(error)
                }
                for name in names where !name.hasPrefix(".") && Glob.matches(Array(name), Array(component)) {
                    let path = PathMath.join(directory, name)
                    if index < components.count - 1 {
                        guard case .directory = try look(path) else { continue }
                    }
                    next.append(path)
                }
            }
            paths = next
        }
        return paths
    }
}

/// Shell-style matching of one path component: `*`, `?` and `[…]` (with `!` or `^` to negate
/// and `a-z` ranges), as nginx's `include` and systemd's globs read them.
enum Glob {
    static func matches(_ name: [Character], _ pattern: [Character]) -> Bool {
        var n = 0, p = 0
        var star: (p: Int, n: Int)? = nil
        while n < name.count {
            if p < pattern.count, pattern[p] == "*" {
                star = (p, n)
                p += 1
            } else if p < pattern.count, let next = matchOne(name[n], pattern, at: p) {
                n += 1
                p = next
            } else if let s = star {
                star = (s.p, s.n + 1)
                n = s.n + 1
                p = s.p + 1
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// When `character` matches the pattern element at `p` (`?`, a `[…]` class or a literal):
    /// the index after that element.
    private static func matchOne(_ character: Character, _ pattern: [Character], at p: Int) -> Int? {
        switch pattern[p] {
        case "?": return p + 1
        case "[":
            var i = p + 1
            let negate = i < pattern.count && (pattern[i] == "!" || pattern[i] == "^")
            if negate { i += 1 }
            var matched = false
            var first = true
            while i < pattern.count, pattern[i] != "]" || first {
                first = false
                if i + 2 < pattern.count, pattern[i + 1] == "-", pattern[i + 2] != "]" {
                    if pattern[i] <= character && character <= pattern[i + 2] { matched = true }
                    i += 3
                } else {
                    if pattern[i] == character { matched = true }
                    i += 1
                }
            }
            guard i < pattern.count else { return pattern[p] == character ? p + 1 : nil }
            return matched != negate ? i + 1 : nil
        default:
            return pattern[p] == character ? p + 1 : nil
        }
    }
}
