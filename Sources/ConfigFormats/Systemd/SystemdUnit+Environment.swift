extension SystemdUnit {
    /// The `NAME=VALUE` items of every `Environment=` setting, in file order. An item without
    /// `=` or with an invalid name is skipped, as systemd skips it.
    public var environmentAssignments: [SystemdEnvironmentAssignment] {
        var out: [SystemdEnvironmentAssignment] = []
        for entry in entries where entry.key == "Environment" {
            for word in entry.shellWords {
                let text = Array(word.text.utf8)
                guard let equals = text.firstIndex(of: 0x3D) else { continue }
                let name = String(decoding: text[0..<equals], as: UTF8.self)
                guard EnvFile.isIdentifier(Substring(name)) else { continue }
                let valueRange = (equals + 1)..<text.count
                let value = word.slice(valueRange)
                out.append(SystemdEnvironmentAssignment(name: name, value: word.token(for: valueRange),
                                                        shellWords: value.splitOnWhitespace(), entryLine: entry.line))
            }
        }
        return out
    }

    /// The `EnvironmentFile=` settings, in file order (an empty setting, which resets the list
    /// in systemd, is left out).
    public var environmentFiles: [SystemdEnvironmentFile] {
        entries.filter { $0.key == "EnvironmentFile" }.compactMap { entry in
            let raw = entry.segments.map { segment in
                let utf8 = Array(source.lines[segment.line].text.utf8)
                return String(decoding: utf8[segment.range], as: UTF8.self)
            }.joined(separator: " ")
            var path = Substring(raw)
            while path.last == " " || path.last == "\t" { path.removeLast() }
            guard !path.isEmpty else { return nil }
            let optional = path.hasPrefix("-")
            if optional { path.removeFirst() }
            return SystemdEnvironmentFile(path: String(path), isOptional: optional, line: entry.line)
        }
    }
}
