extension Options {
    /// Sets the option `spec` from its raw value (empty for booleans), validating it.
    mutating func set(_ spec: OptionSpec, _ value: String) throws(ValueError) {
        let flag = spec.flag
        switch spec.name {
        case let name where Targets.flagNames.contains(name):
            try targets.set(name, to: value)
        case "root": root = try Options.directory(value, flag: flag, absolute: false)
        case "backup-dir": backupDir = try Options.directory(value, flag: flag, absolute: true)
        case "only": only = try Options.components(value, flag: flag)
        case "file": files.append(try Options.file(value, flag: flag))
        case "dry-run": dryRun = true
        case "no-restart": noRestart = true
        case "json": json = true
        case "skip-preflight": skipPreflight = true
        case "keep-backups": keepBackups = try ValueSyntax.integer(value, flag: flag, range: 0...10_000, unit: "backup sets")
        case "health-timeout": healthTimeout = try ValueSyntax.integer(value, flag: flag, range: 1...3_600, unit: "seconds")
        case "settle": settle = try ValueSyntax.integer(value, flag: flag, range: 0...3_600, unit: "seconds")
        case "probe": probes.append(try Options.probe(value, flag: flag))
        case "service-cmd":
            if value.isEmpty { throw ValueError(flag: flag, value: value, "is empty; give a program such as /usr/local/bin/svc") }
            if value.contains("\0") { throw ValueError(flag: flag, value: value, "contains a NUL byte") }
            serviceCommand = value
        default: throw ValueError(flag: flag, value: value, "is not handled by this command")
        }
    }

    static func directory(_ value: String, flag: String, absolute: Bool) throws(ValueError) -> String {
        if value.isEmpty { throw ValueError(flag: flag, value: value, "is empty; give a directory") }
        if value.contains("\0") || value.contains("\n") { throw ValueError(flag: flag, value: value, "contains a NUL or newline") }
        if absolute, !value.hasPrefix("/") { throw ValueError(flag: flag, value: value, "is not an absolute path (it lives under --root)") }
        return value
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
