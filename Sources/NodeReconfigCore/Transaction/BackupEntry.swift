/// One file in a backup set's manifest.
public struct BackupEntry: Codable, Sendable, Equatable {
    /// Absolute host path that was written.
    public var path: String
    /// The path as the operator knows it.
    public var displayPath: String
    public var component: String
    public var kind: String
    public var services: [String]
    /// The copy's file name inside the set directory.
    public var copy: String
    public var sha256Before: String
    public var sha256After: String
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32
    /// Extended attributes of the original: name → value in hex (SELinux labels, not secrets).
    public var xattrs: [String: String]
    public var needsDaemonReload: Bool

    public init(path: String, displayPath: String, component: String, kind: String, services: [String], copy: String,
                sha256Before: String, sha256After: String, mode: UInt32, uid: UInt32, gid: UInt32,
                xattrs: [String: String], needsDaemonReload: Bool) {
        self.path = path
        self.displayPath = displayPath
        self.component = component
        self.kind = kind
        self.services = services
        self.copy = copy
        self.sha256Before = sha256Before
        self.sha256After = sha256After
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.xattrs = xattrs
        self.needsDaemonReload = needsDaemonReload
    }

    /// The status the restored file must have.
    var status: FileStatus { FileStatus(type: .regular, mode: mode, uid: uid, gid: gid, size: 0) }

    /// The extended attributes as bytes.
    var attributeValues: [String: [UInt8]] { xattrs.mapValues(Hex.decode) }
}
