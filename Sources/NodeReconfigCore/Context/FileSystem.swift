/// What node-reconfig does to files, as a protocol: the real one (`LocalFileSystem`) makes
/// system calls; tests wrap it to inject faults (fail the 3rd fsync, …).
///
/// All paths are absolute host paths (already joined with `--root`).
public protocol FileSystem: Sendable {
    /// `lstat`: nil when nothing is at `path`.
    func status(_ path: String) throws(SystemError) -> FileStatus?
    /// The whole file.
    func readFile(_ path: String) throws(SystemError) -> [UInt8]
    /// The target of the symlink at `path`, as stored.
    func readLink(_ path: String) throws(SystemError) -> String
    /// Names in a directory (no `.`/`..`), sorted.
    func listDirectory(_ path: String) throws(SystemError) -> [String]
    /// The process's current directory (`getcwd`): what a relative `--root` is taken from.
    func currentDirectory() throws(SystemError) -> String

    /// Creates a directory (and missing parents) with `mode`.
    func createDirectory(_ path: String, mode: UInt32) throws(SystemError)
    /// Creates `path` exclusively (O_CREAT|O_EXCL, `mode`), writes `bytes`, fsyncs, closes.
    func writeNewFile(_ path: String, bytes: [UInt8], mode: UInt32) throws(SystemError)
    /// Rewrites an existing file in place (O_TRUNC), fsyncs. Used only where rename gives EBUSY.
    func overwriteInPlace(_ path: String, bytes: [UInt8]) throws(SystemError)
    func setOwner(_ path: String, uid: UInt32, gid: UInt32) throws(SystemError)
    func setMode(_ path: String, mode: UInt32) throws(SystemError)
    /// Extended attributes (SELinux label among them): names, and each value.
    func extendedAttributes(_ path: String) throws(SystemError) -> [String: [UInt8]]
    func setExtendedAttribute(_ path: String, name: String, value: [UInt8]) throws(SystemError)
    func rename(_ from: String, to: String) throws(SystemError)
    func fsyncDirectory(_ path: String) throws(SystemError)
    func remove(_ path: String) throws(SystemError)

    /// Appends `bytes` to `path` (created with `mode` if absent, O_APPEND) and fsyncs: the journal.
    func appendToFile(_ path: String, bytes: [UInt8], mode: UInt32) throws(SystemError)
    /// Takes an exclusive `flock` on `path` (created 0644 if absent) without waiting and writes
    /// `holder` into it. nil when another process holds it. Held until `unlock` or process exit.
    func tryLock(_ path: String, holder: [UInt8]) throws(SystemError) -> FileLock?
    /// Releases a lock taken by `tryLock`.
    func unlock(_ lock: FileLock)
}

extension FileSystem {
    /// Default for file systems without one (fakes): ENOSYS, so a relative `--root` is refused.
    public func currentDirectory() throws(SystemError) -> String {
        throw SystemError("getcwd", ".", 38)
    }
    /// Default for file systems that cannot append (planning fakes): ENOSYS.
    public func appendToFile(_ path: String, bytes: [UInt8], mode: UInt32) throws(SystemError) {
        throw SystemError("append", path, 38)
    }
    /// Default for file systems that cannot lock (planning fakes): ENOSYS.
    public func tryLock(_ path: String, holder: [UInt8]) throws(SystemError) -> FileLock? {
        throw SystemError("flock", path, 38)
    }
    public func unlock(_ lock: FileLock) {}
}

/// An exclusive lock held through an open descriptor (`FileSystem.tryLock`).
public struct FileLock: Sendable, Equatable {
    public var path: String
    public var descriptor: Int32

    public init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }
}

/// What `lstat` says about a path.
public struct FileStatus: Sendable, Equatable {
    public enum FileType: Sendable, Equatable { case regular, directory, symlink, other }
    public var type: FileType
    /// Permission bits (07777).
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32
    public var size: Int

    public init(type: FileType, mode: UInt32, uid: UInt32, gid: UInt32, size: Int) {
        self.type = type
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.size = size
    }
}
