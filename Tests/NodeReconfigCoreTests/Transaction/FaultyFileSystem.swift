import Foundation
@testable import NodeReconfigCore

/// `LocalFileSystem` on a temp dir that fails the Nth call of one operation (EIO), counts every
/// operation, and can make renames onto existing files fail with EBUSY (a bind mount).
final class FaultyFileSystem: FileSystem, @unchecked Sendable {
    let base = LocalFileSystem()
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    /// Fail call number `occurrence` (1-based) of `operation`.
    var fault: (operation: String, occurrence: Int)?
    /// Fail every call of `operation` from call number `from` on.
    var failFrom: (operation: String, from: Int)?
    var busyRenames = false
    /// Call number `tornNewFile` (1-based) of `writeNewFile` creates the file with only half the
    /// bytes, then fails with ENOSPC: a disk that filled up mid-write.
    var tornNewFile: Int?

    init(fault: (operation: String, occurrence: Int)? = nil) { self.fault = fault }

    var operationCounts: [String: Int] { lock.withLock { counts } }

    private func check(_ operation: String, _ path: String) throws(SystemError) {
        let n: Int = lock.withLock {
            counts[operation, default: 0] += 1
            return counts[operation]!
        }
        if let fault, fault.operation == operation, fault.occurrence == n { throw SystemError(operation, path, EIO) }
        if let failFrom, failFrom.operation == operation, n >= failFrom.from { throw SystemError(operation, path, EIO) }
    }

    func status(_ path: String) throws(SystemError) -> FileStatus? { try check("status", path); return try base.status(path) }
    func readFile(_ path: String) throws(SystemError) -> [UInt8] { try check("readFile", path); return try base.readFile(path) }
    func readLink(_ path: String) throws(SystemError) -> String { try check("readLink", path); return try base.readLink(path) }
    func listDirectory(_ path: String) throws(SystemError) -> [String] { try check("listDirectory", path); return try base.listDirectory(path) }
    func createDirectory(_ path: String, mode: UInt32) throws(SystemError) { try check("createDirectory", path); try base.createDirectory(path, mode: mode) }
    func writeNewFile(_ path: String, bytes: [UInt8], mode: UInt32) throws(SystemError) {
        try check("writeNewFile", path)
        if let tornNewFile, operationCounts["writeNewFile"] == tornNewFile {
            try base.writeNewFile(path, bytes: Array(bytes.prefix(bytes.count / 2)), mode: mode)
            throw SystemError("write", path, ENOSPC)
        }
        try base.writeNewFile(path, bytes: bytes, mode: mode)
    }
    func overwriteInPlace(_ path: String, bytes: [UInt8]) throws(SystemError) { try check("overwriteInPlace", path); try base.overwriteInPlace(path, bytes: bytes) }
    func setOwner(_ path: String, uid: UInt32, gid: UInt32) throws(SystemError) { try check("setOwner", path); try base.setOwner(path, uid: uid, gid: gid) }
    func setMode(_ path: String, mode: UInt32) throws(SystemError) { try check("setMode", path); try base.setMode(path, mode: mode) }
    func extendedAttributes(_ path: String) throws(SystemError) -> [String: [UInt8]] { try check("extendedAttributes", path); return try base.extendedAttributes(path) }
    func setExtendedAttribute(_ path: String, name: String, value: [UInt8]) throws(SystemError) {
        try check("setExtendedAttribute", path)
        try base.setExtendedAttribute(path, name: name, value: value)
    }
    func rename(_ from: String, to: String) throws(SystemError) {
        try check("rename", to)
        if busyRenames, try base.status(to) != nil { throw SystemError("rename", to, EBUSY) }
        try base.rename(from, to: to)
    }
    func fsyncDirectory(_ path: String) throws(SystemError) { try check("fsyncDirectory", path); try base.fsyncDirectory(path) }
    func remove(_ path: String) throws(SystemError) { try check("remove", path); try base.remove(path) }
    func appendToFile(_ path: String, bytes: [UInt8], mode: UInt32) throws(SystemError) {
        try check("appendToFile", path)
        try base.appendToFile(path, bytes: bytes, mode: mode)
    }
    func tryLock(_ path: String, holder: [UInt8]) throws(SystemError) -> FileLock? { try check("tryLock", path); return try base.tryLock(path, holder: holder) }
    func unlock(_ lock: FileLock) { base.unlock(lock) }
}
