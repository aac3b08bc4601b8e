#if canImport(Glibc)
import Glibc
#endif

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
