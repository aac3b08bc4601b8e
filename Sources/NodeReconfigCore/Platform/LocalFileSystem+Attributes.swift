#if canImport(Glibc)
import Glibc
#endif

/// The xattr calls, looked up in libc at run time: Swift's Glibc module does not export
/// <sys/xattr.h>.
private enum XattrCalls {
    typealias List = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<CChar>?, Int) -> Int
    typealias Get = @convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafeMutableRawPointer?, Int) -> Int
    typealias Set = @convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafeRawPointer?, Int, Int32) -> Int32

    static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }
}

private func llistxattr(_ path: String, _ list: UnsafeMutablePointer<CChar>?, _ size: Int) -> Int {
    guard let call = XattrCalls.symbol("llistxattr", as: XattrCalls.List.self) else { errno = ENOTSUP; return -1 }
    return call(path, list, size)
}

private func lgetxattr(_ path: String, _ name: String, _ value: UnsafeMutableRawPointer?, _ size: Int) -> Int {
    guard let call = XattrCalls.symbol("lgetxattr", as: XattrCalls.Get.self) else { errno = ENOTSUP; return -1 }
    return call(path, name, value, size)
}

private func lsetxattr(_ path: String, _ name: String, _ value: UnsafeRawPointer?, _ size: Int, _ flags: Int32) -> Int32 {
    guard let call = XattrCalls.symbol("lsetxattr", as: XattrCalls.Set.self) else { errno = ENOTSUP; return -1 }
    return call(path, name, value, size, flags)
}

extension LocalFileSystem {
    /// Every extended attribute of `path` (not following symlinks): `security.selinux`,
    /// `user.*`, … An unsupporting file system (ENOTSUP) has none.
    public func extendedAttributes(_ path: String) throws(SystemError) -> [String: [UInt8]] {
        let size = try Self.xattrCall("llistxattr", path) { llistxattr(path, nil, 0) }
        guard size > 0 else { return [:] }
        var names = [CChar](repeating: 0, count: size)
        let filled = try Self.xattrCall("llistxattr", path) {
            names.withUnsafeMutableBufferPointer { llistxattr(path, $0.baseAddress, size) }
        }
        var result: [String: [UInt8]] = [:]
        for raw in names[0..<filled].split(separator: 0) {
            let name = String(decoding: raw.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let length = try Self.xattrCall("lgetxattr", path) { lgetxattr(path, name, nil, 0) }
            var value = [UInt8](repeating: 0, count: length)
            let got = try Self.xattrCall("lgetxattr", path) {
                value.withUnsafeMutableBytes { lgetxattr(path, name, $0.baseAddress, length) }
            }
            result[name] = Array(value[0..<got])
        }
        return result
    }

    public func setExtendedAttribute(_ path: String, name: String, value: [UInt8]) throws(SystemError) {
        try SystemError.retrying("lsetxattr \(name)", path) {
            value.withUnsafeBytes { lsetxattr(path, name, $0.baseAddress, $0.count, 0) }
        }
    }

    /// EINTR retry; ENOTSUP (no xattrs on this file system) reads as "none".
    private static func xattrCall(_ operation: String, _ path: String, _ body: () -> Int) throws(SystemError) -> Int {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            if code == ENOTSUP { return 0 }
            throw SystemError(operation, path, code)
        }
    }
}
