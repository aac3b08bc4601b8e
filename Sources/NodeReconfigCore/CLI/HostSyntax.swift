/// Strict reading of the authority part of operator-given addresses: `host[:port]`,
/// `[IPv6][:port]`. Hosts are IPv4 (no leading zeros), bracketed IPv6 or RFC 1123 DNS names.
enum HostSyntax {
    /// What is wrong with an authority, as the end of a `ValueError` sentence.
    struct Problem: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    /// Splits and checks `host[:port]`; the host comes back lowercased, without brackets.
    static func authority(_ text: Substring, example: String) throws(Problem) -> (host: String, port: Int?) {
        if text.isEmpty { throw Problem("has no host") }
        var hostPart: Substring
        var portPart: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw Problem("has '[' without ']'") }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw Problem("has '\(after)' after the IPv6 address; expected ':PORT'") }
                portPart = after.dropFirst()
            }
            try checkIPv6(hostPart)
        } else {
            let colons = text.count(where: { $0 == ":" })
            if colons > 1 {
                throw Problem("has an IPv6 address without brackets; write it as \(example)")
            }
            if text.contains("[") || text.contains("]") { throw Problem("has a stray '[' or ']'") }
            if let c = text.firstIndex(of: ":") {
                hostPart = text[..<c]
                portPart = text[text.index(after: c)...]
            } else {
                hostPart = text
            }
            try checkHost(hostPart)
        }
        let port: Int?
        if let portPart { port = try self.port(portPart) } else { port = nil }
        return (hostPart.lowercased(), port)
    }

    /// Ports 1–65535, decimal digits, no leading zero.
    static func port(_ text: Substring) throws(Problem) -> Int {
        if text.isEmpty { throw Problem("has ':' but no port after it") }
        guard text.allSatisfy({ ("0"..."9").contains($0) }) else { throw Problem("has port '\(text)', which is not a number") }
        if text.count > 1, text.hasPrefix("0") { throw Problem("has port '\(text)' with a leading zero") }
        guard let n = Int(text), (1...65535).contains(n) else { throw Problem("has port \(text); ports are 1-65535") }
        return n
    }

    /// An IPv4 address (when the host is only digits and dots) or a DNS name.
    static func checkHost(_ host: Substring) throws(Problem) {
        if host.isEmpty { throw Problem("has no host") }
        if host.allSatisfy({ $0 == "." || ("0"..."9").contains($0) }) {
            try checkIPv4(host)
            return
        }
        if host.utf8.count > 253 { throw Problem("has a host name longer than 253 characters") }
        for label in host.split(separator: ".", omittingEmptySubsequences: false) {
            if label.isEmpty { throw Problem("has an empty label in host name '\(host)'") }
            if label.utf8.count > 63 { throw Problem("has a host name label longer than 63 characters") }
            let ok = label.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            if !ok { throw Problem("has host name '\(host)' with characters a DNS name cannot hold (letters, digits, '-')") }
            if label.hasPrefix("-") || label.hasSuffix("-") { throw Problem("has host name '\(host)' with a label starting or ending in '-'") }
        }
    }

    /// Four decimal octets 0–255; a leading zero is refused (some tools read it as octal).
    static func checkIPv4(_ host: Substring) throws(Problem) {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.count <= 3 }) else {
            throw Problem("has '\(host)', which is not an IPv4 address (four numbers 0-255)")
        }
        for octet in octets {
            if octet.count > 1, octet.hasPrefix("0") {
                throw Problem("has IPv4 octet '\(octet)' with a leading zero (octal or decimal?); write \(Int(octet)!)")
            }
            guard let n = Int(octet), n <= 255 else { throw Problem("has IPv4 octet \(octet); octets are 0-255") }
        }
    }

    /// Up to eight groups of 1–4 hex digits, at most one `::`, optionally ending in an IPv4 address.
    static func checkIPv6(_ host: Substring) throws(Problem) {
        let bad = Problem("has '[\(host)]', which is not an IPv6 address")
        if host.isEmpty { throw bad }
        let halves = host.split(separator: "::", maxSplits: 2, omittingEmptySubsequences: false)
        if halves.count > 2 { throw Problem("has '[\(host)]' with '::' twice") }
        var groups = 0
        for (h, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if h == halves.count - 1, i == parts.count - 1, part.contains(".") {
                    do { try checkIPv4(part) } catch { throw bad }
                    groups += 2
                    continue
                }
                guard (1...4).contains(part.count), part.allSatisfy(\.isHexDigit) else { throw bad }
                groups += 1
            }
        }
        if halves.count == 2 ? groups > 7 : groups != 8 { throw bad }
    }
}
