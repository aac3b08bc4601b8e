extension HostPort {
    /// Parses `HOST:PORT` (`[IPv6]:PORT`) for `--apiservers` / `--drain`; the port is required and
    /// a URL is refused with a hint.
    public static func parse(_ text: String, flag: String) throws(ValueError) -> HostPort {
        try ValueSyntax.checkCharacters(text, flag: flag)
        if text.isEmpty { throw ValueError(flag: flag, value: text, "is empty; give HOST:PORT such as 10.0.0.1:6443") }
        return try element(Substring(text), flag: flag)
    }

    /// Parses a comma-joined `HOST:PORT` list, in the order given; empty elements and duplicates are refused.
    public static func parseList(_ text: String, flag: String) throws(ValueError) -> [HostPort] {
        try ValueSyntax.checkCharacters(text, flag: flag, extra: [","])
        var result: [HostPort] = []
        for part in try ValueSyntax.elements(of: text, flag: flag) {
            let hostPort = try element(part, flag: flag)
            if result.contains(hostPort) {
                throw ValueError(flag: flag, value: text, "lists \(hostPort) twice; give each HOST:PORT once")
            }
            result.append(hostPort)
        }
        return result
    }

    static func element(_ text: Substring, flag: String) throws(ValueError) -> HostPort {
        if let sep = text.firstRange(of: "://") {
            let hint = Address(parsing: text[sep.upperBound...].prefix { $0 != "/" }).hostPort
            throw ValueError(flag: flag, value: text, "is a URL; \(flag) takes HOST:PORT, e.g. \(hint.isEmpty ? "10.0.0.1:6443" : hint)")
        }
        if text.contains("/") { throw ValueError(flag: flag, value: text, "has a '/'; give HOST:PORT") }
        let parsed: (host: String, port: Int?)
        do {
            parsed = try HostSyntax.authority(text, example: "[fd00::1]:6443")
        } catch {
            throw ValueError(flag: flag, value: text, error.text)
        }
        guard let port = parsed.port else {
            throw ValueError(flag: flag, value: text, "has no port; give HOST:PORT, e.g. \(text):6443")
        }
        return HostPort(host: parsed.host, port: port)
    }
}
