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
        OpenShiftMasterHandler(), OpenShiftNodeHandler(), CalicoctlHandler(), JSONHandler(), CorefileHandler(), KeepalivedHandler(),
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

    /// The control-plane values the file holds now, for `detect`, as `use` reads them.
    func detect(_ source: SourceText, use: FileUse, lbPool: String?) throws(FormatError) -> [DetectedValue]

    /// The files this one names (SPEC "It follows the node's own references"), as the program
    /// that uses it reads them: what discovery follows. None by default.
    func references(in source: SourceText, context: ReferenceContext) throws(FormatError) -> [Reference]

    /// True when the file holds an apiserver pool (a node-local load balancer's).
    func holdsApiserverPool(_ source: SourceText, lbPool: String?) -> Bool

    /// What the operator should know about the file itself (`detect`'s notes): a setting its
    /// program ignores. None by default.
    func notes(on source: SourceText, path: String) -> [Finding]

    /// Parses `source` and nothing else: the check that rewritten bytes read back.
    func check(_ source: SourceText) throws(FormatError)

    /// How a written file is checked by the real program before any reload; nil when none does.
    var validation: Validation? { get }

    /// How `file`, written, is checked: `validation`, unless what uses the file says more (a
    /// load balancer's unit names its binary, prefix and main configuration).
    func validation(for file: DiscoveredFile) -> Validation?

    /// A changed file of this kind needs `daemon-reload` before restarts (units, drop-ins).
    var needsDaemonReload: Bool { get }

    /// A change is picked up by restarting the service the file belongs to. False where
    /// something else picks it up (kubelet recreates a static pod from its manifest).
    var restartsItsService: Bool { get }

    /// Component and services of a `--file` of this kind whose name says nothing more (an nginx
    /// file is the load balancer's, reloaded as `nginx`); nil when the kind alone says nothing.
    var fallbackUse: (component: Component, services: [String])? { get }

    /// Settings the file gives its service, read (never rewritten) for the preflight and the
    /// health gate: flags by normalised name (`hostname-override`), variables by name
    /// (`ETCD_ADVERTISE_CLIENT_URLS`), top-level YAML keys (`advertise-client-urls`).
    func settings(in source: SourceText) throws(FormatError) -> [Setting]

    /// The servers the file's clients talk to and the credentials they present there
    /// (kubeconfig clusters). `root` is `--root`, under which the paths the file names live.
    func clients(in source: SourceText, file: DiscoveredFile, root: String) throws(FormatError) -> [ServerClient]

    /// The `livenessProbe`s of the file's containers (static pod manifests).
    func livenessProbes(in source: SourceText) throws(FormatError) -> [HTTPGetAction]

    /// Addresses the file's program may bring up on this host and move away (keepalived's
    /// `virtual_ipaddress`): no load-balancer pool may receive them. None by default.
    func virtualAddresses(in source: SourceText) -> [String]
}

/// One setting a file gives its service (`FileHandler.settings`).
public struct Setting: Sendable, Equatable {
    public var name: String
    public var value: String
    /// 1-based.
    public var line: Int

    public init(name: String, value: String, line: Int) {
        self.name = name
        self.value = value
        self.line = line
    }
}

/// A server a file's client talks to (a kubeconfig cluster's `server:`) and what it presents there.
public struct ServerClient: Sendable, Equatable {
    public var server: String
    public var credentials: TargetCredentials

    public init(server: String, credentials: TargetCredentials) {
        self.server = server
        self.credentials = credentials
    }
}

extension FileHandler {
    public var catalog: [CatalogEntry] { [] }
    public var validation: Validation? { nil }
    public func validation(for file: DiscoveredFile) -> Validation? { validation }
    public func references(in source: SourceText, context: ReferenceContext) throws(FormatError) -> [Reference] { [] }
    public func holdsApiserverPool(_ source: SourceText, lbPool: String?) -> Bool { false }
    public func notes(on source: SourceText, path: String) -> [Finding] { [] }
    public var needsDaemonReload: Bool { false }
    public var restartsItsService: Bool { true }
    public var fallbackUse: (component: Component, services: [String])? { nil }
    public func settings(in source: SourceText) throws(FormatError) -> [Setting] { [] }
    public func clients(in source: SourceText, file: DiscoveredFile, root: String) throws(FormatError) -> [ServerClient] { [] }
    public func livenessProbes(in source: SourceText) throws(FormatError) -> [HTTPGetAction] { [] }
    public func virtualAddresses(in source: SourceText) -> [String] { [] }
}

extension NodeReconfigError {
    /// Runs a format step on the file at `path`, naming the file in its error.
    static func reading<T>(_ path: String, _ body: () throws(FormatError) -> T) throws(NodeReconfigError) -> T {
        do { return try body() } catch { throw .format(path: path, error) }
    }
}
