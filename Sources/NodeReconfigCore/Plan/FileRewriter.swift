/// Rewrites one file in memory: targets × document → patches → new bytes, plus the edit report.
/// Pure: no I/O. Refuses (throws) on unparseable files and ambiguous rewrites.
public struct FileRewriter: Sendable {
    public var targets: Targets

    public init(targets: Targets) {
        self.targets = targets
    }

    public func plan(_ file: DiscoveredFile) throws(NodeReconfigError) -> FilePlan {
        let source: SourceText
        do { source = try SourceText(bytes: file.bytes) } catch { throw .format(path: file.displayPath, error) }
        do {
            switch file.kind {
            case .nginx, .haproxy:
                return try PoolRewriter(targets: targets).plan(file, source: source)
            case .kubeconfig:
                return try planKubeconfig(file, source: source)
            default:
                let sites = try Self.sites(kind: file.kind, source: source)
                let (patches, edits) = try decide(sites, path: file.displayPath)
                return FilePlan(file: file, updated: try source.applying(patches).bytes, edits: edits)
            }
        } catch let error as FormatError {
            throw .format(path: file.displayPath, error)
        } catch let error as NodeReconfigError {
            throw error
        } catch {
            throw .internalError("\(error)")
        }
    }

    /// Sites of every kind but the load balancers.
    static func sites(kind: FileKind, source: SourceText) throws(FormatError) -> [Site] {
        switch kind {
        case .env: return SiteExtractor.sites(in: try EnvFile(source))
        case .unit: return SiteExtractor.sites(in: try SystemdUnit(source))
        case .manifest: return SiteExtractor.sites(in: try PodManifest(source))
        case .kubeconfig: return SiteExtractor.sites(in: try Kubeconfig(source))
        case .etcdYAML: return SiteExtractor.sites(in: try EtcdConfigYAML(source))
        case .nginx, .haproxy: return []
        }
    }

    /// The new value for a role, or nil when the operator did not ask to change it.
    func target(for role: Role) -> String? {
        switch role {
        case .master: return targets.master?.description
        case .etcd: return targets.etcdList
        case .members: return targets.membersList
        case .pool: return nil
        }
    }

    /// Applies the value rules to each site; sites whose role was not asked for are left out.
    func decide(_ sites: [Site], path: String) throws(NodeReconfigError) -> ([Patch], [FileEdit]) {
        var patches: [Patch] = []
        var edits: [FileEdit] = []
        for site in sites {
            guard let target = target(for: site.role) else { continue }
            let current = site.token.text
            switch ValueRule.decide(current: current, role: site.role, target: target) {
            case .rewrite(let new):
                do { patches.append(try site.token.patch(with: new)) } catch { throw .format(path: path, error) }
                edits.append(FileEdit(role: site.role, label: site.label, line: site.lineNumber, before: current, after: new, outcome: .changed))
            case .unchanged:
                edits.append(FileEdit(role: site.role, label: site.label, line: site.lineNumber, before: current, after: current, outcome: .unchanged))
            case .skip(let reason):
                edits.append(FileEdit(role: site.role, label: site.label, line: site.lineNumber, before: current, after: current, outcome: .skipped, reason: reason))
            case .refuse(let message):
                throw .ambiguous(path: path, line: site.lineNumber, message: message)
            }
        }
        return (patches, edits)
    }
}
