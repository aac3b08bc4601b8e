/// What a server's certificate holds, read from its DER encoding: subject, issuer, validity and
/// its subject alternative names (DNS names and IP addresses, in the certificate's order).
public struct ServerCertificate: Sendable, Equatable {
    public enum Name: Sendable, Equatable, CustomStringConvertible {
        case dns(String)
        /// 4 or 16 bytes.
        case ip([UInt8])
        /// Any other kind of name (an email address, a URI), as text.
        case other(String)

        public var description: String {
            switch self {
            case .dns(let name): return name
            case .ip(let bytes): return IPAddress.text(bytes)
            case .other(let text): return text
            }
        }
    }

    /// `CN=…, O=…` of the subject and the issuer.
    public var subject: String
    public var issuer: String
    /// Seconds since 1970.
    public var notBefore: Double
    public var notAfter: Double
    /// The subject alternative names; empty when the certificate has none.
    public var names: [Name]

    /// The certificate's names cover `host` as a TLS client checks it: an IP address must be an
    /// IP SAN, a DNS name a DNS SAN (one `*.` wildcard label allowed). The subject's CN does
    /// not count (Go clients, kubelet and etcd among them, ignore it).
    public func covers(_ host: String) -> Bool {
        if let address = IPAddress.bytes(host) {
            return names.contains { if case .ip(let bytes) = $0 { return bytes == address } else { return false } }
        }
        let wanted = host.lowercased().trimmingTrailingDot
        return names.contains { name in
            guard case .dns(let written) = name else { return false }
            let pattern = written.lowercased().trimmingTrailingDot
            if pattern == wanted { return true }
            guard pattern.hasPrefix("*."), let dot = wanted.firstIndex(of: ".") else { return false }
            return wanted[dot...] == pattern.dropFirst() && wanted[..<dot].count > 0
        }
    }

    /// True when `host`, an IP address, is among the names as a DNS name only.
    public func holdsAsDNSName(_ host: String) -> Bool {
        names.contains { if case .dns(let name) = $0 { return name == host } else { return false } }
    }

    /// The first `-----BEGIN CERTIFICATE-----` block of PEM text (openssl's output, a client
    /// certificate file), read from its DER.
    init?(pem text: some StringProtocol) {
        guard let begin = text.firstRange(of: "-----BEGIN CERTIFICATE-----"),
              let end = text[begin.upperBound...].firstRange(of: "-----END CERTIFICATE-----"),
              let der = Base64.decode(String(text[begin.upperBound..<end.lowerBound])) else { return nil }
        self.init(der: der)
    }

    init?(der: [UInt8]) {
        // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }
        guard let certificate = DER.read(der[...])?.node, certificate.tag == 0x30,
              let tbs = DER.children(certificate.content)?.first, tbs.tag == 0x30,
              var fields = DER.children(tbs.content) else { return nil }
        if fields.first?.tag == 0xA0 { fields.removeFirst() }  // [0] version
        // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, [1] [2] [3]
        guard fields.count >= 6 else { return nil }
        issuer = DER.distinguishedName(fields[2].content)
        guard let validity = DER.children(fields[3].content), validity.count == 2,
              let from = DER.time(validity[0]), let until = DER.time(validity[1]) else { return nil }
        notBefore = from
        notAfter = until
        subject = DER.distinguishedName(fields[4].content)
        names = []
        guard let extensions = fields.dropFirst(6).first(where: { $0.tag == 0xA3 }),
              let list = DER.children(extensions.content)?.first, let entries = DER.children(list.content) else { return }
        for entry in entries {
            guard let parts = DER.children(entry.content), let oid = parts.first, oid.tag == 0x06,
                  Array(oid.content) == [0x55, 0x1D, 0x11], let value = parts.last, value.tag == 0x04,
                  let sequence = DER.read(value.content)?.node, let general = DER.children(sequence.content) else { continue }
            names = general.map { name in
                switch name.tag {
                case 0x82: return .dns(String(decoding: name.content, as: UTF8.self))
                case 0x87: return .ip(Array(name.content))
                case 0x81: return .other("email:" + String(decoding: name.content, as: UTF8.self))
                case 0x86: return .other("URI:" + String(decoding: name.content, as: UTF8.self))
                default: return .other("name of type \(name.tag & 0x1F)")
                }
            }
        }
    }
}

/// Just enough DER to read a certificate's names and dates.
enum DER {
    struct Node {
        var tag: UInt8
        var content: ArraySlice<UInt8>
    }

