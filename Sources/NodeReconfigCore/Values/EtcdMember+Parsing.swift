extension EtcdMember {
    /// Parses one `NAME=PEER-URL`. Names hold letters, digits, `-`, `_`, `.` (what etcd's
    /// `--initial-cluster` can carry); the peer URL is checked like any `Endpoint`.
    public static func parse(_ text: String, flag: String) throws(ValueError) -> EtcdMember {
        try ValueSyntax.checkCharacters(text, flag: flag, extra: ["="])
        if text.isEmpty { throw ValueError(flag: flag, value: text, "is empty; give NAME=PEER-URL") }
        return try element(Substring(text), flag: flag)
    }

    /// Parses `NAME=PEER-URL,…` in the order given; duplicate names or peer URLs are refused.
    public static func parseList(_ text: String, flag: String) throws(ValueError) -> [EtcdMember] {
        try ValueSyntax.checkCharacters(text, flag: flag, extra: [",", "="])
        var result: [EtcdMember] = []
        for part in try ValueSyntax.elements(of: text, flag: flag) {
            let member = try element(part, flag: flag)
            if result.contains(where: { $0.name == member.name }) {
                throw ValueError(flag: flag, value: text, "names member '\(member.name)' twice; give each member once")
            }
            if result.contains(where: { $0.peerURL.address.sameEndpoint(as: member.peerURL.address) }) {
                throw ValueError(flag: flag, value: text, "lists peer URL \(member.peerURL) twice; each member needs its own")
            }
            result.append(member)
        }
        return result
    }

    static func element(_ text: Substring, flag: String) throws(ValueError) -> EtcdMember {
        guard let eq = text.firstIndex(of: "=") else {
            throw ValueError(flag: flag, value: text, "has no '='; give NAME=PEER-URL, e.g. etcd1=https://10.0.0.1:2380")
        }
        let name = text[..<eq]
        let url = text[text.index(after: eq)...]
        if name.isEmpty { throw ValueError(flag: flag, value: text, "has an empty member name; give NAME=PEER-URL") }
        guard ValueSyntax.isName(name), name.utf8.count <= 255 else {
            throw ValueError(flag: flag, value: text, "has member name '\(name)'; use letters, digits, '-', '_', '.'")
        }
        if url.contains("=") { throw ValueError(flag: flag, value: text, "has more than one '='; give NAME=PEER-URL") }
        if url.isEmpty { throw ValueError(flag: flag, value: text, "has no peer URL after '='") }
        do {
            return EtcdMember(name: String(name), peerURL: try Endpoint.element(url, flag: flag))
        } catch {
            throw ValueError(flag: flag, value: text, error.problem)
        }
    }
}
