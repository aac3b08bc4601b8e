#if canImport(Glibc)
import Glibc
#endif

/// The real `NetworkProber`.
///
/// TCP checks are non-blocking connects on all sockets at once, waited for with one `poll`, so
/// ten unreachable endpoints cost one timeout, not ten. HTTP probes speak plain HTTP/1.0 over a
/// socket. For `https://` URLs the probe runs `curl -k` when curl is installed (status code as
/// curl reports it, certificate not verified: only liveness is asked); without curl it falls back
/// to a TCP-level check, and a connection that opens counts as 200.
public struct LocalNetworkProber: NetworkProber {
    public var processes: any ProcessRunner

    public init(processes: any ProcessRunner = LocalProcessRunner()) {
        self.processes = processes
    }

    public func connect(_ targets: [HostPort], timeout: Double) -> [String?] {
        var sockets = targets.map { PendingSocket.open(host: $0.host, port: $0.port) }
        let deadline = SystemClock().now() + timeout
        while sockets.contains(where: \.isWaiting) {
            let remaining = deadline - SystemClock().now()
            if remaining <= 0 { break }
            var polls = sockets.filter(\.isWaiting).map { pollfd(fd: $0.descriptor, events: Int16(POLLOUT), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), Int32(min(remaining, 1) * 1000) + 1)
            if ready < 0 && errno != EINTR { break }
            for entry in polls where entry.revents != 0 {
                if let index = sockets.firstIndex(where: { $0.descriptor == entry.fd && $0.isWaiting }) {
                    sockets[index].finish()
                }
            }
        }
        let seconds = timeout == timeout.rounded() ? "\(Int(timeout))" : "\(timeout)"
        return sockets.map { socket in
            defer { socket.close() }
            return socket.isWaiting ? "timed out after \(seconds) s" : socket.failure
        }
    }

    public func localAddresses() -> [String] { Platform.interfaceAddresses() }

    public func addresses(of host: String) -> [String] {
        if IPAddress.bytes(host) != nil { return [host] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [host] }
        defer { freeaddrinfo(list) }
        var found: [String] = [host]
        var entry = list
        while let info = entry {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(info.pointee.ai_addr, info.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 {
                let address = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !found.contains(address) { found.append(address) }
            }
            entry = info.pointee.ai_next
        }
        return found
    }

    public func httpStatus(_ url: String, timeout: Double) -> Int? {
        let address = Address(parsing: url[...])
        guard address.scheme != nil, let port = address.effectivePort else { return nil }
        let host = address.host
        if address.scheme == "https" {
            if processes.locate("curl") != nil {
                let command = ExternalCommand("curl", ["-k", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                                                       "--max-time", "\(Int(timeout.rounded(.up)))", url])
                guard let result = try? processes.run(command, timeout: timeout + 2), result.succeeded else { return nil }
                return Int(result.output).flatMap { $0 == 0 ? nil : $0 }
            }
            return connect([HostPort(host: host, port: port)], timeout: timeout)[0] == nil ? 200 : nil
        }
        let path = address.path.isEmpty ? "/" : address.path
        return HTTPExchange.status(host: host, port: port, path: path, timeout: timeout)
    }
}

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

/// One plain-HTTP GET over a socket, just far enough to read the status line.
enum HTTPExchange {
    static func status(host: String, port: Int, path: String, timeout: Double) -> Int? {
        let deadline = SystemClock().now() + timeout
        var socket = PendingSocket.open(host: host, port: port)
        defer { socket.close() }
        if socket.isWaiting {
            guard wait(socket.descriptor, for: Int16(POLLOUT), until: deadline) else { return nil }
            socket.finish()
        }
        guard socket.failure == nil, socket.descriptor >= 0 else { return nil }
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        let request = Array("GET \(path) HTTP/1.0\r\nHost: \(authority)\r\nUser-Agent: node-reconfig\r\nConnection: close\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            guard wait(socket.descriptor, for: Int16(POLLOUT), until: deadline) else { return nil }
            let count = request.withUnsafeBytes { send(socket.descriptor, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard count > 0 else { return nil }
            sent += count
        }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while !response.contains(UInt8(ascii: "\n")) {
            guard wait(socket.descriptor, for: Int16(POLLIN), until: deadline) else { return nil }
            let count = chunk.withUnsafeMutableBytes { recv(socket.descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if count <= 0 { break }
            response += chunk[0..<count]
        }
        // "HTTP/1.1 200 OK"
        let words = String(decoding: response.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            .split(separator: " ")
        guard words.count >= 2, words[0].hasPrefix("HTTP/") else { return nil }
        return Int(words[1])
    }

    private static func wait(_ fd: Int32, for events: Int16, until deadline: Double) -> Bool {
        while true {
            let remaining = deadline - SystemClock().now()
            if remaining <= 0 { return false }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(remaining * 1000) + 1)
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return false }
        }
    }
}
