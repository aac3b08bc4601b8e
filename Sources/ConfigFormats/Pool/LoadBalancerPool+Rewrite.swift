/// The pool rewrite (`--apiservers`) and the drain (`--drain`), as patches.
///
/// Rewrite, exactly as SPEC says: the pool's server lines become one line per entry, in the
/// given order, standing where the first old server line stood. An address already in the
/// pool keeps its own line as it was, less `down`/`disabled`/`backup`. A new address gets a copy
/// of the first old server line (indentation, spacing, parameters, line ending) with only the
/// address swapped, less those words; in haproxy the copy is renamed `apiserver-` + host with
/// `.` and `:` turned into `-`. Old addresses not listed lose their lines.
///
/// Interleaving: lines between server lines (`hash`, `least_conn`, `keepalive`, `balance`,
/// `option`, comments, blanks) never move. All new server lines go where the first old server
/// line stood; later server lines are removed from where they were (a kept one reappears in
/// the new block, in list order).
///
/// A pool already holding exactly those servers in that order, none down, yields no patches
/// (a `backup` word then stays: SPEC's no-op rule names only `down`).
extension LoadBalancerPool {
    public func patches(settingServersTo entries: [String], in source: SourceText) throws(FormatError) -> [Patch] {
        guard let template = servers.first else {
            throw FormatError(line: line + 1, "pool '\(name)' has no server line to copy for the new servers; add one server line by hand, then run again")
        }
        guard !entries.isEmpty else {
            throw FormatError(line: line + 1, "the new server list for pool '\(name)' is empty; refusing to empty the pool")
        }
        let wanted = entries.map { Address(parsing: Substring($0)) }
        var seen = Set<String>()
        for (entry, address) in zip(entries, wanted) where !seen.insert(address.poolKey).inserted {
            throw FormatError(line: line + 1, "'\(entry)' is listed twice for pool '\(name)'; list each server once")
        }
        // Each server's key once: scanning the pool per wanted entry copied every server.
        let keys = servers.map(\.address.poolKey)
        if keys == wanted.map(\.poolKey), !servers.contains(where: \.isDown) {
            return []
        }
        for server in servers where !server.ownsLine {
            throw FormatError(line: server.line + 1, "a server of pool '\(name)' shares this line with other directives; put each server on its own line, then run again")
        }
        var block: [Line] = []
        for address in wanted {
            let key = address.poolKey
            if let index = keys.firstIndex(of: key) {
                let kept = servers[index]
                block.append(Line(Self.editing(source.lines[kept.line].text, kept.markerEdits(in: source)), ending: source.lines[kept.line].ending))
            } else {
                block.append(Line(try copyLine(of: template, for: address, in: source), ending: source.lines[template.line].ending))
            }
        }
        for index in block.indices where block[index].ending == .none {
            block[index].ending = source.dominantEnding
        }
        if source.lines[template.line].ending == .none {
            block[block.count - 1].ending = .none
        }
        var patches: [Patch] = [.lines(template.line..<(template.line + 1), replacement: block)]
        // Later server lines go; adjacent ones as one run (a pool of 900k servers made 900k
        // patches otherwise).
        var run: Range<Int>?
        for server in servers.dropFirst() where server.line != template.line {
            if let current = run, server.line == current.upperBound {
                run = current.lowerBound..<(server.line + 1)
            } else if let current = run, current.contains(server.line) {
                continue
            } else {
                if let current = run { patches.append(.lines(current, replacement: [])) }
                run = server.line..<(server.line + 1)
            }
        }
        if let current = run { patches.append(.lines(current, replacement: [])) }
        return patches
    }

    /// ` down` (nginx) / ` disabled` (haproxy) after the last parameter of every server whose
    /// address is in `entries` (`host:port`); a server already so is left alone.
    public func patches(draining entries: Set<String>) -> [Patch] {
        let keys = Set(entries.map { Address(parsing: Substring($0)).poolKey })
        return servers.filter { keys.contains($0.address.poolKey) && !$0.isDown }.map { server in
            .span(line: server.insertionLine, range: server.insertionOffset..<server.insertionOffset, replacement: " " + kind.drainWord)
        }
    }

    /// The haproxy name given to a copied line: `apiserver-10-0-0-21`, `apiserver-fd00--21`.
    public static func copiedServerName(for address: Address) -> String {
        "apiserver-" + String(address.host.map { $0 == "." || $0 == ":" ? "-" : $0 })
    }

    private func copyLine(of template: PoolServer, for address: Address, in source: SourceText) throws(FormatError) -> String {
        guard template.addressToken.isVerbatim else {
            throw FormatError(line: template.line + 1, "the address '\(template.addressToken.text)' is written with escapes; node-reconfig will not copy this line, edit it by hand")
        }
        var edits = template.markerEdits(in: source)
        edits.append((template.addressToken.range, address.hostPort))
        if kind.namesServers, let nameToken = template.nameToken {
            guard nameToken.isVerbatim else {
                throw FormatError(line: template.line + 1, "the server name '\(nameToken.text)' is written with escapes; node-reconfig will not copy this line, edit it by hand")
            }
            edits.append((nameToken.range, Self.copiedServerName(for: address)))
        }
        return Self.editing(source.lines[template.line].text, edits)
    }

    /// Applies non-overlapping UTF-8 range replacements to `text`.
    static func editing(_ text: String, _ edits: [(Range<Int>, String)]) -> String {
        var bytes = Array(text.utf8)
        for (range, replacement) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            bytes.replaceSubrange(range, with: Array(replacement.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension PoolServer {
    /// Edits removing each `down`/`disabled`/`backup` word with the run of blanks before it.
    func markerEdits(in source: SourceText) -> [(Range<Int>, String)] {
        let bytes = Array(source.lines[line].text.utf8)
        return markerSpans.map { span in
            var start = span.lowerBound
            while start > 0, bytes[start - 1] == UInt8(ascii: " ") || bytes[start - 1] == UInt8(ascii: "\t") {
                start -= 1
            }
            var end = span.upperBound
            if start == span.lowerBound {
                while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") {
                    end += 1
                }
            }
            return (start..<end, "")
        }
    }
}
