#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: what was attempted, on which path, and the errno it returned.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var errno: Int32

    public init(_ operation: String, _ path: String, _ errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    public var description: String {
        "\(operation) \(path): \(String(cString: strerror(errno))) (errno \(errno))"
    }

    /// EACCES or EPERM: the user running node-reconfig may not do this.
    public var isPermissionDenied: Bool { errno == EACCES || errno == EPERM }

    /// Runs `body` until it does not fail with EINTR; throws `SystemError` for any other
    /// negative result. Returns the call's result.
    @discardableResult
    public static func retrying<T: BinaryInteger>(_ operation: String, _ path: String, _ body: () -> T) throws(SystemError) -> T {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemError(operation, path, code)
        }
    }
}
