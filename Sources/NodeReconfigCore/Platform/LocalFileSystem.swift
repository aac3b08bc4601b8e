#if canImport(Glibc)
import Glibc
#endif

/// The real `FileSystem`: direct system calls, each through `SystemError.retrying` so EINTR
/// (a signal arriving mid-call) is retried rather than reported.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func status(_ path: String) throws(SystemError) -> FileStatus? {
        var info = stat()
        while lstat(path, &info) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == ENOENT || code == ENOTDIR { return nil }
            throw SystemError("lstat", path, code)
        }
        let type: FileStatus.FileType
        switch info.st_mode & 0o170000 {
        case 0o100000: type = .regular
        case 0o040000: type = .directory
        case 0o120000: type = .symlink
        default: type = .other
        }
        return FileStatus(type: type, mode: UInt32(info.st_mode & 0o7777), uid: info.st_uid,
                          gid: info.st_gid, size: Int(info.st_size))
    }

    public func currentDirectory() throws(SystemError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        try SystemError.retrying("getcwd", ".") { getcwd(&buffer, buffer.count) == nil ? -1 : 0 }
        let path = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Linux may answer "(unreachable)/…" for a directory outside this process's root.
        guard path.hasPrefix("/") else { throw SystemError("getcwd", path, ENOENT) }
        return path
    }

    /// The whole file. Read straight into an array of the size `fstat` reports (no growth, no
    /// chunk copies: a 50 MB file costs 50 MB), then on to the end, so a file that grew while
    /// read, or one reporting size 0 (`/proc`), is read whole, and one that shrank is cut short.
    public func readFile(_ path: String) throws(SystemError) -> [UInt8] {
        let fd = try Self.open(path, O_RDONLY | O_CLOEXEC, 0, "open")
        defer { close(fd) }
        var info = stat()
        try SystemError.retrying("fstat", path) { fstat(fd, &info) }
        let size = info.st_mode & 0o170000 == 0o100000 ? max(0, Int(info.st_size)) : 0
        var failure: SystemError?
        var result = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                do throws(SystemError) {
                    let got = try SystemError.retrying("read", path) { read(fd, buffer.baseAddress! + count, size - count) }
                    if got == 0 { return }
                    count += got
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        if result.count < size { return result }
        // At the reported size: read on until end of file.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = try SystemError.retrying("read", path) {
                chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    public func readLink(_ path: String) throws(SystemError) -> String {
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = try SystemError.retrying("readlink", path) {
            buffer.withUnsafeMutableBufferPointer { readlink(path, $0.baseAddress!, 4096) }
        }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func listDirectory(_ path: String) throws(SystemError) -> [String] {
        guard let dir = opendir(path) else { throw SystemError("opendir", path, errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public func createDirectory(_ path: String, mode: UInt32) throws(SystemError) {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            while mkdir(current, mode_t(mode)) != 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EEXIST { break }
                throw SystemError("mkdir", current, code)
            }
        }
    }

    // MARK: the run lock

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

    /// `open(2)` with EINTR retry.
    static func open(_ path: String, _ flags: Int32, _ mode: UInt32, _ operation: String) throws(SystemError) -> Int32 {
        try SystemError.retrying(operation, path) { Glibc.open(path, flags, mode_t(mode)) }
    }

    /// Writes all of `bytes` to `fd`, resuming after partial writes.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let written = try SystemError.retrying("write", path) {
                bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            }
            offset += written
        }
    }
}
