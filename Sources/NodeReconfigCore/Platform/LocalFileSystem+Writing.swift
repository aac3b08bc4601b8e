#if canImport(Glibc)
import Glibc
#endif

extension LocalFileSystem {
    public func writeNewFile(_ path: String, bytes: [UInt8], mode: UInt32) throws(SystemError) {
        let fd = try Self.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode, "create")
        do {
            // The umask may have narrowed `mode`; the caller asked for exactly this one.
            try SystemError.retrying("fchmod", path) { fchmod(fd, mode_t(mode)) }
            try Self.writeAll(fd, bytes, path)
            try SystemError.retrying("fsync", path) { fsync(fd) }
        } catch {
            close(fd)
            throw error
        }
        try SystemError.retrying("close", path) { close(fd) }
    }

    public func overwriteInPlace(_ path: String, bytes: [UInt8]) throws(SystemError) {
        let fd = try Self.open(path, O_WRONLY | O_TRUNC | O_CLOEXEC, 0, "open")
        defer { close(fd) }
        try Self.writeAll(fd, bytes, path)
        try SystemError.retrying("fsync", path) { fsync(fd) }
    }

    public func appendToFile(_ path: String, bytes: [UInt8], mode: UInt32) throws(SystemError) {
        let fd = try Self.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode, "open")
        defer { close(fd) }
        try Self.writeAll(fd, bytes, path)
        try SystemError.retrying("fsync", path) { fsync(fd) }
    }

    public func setOwner(_ path: String, uid: UInt32, gid: UInt32) throws(SystemError) {
        try SystemError.retrying("lchown", path) { lchown(path, uid, gid) }
    }

    public func setMode(_ path: String, mode: UInt32) throws(SystemError) {
        try SystemError.retrying("chmod", path) { chmod(path, mode_t(mode)) }
    }

    public func rename(_ from: String, to: String) throws(SystemError) {
        try SystemError.retrying("rename", "\(from) -> \(to)") { Glibc.rename(from, to) }
    }

    public func fsyncDirectory(_ path: String) throws(SystemError) {
        let fd = try Self.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0, "open")
        defer { close(fd) }
        try SystemError.retrying("fsync", path) { fsync(fd) }
    }

    public func remove(_ path: String) throws(SystemError) {
        if try status(path)?.type == .directory {
            try SystemError.retrying("rmdir", path) { rmdir(path) }
        } else {
            try SystemError.retrying("unlink", path) { unlink(path) }
        }
    }
}
