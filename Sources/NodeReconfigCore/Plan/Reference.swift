/// A file that a configuration file names, as its handler reads it: what discovery follows
/// (SPEC "It follows the node's own references"). Each kind says what it names (a unit its
/// `EnvironmentFile=`, nginx its `include`s, a kubeconfig its TLS files, …); discovery resolves
/// the path under `--root`, reads the file and attributes it by this use.
public struct Reference: Sendable, Equatable {
    /// What is at the path.
    public enum Target: Sendable, Equatable {
        /// A configuration file of this kind: read, planned and rewritten like any found file.
        case file(FileKind)
        /// kube-proxy's `--config` file: read only for the kubeconfig it names
        /// (`clientConnection.kubeconfig`), never planned.
        case kubeProxyConfig
        /// A TLS file or token: recorded for the preflight, never read, planned, printed or copied.
        /// `owner`: a kubeconfig's cluster or user entry (`cluster kubernetes`).
        case credential(CredentialReference.Target, CredentialReference.Purpose, owner: String? = nil)
        /// A `hostPath:` a static pod's container mounts: the files found at or under it are used
        /// by that container (restarted through the container runtime when they change); the
        /// mount adds no file of its own.
        case podMount(StaticPod)
        /// A credential written into the naming file itself (a kubeconfig's `…-data:`, `token:`):
        /// recorded by where it is; the path is empty.
        case writtenCredential(CredentialReference.Target, CredentialReference.Purpose, owner: String? = nil)
    }

    /// Where a relative path starts.
    public enum Base: Sendable, Equatable {
        /// The naming file's directory (a kubeconfig's TLS files).
        case namingFile
        /// This node directory (nginx's includes start at the main configuration's directory).
        case directory(String)
        /// A relative path cannot be placed (systemd requires absolute `EnvironmentFile=` paths;
        /// nginx's `-c` without `-p` starts at a prefix compiled into the binary): not followed,
        /// and reported.
        case none
    }

    public var target: Target
    /// The path as written: absolute, relative, or (with `isGlob`) a pattern.
    public var path: String
    public var base: Base
    /// 0-based line of the naming file.
    public var line: Int
    /// How the file names it, for `detect`'s "found by": `EnvironmentFile=`, `include`, `--kubeconfig`.
    public var label: String
    /// A missing file is normal (`EnvironmentFile=-…`, a default path): nothing is reported.
    public var isOptional: Bool
    /// `*`, `?` in the last component match names (nginx `include conf.d/*.conf`); no match is normal.
    public var isGlob: Bool
    /// A directory at the path stands for its files ending so, in name order (haproxy `-f DIR`: `.cfg`).
    public var directorySuffix: String?
    /// How the named file is used, when not as the naming file is (a static pod's kubeconfig is
    /// its container's program's; an nginx include is checked through the main configuration).
    public var use: FileUse?
    /// Why the path names no file that can be followed (`. $DIR/common`: computed by the shell);
    /// reported as a finding.
    public var unfollowable: String?

    public init(_ target: Target, path: String, base: Base = .namingFile, line: Int, label: String, isOptional: Bool = false,
                isGlob: Bool = false, directorySuffix: String? = nil, use: FileUse? = nil) {
        self.target = target
        self.path = path
        self.base = base
        self.line = line
        self.label = label
        self.isOptional = isOptional
        self.isGlob = isGlob
        self.directorySuffix = directorySuffix
        self.use = use
    }

    /// The node path this reference names, or nil when it cannot be placed (a relative path
    /// with `.none`). Normalised; may start with `/..` when it leaves the root (refused later).
    /// `path` as a file named in `namingPath` means it: absolute as it is, else from the naming
    /// file's folder (kubeconfig credentials, `.include`); normalised.
    public static func nodePath(_ path: String, besides namingPath: String) -> String {
        PathMath.normalize(path.hasPrefix("/") ? path : PathMath.join(PathMath.dirname(namingPath), path))
    }

    public func nodePath(namedIn namingPath: String) -> String? {
        if path.hasPrefix("/") { return PathMath.normalize(path) }
        switch base {
        case .namingFile: return Self.nodePath(path, besides: namingPath)
        case .directory(let directory): return PathMath.normalize(PathMath.join(directory, path))
        case .none: return nil
        }
    }
}

/// What a handler knows about the file whose references it reads.
public struct ReferenceContext: Sendable, Equatable {
    /// The naming file's node path.
    public var displayPath: String
    /// How the naming file is used (its program says which flags name files).
    public var use: FileUse
    /// `--root`.
    public var root: String

    public init(displayPath: String, use: FileUse, root: String) {
        self.displayPath = displayPath
        self.use = use
        self.root = root
    }
}

/// How a file was found, for `detect` (human: `found by: …`; JSON: `found_by`).
public enum FoundBy: Sendable, Hashable, CustomStringConvertible {
    /// A well-known path of the catalog.
    case catalog
    /// `--file=KIND:PATH`.
    case fileOption
    /// A unit in a systemd directory, recognised by the program its `ExecStart=` runs.
    case unitRunning(program: String)
    /// A drop-in of a unit found so.
    case dropIn(unit: String)
    /// Named by another file: `include in /etc/nginx/nginx.conf:12`.
    case reference(label: String, path: String, line: Int)

    public var description: String {
        switch self {
        case .catalog: return "catalog"
        case .fileOption: return "--file"
        case .unitRunning(let program): return "unit running \(program)"
        case .dropIn(let unit): return "drop-in of \(unit)"
        case .reference(let label, let path, let line): return "\(label) in \(path):\(line)"
        }
    }
}
