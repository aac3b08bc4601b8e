import Foundation
import Glibc
@testable import NodeReconfigCore

/// `LocalFileSystem` that answers EACCES for every path `denied` says (a fault, as a non-root
/// user meets it), and records every path it was asked to read.
final class DeniedFileSystem: FileSystem, @unchecked Sendable {
    let base = LocalFileSystem()
    let denied: @Sendable (String) -> Bool
    private let lock = NSLock()
    private var touched: [String] = []

    init(denied: @escaping @Sendable (String) -> Bool) { self.denied = denied }

    /// Every path asked for (status, read, readlink, list), in order.
    var paths: [String] { lock.withLock { touched } }

    private func check(_ operation: String, _ path: String) throws(SystemError) {
        lock.withLock { touched.append(path) }
        if denied(path) { throw SystemError(operation, path, EACCES) }
    }

    func status(_ path: String) throws(SystemError) -> FileStatus? { try check("lstat", path); return try base.status(path) }
    func readFile(_ path: String) throws(SystemError) -> [UInt8] { try check("open", path); return try base.readFile(path) }
    func readLink(_ path: String) throws(SystemError) -> String { try check("readlink", path); return try base.readLink(path) }
    func listDirectory(_ path: String) throws(SystemError) -> [String] { try check("opendir", path); return try base.listDirectory(path) }
    func currentDirectory() throws(SystemError) -> String { try base.currentDirectory() }
    func createDirectory(_ path: String, mode: UInt32) throws(SystemError) { try check("mkdir", path); try base.createDirectory(path, mode: mode) }
    func writeNewFile(_ path: String, bytes: [UInt8], mode: UInt32) throws(SystemError) { try check("open", path); try base.writeNewFile(path, bytes: bytes, mode: mode) }
    func overwriteInPlace(_ path: String, bytes: [UInt8]) throws(SystemError) { try check("open", path); try base.overwriteInPlace(path, bytes: bytes) }
    func setOwner(_ path: String, uid: UInt32, gid: UInt32) throws(SystemError) { try base.setOwner(path, uid: uid, gid: gid) }
    func setMode(_ path: String, mode: UInt32) throws(SystemError) { try base.setMode(path, mode: mode) }
    func extendedAttributes(_ path: String) throws(SystemError) -> [String: [UInt8]] { try base.extendedAttributes(path) }
    func setExtendedAttribute(_ path: String, name: String, value: [UInt8]) throws(SystemError) {
        try base.setExtendedAttribute(path, name: name, value: value)
    }
    func rename(_ from: String, to: String) throws(SystemError) { try base.rename(from, to: to) }
    func fsyncDirectory(_ path: String) throws(SystemError) { try base.fsyncDirectory(path) }
    func remove(_ path: String) throws(SystemError) { try base.remove(path) }
    func appendToFile(_ path: String, bytes: [UInt8], mode: UInt32) throws(SystemError) { try base.appendToFile(path, bytes: bytes, mode: mode) }
    func tryLock(_ path: String, holder: [UInt8]) throws(SystemError) -> FileLock? { try check("open", path); return try base.tryLock(path, holder: holder) }
    func unlock(_ lock: FileLock) { base.unlock(lock) }
}
