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
        try rewrite(settingServersTo: entries, in: source).patches
    }

    /// The patches, and the servers the pool held. Every server is read once (an nginx pool's
    /// servers are made from the file as they are read; reading a pool of 876,000 five times
    /// over was most of planning it).
    public func rewrite(settingServersTo entries: [String], in source: SourceText) throws(FormatError) -> PoolRewrite {
        if let templated = serverTemplateLines.first {
            throw FormatError(line: templated + 1, "pool '\(name)' takes servers from 'server-template' (DNS); node-reconfig cannot make it hold exactly the new servers: point that name at the new apiservers, or replace the line with 'server' lines, then run again")
        }
        guard let template = servers.first else {
            throw FormatError(line: line + 1, "pool '\(name)' has no server line to copy for the new servers; add one server line by hand, then run again")
        }
        guard !entries.isEmpty else {
            throw FormatError(line: line + 1, "the new server list for pool '\(name)' is empty; refusing to empty the pool")
        }
        let wanted = entries.map { Address(parsing: Substring($0)) }
        let wantedKeys = wanted.map(\.poolIdentity)
        var wantedIndex: [PoolIdentity: Int] = [:]
        for (position, (entry, key)) in zip(entries, wantedKeys).enumerated() where wantedIndex.updateValue(position, forKey: key) != nil {
            throw FormatError(line: line + 1, "'\(entry)' is listed twice for pool '\(name)'; list each server once")
        }
        // One pass: each server is compared with the wanted list in place (no key is kept per
        // server), and where a wanted address already stands is noted.
        var existing = [Int?](repeating: nil, count: wanted.count)
        var before = ""
        before.reserveCapacity(servers.count * 24)
        var sameList = servers.count == wanted.count
        var sharedLine: Int?
        var removed = RemovedLines()
        for position in servers.indices {
            let server = servers.summary(at: position)
            let key = server.address.poolIdentity
            if let index = wantedIndex[key], existing[index] == nil { existing[index] = position }
            sameList = sameList && !server.isDown && wantedKeys[position] == key
            if position > 0 { before += "," }
            server.address.appendHostPort(to: &before)
            if !server.ownsLine, sharedLine == nil { sharedLine = server.line }
            // Later server lines go; the first old line is where the new ones stand.
            if position > 0, server.line != template.line { removed.add(server.line) }
        }
        if sameList {
            return PoolRewrite(patches: [], before: before)
        }
        if let sharedLine {
            // Servers sharing lines, or spread over lines: rewritten on their bytes (nginx).
            guard case .nginx(let table) = servers.storage else {
                throw FormatError(line: sharedLine + 1, "a server of pool '\(name)' does not stand alone on its line; put each server on its own line, then run again")
            }
            return PoolRewrite(patches: try table.spanRewrite(to: wanted, existing: existing, poolName: name), before: before)
        }
        var block: [Line] = []
        let templateLine = source.lines[template.line]
        for (address, existing) in zip(wanted, existing) {
            if let index = existing {
                let kept = servers[index]
                let keptLine = source.lines[kept.line]
                block.append(Line(Self.editing(keptLine.text, kept.markerEdits(in: source)), ending: keptLine.ending))
            } else {
                block.append(Line(try copyLine(of: template, for: address, in: source), ending: templateLine.ending))
            }
        }
        for index in block.indices where block[index].ending == .none {
            block[index].ending = source.dominantEnding
        }
        if templateLine.ending == .none {
            block[block.count - 1].ending = .none
        }
        return PoolRewrite(patches: [.lines(template.line..<(template.line + 1), replacement: block)] + removed.patches, before: before)
    }

    /// ` down` (nginx) / ` disabled` (haproxy) after the last parameter of every server whose
    /// address is in `entries` (`host:port`); a server already so is left alone.
    public func patches(draining entries: Set<String>) -> [Patch] {
        let keys = Set(entries.map { Address(parsing: Substring($0)).poolIdentity })
        return servers.indices.filter { position in
            let server = servers.summary(at: position)
            return keys.contains(server.address.poolIdentity) && !server.isDown
        }.map { position in
            let server = servers[position]
            return .span(line: server.insertionLine, range: server.insertionOffset..<server.insertionOffset, replacement: " " + kind.drainWord)
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
        if let prefix = template.addressPrefix, Self.contradicts(prefix, address) {
            throw FormatError(line: template.line + 1, "the server line to copy pins '\(prefix)' but '\(address.hostPort)' is not that family; write the first server line by hand for it, then run again")
        }
        var edits = template.markerEdits(in: source)
        edits.append((template.addressToken.range, address.hostPort))
        // The copy does not take the first server's trailing comment: it describes that server
        // (`# first master`, `# 10.0.0.11`), and would lie beside the new one.
        let text = Array(source.lines[template.line].text.utf8)
        if template.insertionLine == template.line, let hash = text[template.insertionOffset...].firstIndex(of: UInt8(ascii: "#")) {
            var start = hash
            while start > template.insertionOffset, text[start - 1] == 0x20 || text[start - 1] == 0x09 { start -= 1 }
            if text[template.insertionOffset..<start].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ";") }) {
                edits.append((start..<text.count, ""))
            }
        }
        if kind.namesServers, let nameToken = template.nameToken {
            guard nameToken.isVerbatim else {
                throw FormatError(line: template.line + 1, "the server name '\(nameToken.text)' is written with escapes; node-reconfig will not copy this line, edit it by hand")
            }
            edits.append((nameToken.range, Self.copiedServerName(for: address)))
        }
        return Self.editing(source.lines[template.line].text, edits)
    }

    /// `ipv4@` before an IPv6 literal, or `ipv6@` before a dotted IPv4 literal (a name may be
    /// either).
    static func contradicts(_ prefix: String, _ address: Address) -> Bool {
        prefix == "ipv4@" ? address.isIPv6 : (prefix == "ipv6@" && Address.isIPv4Literal(address.host))
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

/// What setting a pool's servers comes to: the patches (none when the pool already holds
/// exactly those servers), and the servers it held, as `host:port` joined by commas in file order
/// (one string: a list of 876,000 made ~64 bytes a server).
public struct PoolRewrite: Sendable, Equatable {
    public var patches: [Patch]
    public var before: String

    public init(patches: [Patch], before: String) {
        self.patches = patches
        self.before = before
    }
}

/// Lines to delete, collected in file order and handed out as one patch per run of adjacent
/// lines (a pool of 900k servers made 900k patches otherwise).
struct RemovedLines {
    private var runs: [Range<Int>] = []

    /// Adds `line`; a line already in the last run (servers sharing a line) adds nothing.
    mutating func add(_ line: Int) {
        guard let last = runs.last else { return runs.append(line..<(line + 1)) }
        if line == last.upperBound {
            runs[runs.count - 1] = last.lowerBound..<(line + 1)
        } else if !last.contains(line) {
            runs.append(line..<(line + 1))
        }
    }

    var patches: [Patch] {
        runs.map { .lines($0, replacement: []) }
    }
}
