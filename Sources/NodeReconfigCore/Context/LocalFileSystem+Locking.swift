#if canImport(Glibc)
import Glibc
#endif

extension LocalFileSystem {
    public func tryLock(_ path: String, holder: [UInt8]) throws(SystemError) -> FileLock? {
        let fd = try Self.open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644, "open")
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(fd)
            if code == EWOULDBLOCK { return nil }
            throw SystemError("flock", path, code)
        }
        do {
            try SystemError.retrying("ftruncate", path) { ftruncate(fd, 0) }
            try SystemError.retrying("lseek", path) { lseek(fd, 0, SEEK_SET) }
            try Self.writeAll(fd, holder, path)
            try SystemError.retrying("fsync", path) { fsync(fd) }
        } catch {
            close(fd)
            throw error
        }
        return FileLock(path: path, descriptor: fd)
    }

    public func unlock(_ lock: FileLock) {
        // The pid inside goes first, so a reader never names a process that has let go.
        _ = ftruncate(lock.descriptor, 0)
        _ = flock(lock.descriptor, LOCK_UN)
        close(lock.descriptor)
    }
}
