extension Endpoint {
    /// Parses one operator-given URL, `http(s)://host[:port]`, strictly (SPEC "Values").
    ///
    /// The scheme and host are lowercased and a trailing `/` is dropped; anything else that is
    /// not plainly an endpoint (no scheme, another path, user info, query, shell syntax) is
    /// refused with a `ValueError` naming `flag` and `text`.
    public static func parse(_ text: String, flag: String) throws(ValueError) -> Endpoint {
        try ValueSyntax.checkCharacters(text, flag: flag)
        if text.isEmpty { throw ValueError(flag: flag, value: text, "is empty; give a URL such as http://10.0.0.1:8080") }
        return try element(Substring(text), flag: flag)
    }

    /// Parses a comma-joined list of URLs, in the order given; empty elements and duplicates are refused.
    public static func parseList(_ text: String, flag: String) throws(ValueError) -> [Endpoint] {
        try ValueSyntax.checkCharacters(text, flag: flag, extra: [","])
        var result: [Endpoint] = []
        for part in try ValueSyntax.elements(of: text, flag: flag) {
            let endpoint = try element(part, flag: flag)
            if result.contains(where: { $0.address.sameEndpoint(as: endpoint.address) }) {
                throw ValueError(flag: flag, value: text, "lists \(endpoint) twice; give each URL once")
            }
            result.append(endpoint)
        }
        return result
    }

    /// One URL whose characters were already checked.
    static func element(_ text: Substring, flag: String) throws(ValueError) -> Endpoint {
        guard let sep = text.firstRange(of: "://") else {
            if text.contains("/") || text.hasPrefix(":") {
                throw ValueError(flag: flag, value: text, "is not a URL; give http(s)://host[:port]")
            }
            throw ValueError(flag: flag, value: text, "has no scheme; did you mean \(suggestedScheme(for: text))://\(text)?")
        }
        let scheme = text[..<sep.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            let shown = scheme.isEmpty ? "an empty scheme" : "scheme '\(scheme)'"
            throw ValueError(flag: flag, value: text, "has \(shown); use http:// or https://")
        }
        var rest = text[sep.upperBound...]
        if let slash = rest.firstIndex(of: "/") {
            let path = rest[slash...]
            guard path == "/" else {
                throw ValueError(flag: flag, value: text, "has a path '\(path)'; give only \(scheme)://host[:port]")
            }
            rest = rest[..<slash]
        }
        do {
            let (host, port) = try HostSyntax.authority(rest, example: "\(scheme)://[fd00::1]:2379")
            return Endpoint(scheme: scheme, host: host, port: port)
        } catch {
            throw ValueError(flag: flag, value: text, error.text)
        }
    }

    /// `https` for the ports apiservers and TLS listen on, `http` otherwise (only for the hint).
    private static func suggestedScheme(for text: Substring) -> String {
        let port = text.split(separator: ":").last.flatMap { Int($0) }
        return [443, 6443, 8443, 2380].contains(port ?? 0) ? "https" : "http"
    }
}
