#if canImport(Glibc)
import Glibc
#endif

/// A non-blocking TCP connect in progress (or already decided).
struct PendingSocket {
    private(set) var descriptor: Int32 = -1
    /// nil while connecting or once connected; the reason otherwise.
    private(set) var failure: String?
    private(set) var isWaiting = false

    /// Resolves `host` and starts connecting to its first address.
    static func open(host: String, port: Int) -> PendingSocket {
        var result = PendingSocket()
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, String(port), &hints, &list)
        guard code == 0, let info = list else {
            result.failure = "cannot resolve host \(host)"
            return result
        }
        defer { freeaddrinfo(list) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else {
            result.failure = String(cString: strerror(errno))
            return result
        }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        result.descriptor = fd
        if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return result }
        if errno == EINPROGRESS || errno == EINTR {
            result.isWaiting = true
        } else {
            result.failure = Self.describe(errno)
        }
        return result
    }

    /// The socket became writable: read the connect's outcome.
    mutating func finish() {
        isWaiting = false
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length) != 0 { code = errno }
        if code != 0 { failure = Self.describe(code) }
    }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    static func describe(_ code: Int32) -> String {
        code == ECONNREFUSED ? "connection refused" : String(cString: strerror(code)).lowercased()
    }
}
