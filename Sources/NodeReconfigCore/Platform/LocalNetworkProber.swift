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