    /// The first node of `bytes` and what follows it.
    static func read(_ bytes: ArraySlice<UInt8>) -> (node: Node, rest: ArraySlice<UInt8>)? {
        var index = bytes.startIndex
        guard index < bytes.endIndex else { return nil }
        let tag = bytes[index]
        index += 1
        guard index < bytes.endIndex else { return nil }
        var length = Int(bytes[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count > 0, count <= 4, index + count <= bytes.endIndex else { return nil }
            length = 0
            for byte in bytes[index..<(index + count)] { length = length << 8 | Int(byte) }
            index += count
        }
        guard length >= 0, index + length <= bytes.endIndex else { return nil }
        return (Node(tag: tag, content: bytes[index..<(index + length)]), bytes[(index + length)...])
    }

    /// The nodes inside a constructed node's content.
    static func children(_ content: ArraySlice<UInt8>) -> [Node]? {
        var nodes: [Node] = []
        var rest = content
        while !rest.isEmpty {
            guard let (node, after) = read(rest) else { return nil }
            nodes.append(node)
            rest = after
        }
        return nodes
    }

    /// `CN=kube-apiserver, O=system:masters` (CN, O and OU, in the name's order).
    static func distinguishedName(_ content: ArraySlice<UInt8>) -> String {
        let labels: [[UInt8]: String] = [[0x55, 0x04, 0x03]: "CN", [0x55, 0x04, 0x0A]: "O", [0x55, 0x04, 0x0B]: "OU"]
        var parts: [String] = []
        for set in children(content) ?? [] {
            for pair in children(set.content) ?? [] {
                guard let items = children(pair.content), items.count == 2, let label = labels[Array(items[0].content)] else { continue }
                parts.append("\(label)=\(String(decoding: items[1].content, as: UTF8.self))")
            }
        }
        return parts.isEmpty ? "(no CN)" : parts.joined(separator: ", ")
    }

    /// UTCTime (`YYMMDDHHMMSSZ`) or GeneralizedTime (`YYYYMMDDHHMMSSZ`) as seconds since 1970.
    static func time(_ node: Node) -> Double? {
        let digits = Array(node.content)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count else { return nil }
            var value = 0
            for byte in digits[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let offset: Int
        let year: Int
        switch node.tag {
        case 0x17:
            guard let yy = number(0..<2) else { return nil }
            year = yy < 50 ? 2000 + yy : 1900 + yy
            offset = 2
        case 0x18:
            guard let yyyy = number(0..<4) else { return nil }
            year = yyyy
            offset = 4
        default:
            return nil
        }
        guard let month = number(offset..<(offset + 2)), let day = number((offset + 2)..<(offset + 4)),
              let hour = number((offset + 4)..<(offset + 6)), let minute = number((offset + 6)..<(offset + 8)),
              let second = number((offset + 8)..<(offset + 10)) else { return nil }
        return Timestamp.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: Double(second))
    }
}

/// IP addresses as bytes, for comparing a host with a certificate's IP names.
enum IPAddress {
    /// 4 bytes for dotted IPv4, 16 for IPv6 (`::` and an embedded IPv4 tail allowed); nil for
    /// anything else (a DNS name).
    static func bytes(_ text: String) -> [UInt8]? {
        if Address.isIPv4Literal(text) { return text.split(separator: ".").map { UInt8($0)! } }
        guard text.contains(":") else { return nil }
        var text = Substring(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let zone = text.firstIndex(of: "%") { text = text[..<zone] }
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var bytes: [UInt8] = []
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, field) in fields.enumerated() {
                if index == fields.count - 1, field.contains(".") {
                    guard let v4 = IPAddress.bytes(String(field)), v4.count == 4 else { return nil }
                    bytes += v4
                } else {
                    guard (1...4).contains(field.count), let value = UInt16(field, radix: 16) else { return nil }
                    bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    /// `10.17.33.20`; IPv6 in its short form (`fd00::1`).
    static func text(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        guard bytes.count == 16 else { return bytes.map { String($0, radix: 16) }.joined(separator: ":") }
        if bytes.prefix(10).allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return "::ffff:" + bytes.suffix(4).map(String.init).joined(separator: ".")
        }
        let groups = stride(from: 0, to: 16, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
        // The longest run of two or more zero groups becomes "::".
        var best: Range<Int>? = nil
        var start: Int? = nil
        for index in 0...groups.count {
            if index < groups.count, groups[index] == 0 {
                if start == nil { start = index }
            } else if let begin = start {
                if index - begin >= 2, index - begin > (best?.count ?? 0) { best = begin..<index }
                start = nil
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard let best else { return hex.joined(separator: ":") }
        return hex[..<best.lowerBound].joined(separator: ":") + "::" + hex[best.upperBound...].joined(separator: ":")
    }
}

extension String {
    var trimmingTrailingDot: Substring { hasSuffix(".") ? dropLast() : self[...] }
}
