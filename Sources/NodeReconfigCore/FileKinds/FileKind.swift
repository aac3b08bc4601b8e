/// A kind of configuration file (`--file=KIND:PATH`'s KIND, JSON `kind`, the backup manifest's
/// `kind`), and the one list of handlers that know each kind end to end.
///
/// Adding a kind is one handler file plus its tests (docs/DESIGN.md, "Add a file kind"): the
/// handler declares its `FileKind` and is listed once in `FileKind.handlers`. Nothing else in
/// the core switches on the kind.
public struct FileKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// A kind node-reconfig knows (one of `allCases`); nil for any other name.
    public init?(rawValue: String) {
        guard Self.handlers.contains(where: { $0.kind.rawValue == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    /// For a handler declaring its own kind.
    init(name: String) {
        rawValue = name
    }

    public var description: String { rawValue }

    /// The handler of this kind.
    public var handler: any FileHandler {
        guard let handler = Self.handlers.first(where: { $0.kind == self }) else {
            preconditionFailure("file kind '\(rawValue)' has no handler in FileKind.handlers")
        }
        return handler
    }

    /// Every kind, in the order help lists them.
    public static var allCases: [FileKind] { handlers.map(\.kind) }

    /// Every handler, once, in the order files are reported (and `--file`'s KIND list in help).
    static let handlers: [any FileHandler] = [
        KubeconfigHandler(), ManifestHandler(), EnvHandler(), NginxHandler(), HAProxyHandler(), LvscareHandler(), EtcdYAMLHandler(),
        RancherConfigHandler(), UnitHandler(),
    ]
}

/// One kind of configuration file, end to end: how it is parsed, which values it exposes, how
/// they are rewritten, how the written file is checked, and what picks a change up. Handlers are
/// pure (no I/O): the planner hands them bytes, the transaction asks them how to validate and
/// whether units must be reloaded.
public protocol FileHandler: Sendable {
    var kind: FileKind { get }

    /// The well-known paths of this kind (SPEC "Where it looks"), with the component and the
    /// services each belongs to: the kind's part of the catalog.
    var catalog: [CatalogEntry] { get }

    /// Rewrites `file` in memory for the operator's targets: the new bytes and what changed.
    /// Throws when the file cannot be parsed or the rewrite would be a guess; nothing is written.
    func plan(_ file: DiscoveredFile, source: SourceText, targets: Targets) throws(NodeReconfigError) -> FilePlan

    /// The control-plane values the file holds now, for `detect`.
    func detect(_ source: SourceText, lbPool: String?) throws(FormatError) -> [DetectedValue]

    /// Parses `source` and nothing else: the check that rewritten bytes read back.
    func check(_ source: SourceText) throws(FormatError)

    /// How a written file is checked by the real program before any reload; nil when none does.
    var validation: Validation? { get }

    /// A changed file of this kind needs `daemon-reload` before restarts (units, drop-ins).
    var needsDaemonReload: Bool { get }

    /// A change is picked up by restarting the service the file belongs to. False where
    /// something else picks it up (kubelet recreates a static pod from its manifest).
    var restartsItsService: Bool { get }

    /// Component and services of a `--file` of this kind whose name says nothing more (an nginx
    /// file is the load balancer's, reloaded as `nginx`); nil when the kind alone says nothing.
    var fallbackUse: (component: Component, services: [String])? { get }
}

extension FileHandler {
    public var catalog: [CatalogEntry] { [] }
    public var validation: Validation? { nil }
    public var needsDaemonReload: Bool { false }
    public var restartsItsService: Bool { true }
    public var fallbackUse: (component: Component, services: [String])? { nil }
}

extension NodeReconfigError {
    /// Runs a format step on the file at `path`, naming the file in its error.
    static func reading<T>(_ path: String, _ body: () throws(FormatError) -> T) throws(NodeReconfigError) -> T {
        do { return try body() } catch { throw .format(path: path, error) }
    }
}
