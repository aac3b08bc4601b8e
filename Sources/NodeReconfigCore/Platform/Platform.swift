#if canImport(Glibc)
import Glibc
#endif

/// The small facts and calls of the C library that the core needs outside any `Context`
/// protocol: this process's ids, whether a stream is a terminal, a file's type through links,
/// the UTC calendar, a byte comparison, what the release link says of the build. Everything else
/// goes through `Context`.
public enum Platform {
    /// This process's pid.
    public static var processID: Int32 { getpid() }

    /// The effective user id (0 for root).
    public static var effectiveUserID: UInt32 { geteuid() }

    /// This machine's host name (`gethostname`): kubelet's node name unless overridden.
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The IPv4 and IPv6 addresses of this machine's interfaces (`getifaddrs`), loopback
    /// included, each once, in the kernel's order: the own-address rule's addresses when
    /// `--root` is `/` (SPEC "Values"). IPv6 link-local addresses keep no zone. Empty when the
    /// call fails.
    public static func interfaceAddresses() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(first) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            cursor = entry.pointee.ifa_next
            guard let socketAddress = entry.pointee.ifa_addr else { continue }
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
            var written: UnsafePointer<CChar>?
            switch Int32(socketAddress.pointee.sa_family) {
            case AF_INET:
                written = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet4 in
                    var address = inet4.pointee.sin_addr
                    return inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
                }
            case AF_INET6:
                written = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { inet6 in
                    var address = inet6.pointee.sin6_addr
                    return inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
                }
            default:
                continue
            }
            guard written != nil else { continue }
            let address = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !addresses.contains(address) { addresses.append(address) }
        }
        return addresses
    }

    /// True when standard error is a terminal.
    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// True when `path` is a regular file, following symbolic links (`stat`).
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The UTC calendar fields of `seconds` since 1970 (`gmtime_r`).
    public static func utc(_ seconds: Double) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour),
                Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// True when the `count` bytes at `a` and `b` are equal (`memcmp`, vectorised by the C library).
    @inline(__always)
    static func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        memcmp(a, b, count) == 0
    }

    /// `commit abc1234, glibc >= 2.17`: what the release link says of the build
    /// (`scripts/release/compat.c` hands it over before `main` runs); nil in a plain `swift build`.
    static var linkedBuildDescription: String? { linkedBuild.map { String(cString: $0) } }
}

/// Written once, by the release binary's C `main` before the Swift code starts; read after.
nonisolated(unsafe) private var linkedBuild: UnsafePointer<CChar>?

/// Called by the release binary's `main` (`scripts/release/compat.c`) with its build description.
@_cdecl("node_reconfig_set_build")
public func nodeReconfigSetBuild(_ description: UnsafePointer<CChar>) {
    linkedBuild = description
}
