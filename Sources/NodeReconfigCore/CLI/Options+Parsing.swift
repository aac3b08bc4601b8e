extension Options {
    /// Sets the option `spec` from its raw value (empty for switches), checked by the table's
    /// destination. A fanout option has no place here (the CLI parser never hands one over).
    mutating func set(_ spec: OptionSpec, _ value: String) throws(ValueError) {
        switch spec.destination {
        case .target(let set): try set(&targets, value, spec.flag)
        case .option(let set): try set(&self, value, spec.flag)
        case .fanout: throw ValueError(flag: spec.flag, value: value, "is an option of 'fanout'")
        }
    }

    /// `--service-cmd`: a program, run as PROGRAM ACTION [SERVICE].
    static func program(_ value: String, flag: String) throws(ValueError) -> String {
        if value.isEmpty { throw ValueError(flag: flag, value: value, "is empty; give a program such as /usr/local/bin/svc") }
        if value.contains("\0") { throw ValueError(flag: flag, value: value, "contains a NUL byte") }
        return value
    }

    /// `--local-addresses`: IPv4 or IPv6 addresses (brackets allowed), each once; `none` for
    /// a host the own-address rule should know no address of.
    static func addresses(_ value: String, flag: String) throws(ValueError) -> [String] {
        if value == "none" { return [] }
        try ValueSyntax.checkCharacters(value, flag: flag, extra: [","])
        var addresses: [String] = []
        for part in try ValueSyntax.elements(of: value, flag: flag) {
            var host = part
            if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
            let isIPv4 = Address.isIPv4Literal(String(host))
            let isIPv6 = !isIPv4 && host.contains(":") && (try? HostSyntax.checkIPv6(host)) != nil
            guard isIPv4 || isIPv6 else {
                throw ValueError(flag: flag, value: value, "has '\(part)', which is not an IP address; give this host's addresses, e.g. 10.0.0.11,fd00::11 (or none)")
            }
            let address = host.lowercased()
            if addresses.contains(address) { throw ValueError(flag: flag, value: value, "lists \(address) twice; give each address once") }
            addresses.append(address)
        }
        return addresses
    }

    static func directory(_ value: String, flag: String, absolute: Bool) throws(ValueError) -> String {
        if value.isEmpty { throw ValueError(flag: flag, value: value, "is empty; give a directory") }
        if value.contains("\0") || value.contains("\n") { throw ValueError(flag: flag, value: value, "contains a NUL or newline") }
        if absolute, !value.hasPrefix("/") { throw ValueError(flag: flag, value: value, "is not an absolute path (it lives under --root)") }
        return value
    }

    /// `--root` made absolute, once, when the options are finished: a relative DIR is taken
    /// from the current directory (`.` segments dropped; `..` kept for the kernel to resolve).
    /// An absolute DIR is kept as given.
    static func absoluteRoot(_ root: String, currentDirectory: () throws(SystemError) -> String) throws(ValueError) -> String {
        guard !root.hasPrefix("/") else { return root }
        let base: String
        do {
            base = try currentDirectory()
        } catch {
            throw ValueError(flag: "--root", value: root, "is relative and the current directory cannot be read (\(error)); give an absolute path")
        }
        let parts = (base + "/" + root).split(separator: "/").filter { $0 != "." }
        return "/" + parts.joined(separator: "/")
    }

    static func components(_ value: String, flag: String) throws(ValueError) -> [String] {
        try ValueSyntax.checkCharacters(value, flag: flag, extra: [","])
        var result: [String] = []
        for part in try ValueSyntax.elements(of: value, flag: flag) {
            let name = String(part)
            guard Component.names.contains(name) else {
                let hint = Suggestion.nearest(to: name, in: Component.names).map { "did you mean '\($0)'? " } ?? ""
                throw ValueError(flag: flag, value: value, "names unknown component '\(name)'; \(hint)components: \(Component.names.joined(separator: ", "))")
            }
            if result.contains(name) { throw ValueError(flag: flag, value: value, "lists '\(name)' twice") }
            result.append(name)
        }
        return result
    }

    static func file(_ value: String, flag: String) throws(ValueError) -> (kind: FileKind, path: String) {
        let kinds = FileKind.allCases.map(\.rawValue).joined(separator: ", ")
        guard let colon = value.firstIndex(of: ":") else {
            throw ValueError(flag: flag, value: value, "is not KIND:PATH; KIND is one of \(kinds)")
        }
        guard let kind = FileKind(rawValue: String(value[..<colon])) else {
            throw ValueError(flag: flag, value: value, "has unknown kind '\(value[..<colon])'; KIND is one of \(kinds)")
        }
        let path = String(value[value.index(after: colon)...])
        if path.isEmpty { throw ValueError(flag: flag, value: value, "has no path after '\(kind.rawValue):'") }
        if path.contains("\0") || path.contains("\n") { throw ValueError(flag: flag, value: value, "has a path with a NUL or newline") }
        return (kind, path)
    }

    /// A file on the node: an absolute path (under `--root`).
    static func nodeFile(_ value: String, flag: String) throws(ValueError) -> String {
        if value.isEmpty { throw ValueError(flag: flag, value: value, "is empty; give a file") }
        if value.contains("\0") || value.contains("\n") { throw ValueError(flag: flag, value: value, "contains a NUL or newline") }
        if !value.hasPrefix("/") { throw ValueError(flag: flag, value: value, "is not an absolute path (it lives under --root)") }
        return value
    }

    /// A probe URL: like an `Endpoint`, but a path (`/healthz`) is allowed.
    static func probe(_ value: String, flag: String) throws(ValueError) -> String {
        try ValueSyntax.checkCharacters(value, flag: flag)
        guard let sep = value.firstRange(of: "://") else {
            throw ValueError(flag: flag, value: value, "has no scheme; did you mean http://\(value)?")
        }
        let afterScheme = value[sep.upperBound...]
        let slash = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        let endpoint = try Endpoint.element(value[..<slash], flag: flag)
        let path = afterScheme[slash...]
        if path.contains("//") { throw ValueError(flag: flag, value: value, "has an empty path segment") }
        return endpoint.description + path
    }
}
