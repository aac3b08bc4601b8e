/// The static pod of lvscare, the IPVS load balancer sealos (and sealer, OpenYurt) runs on every
/// node in front of the apiservers: `/etc/kubernetes/manifests/kube-sealos-lvscare.yaml`.
///
/// Its container runs `lvscare care --vs VIP:PORT --rs HOST:PORT --rs HOST:PORT …`: each `--rs`
/// is one real server, an apiserver of the pool; `--vs` is the virtual server the node's
/// clients use and stays as it is. sealos writes the flag and its value as two `args:` items
/// (`- --rs` then `- 10.0.0.2:6443`); `--rs=HOST:PORT` in one item is read too, and so is a
/// comma list in one `--rs` (lvscare's flag is a string slice), which can be read but not
/// rewritten line by line.
///
/// The pool rewrite mirrors the nginx/haproxy one (`LoadBalancerPool.rewrite`): the entries
/// become one per wanted address, in order, standing where the first one stood; an address
/// already there keeps its item(s) as they are; a new one copies the first entry's item(s) with
/// only the address swapped (less a trailing comment, which described the first server). lvscare
/// has no "down" mark: a drained server loses its entry.
public struct LvscareManifest: Sendable {
    /// One `--rs` entry.
    public struct RealServer: Sendable, Equatable {
        public var address: Address
        /// The `HOST:PORT` text and where it sits (inside the item's quotes).
        public var token: ValueToken
        /// 0-based lines of the entry: the `--rs` item and the address item after it, or the one
        /// `--rs=HOST:PORT` item.
        public var lines: Range<Int>
        /// Every line of the entry is a block-sequence item standing alone on its line (a
        /// comment aside), one server per entry: the entry can be moved, copied or removed as
        /// whole lines.
        public var standsAlone: Bool
    }

    public let manifest: PodManifest
    /// The container running lvscare (its command's first word has the basename `lvscare`); nil
    /// when none does.
    public let container: PodContainer?
    /// `--vs`: the virtual server (VIP:PORT), kept as it is.
    public let virtualServer: ValueToken?
    /// The `--rs` entries in file order.
    public let realServers: [RealServer]

    public init(_ source: SourceText) throws(FormatError) {
        try self.init(manifest: PodManifest(source))
    }

    public init(manifest: PodManifest) throws(FormatError) {
        self.manifest = manifest
        let container = manifest.containers.first { container in
            container.commandWords.first?.text.split(separator: "/").last == "lvscare"
        }
        self.container = container
        var virtualServer: ValueToken? = nil
        var servers: [RealServer] = []
        let words = container?.commandWords ?? []
        // words[0] is the program; its arguments follow.
        var index = 1
        while index < words.count {
            let word = words[index]
            for (flag, isReal) in [("--rs", true), ("--vs", false)] {
                let value: ValueToken
                let lines: Range<Int>
                let standsAlone: Bool
                if word.text == flag {
                    guard index + 1 < words.count, !words[index + 1].text.hasPrefix("-") else {
                        throw FormatError(line: word.line + 1, "\(flag) has no value after it; lvscare would not read its servers, fix the file")
                    }
                    index += 1
                    value = words[index]
                    // The last `command:` item's value is then the first `args:` item, which
                    // may stand above it in the file: refused rather than guessed at.
                    guard value.line >= word.line else {
                        throw FormatError(line: word.line + 1, "\(flag) ends the command: list and its value is the first args: item "
                            + "(line \(value.line + 1)); put the flag and its value in one list")
                    }
                    lines = word.line..<(value.line + 1)
                    standsAlone = value.line == word.line + 1 && Self.standsAlone(word, in: manifest.source)
                        && Self.standsAlone(value, in: manifest.source)
                } else if word.text.hasPrefix(flag + "=") {
                    let offset = flag.utf8.count + 1
                    value = ValueToken(text: String(word.text.dropFirst(flag.count + 1)), line: word.line,
                                       range: (word.range.lowerBound + offset)..<word.range.upperBound,
                                       isVerbatim: word.isVerbatim, reason: word.reason)
                    lines = word.line..<(word.line + 1)
                    standsAlone = Self.standsAlone(word, in: manifest.source)
                } else {
                    continue
                }
                if !isReal {
                    virtualServer = value
                    break
                }
                // A string slice: `--rs a:6443,b:6443` is two servers in one entry.
                let parts = value.text.split(separator: ",", omittingEmptySubsequences: false)
                var start = 0
                for part in parts {
                    let length = part.utf8.count
                    let token = ValueToken(text: String(part), line: value.line,
                                           range: (value.range.lowerBound + start)..<(value.range.lowerBound + start + length),
                                           isVerbatim: value.isVerbatim, reason: value.reason)
                    servers.append(RealServer(address: Address(parsing: part), token: token, lines: lines,
                                              standsAlone: standsAlone && parts.count == 1))
                    start += length + 1
                }
                break
            }
            index += 1
        }
        self.virtualServer = virtualServer
        self.realServers = servers
    }

    public var source: SourceText { manifest.source }

    public func render() -> [UInt8] { manifest.render() }

    /// The real servers as `host:port`, joined by commas (the pool as `detect` shows it).
    public var serverList: String {
        realServers.map(\.address.hostPort).joined(separator: ",")
    }

    /// The rewrite making the pool hold exactly `entries` (`host:port`, in order), and the
    /// servers it held. No patches when it already does.
    public func rewrite(settingServersTo entries: [String]) throws(FormatError) -> PoolRewrite {
        let template = try editableServers(for: "--apiservers")[0]
        guard !entries.isEmpty else {
            throw FormatError(line: template.lines.lowerBound + 1, "the new server list for lvscare is empty; refusing to empty the pool")
        }
        let wanted = entries.map { Address(parsing: Substring($0)) }
        var seen: Set<PoolIdentity> = []
        for (entry, address) in zip(entries, wanted) where !seen.insert(address.poolIdentity).inserted {
            throw FormatError(line: template.lines.lowerBound + 1, "'\(entry)' is listed twice for lvscare; list each server once")
        }
        if let vip = virtualServer, let loop = wanted.first(where: { $0.poolIdentity == Address(parsing: Substring(vip.text)).poolIdentity }) {
            throw FormatError(line: vip.line + 1, "\(loop.hostPort) is lvscare's own virtual server (--vs); it cannot be one of its real servers")
        }
        let before = serverList
        if realServers.map(\.address.poolIdentity) == wanted.map(\.poolIdentity) {
            return PoolRewrite(patches: [], before: before)
        }
        var block: [Line] = []
        for address in wanted {
            if let kept = realServers.first(where: { $0.address.poolIdentity == address.poolIdentity }) {
                block += kept.lines.map { source.lines[$0] }
            } else {
                block += try copy(of: template, for: address)
            }
        }
        for index in block.indices where block[index].ending == .none {
            block[index].ending = source.dominantEnding
        }
        if source.ending(ofLine: template.lines.upperBound - 1) == .none {
            block[block.count - 1].ending = .none
        }
        let removed = realServers.dropFirst().filter { $0.lines != template.lines }.map(\.lines)
        return PoolRewrite(patches: [.lines(template.lines, replacement: block)] + removed.map { .lines($0, replacement: []) }, before: before)
    }

    /// The patches removing the entries of `entries` (`host:port`): lvscare has no "down" mark,
    /// a drained server leaves the pool. Refuses to remove every server.
    public func patches(draining entries: Set<String>) throws(FormatError) -> [Patch] {
        // By the address (`HOST:6443` is `host:6443`) or by the text `detect` showed for it.
        let keys = Set(entries.map { Address(parsing: Substring($0)).poolIdentity })
        let drained = realServers.filter { keys.contains($0.address.poolIdentity) || entries.contains($0.address.hostPort) }
        guard !drained.isEmpty else { return [] }
        let servers = try editableServers(for: "--drain")
        guard drained.count < servers.count else {
            throw FormatError(line: servers[0].lines.lowerBound + 1, "--drain would take every real server out of lvscare's pool; refusing to empty it (give the new servers with --apiservers)")
        }
        return drained.map { .lines($0.lines, replacement: []) }
    }

    /// The real servers, when each can be edited as whole lines; else a refusal naming the line.
    private func editableServers(for flag: String) throws(FormatError) -> [RealServer] {
        guard let container else {
            throw FormatError(line: 1, "no container of this manifest runs lvscare; \(flag) has no pool to change here")
        }
        guard container.isComplete else {
            throw FormatError(line: container.line + 1, "lvscare's command line has an item that is not a one-line value; node-reconfig will not guess its servers, edit it by hand")
        }
        guard !realServers.isEmpty else {
            throw FormatError(line: container.line + 1, "lvscare has no --rs to copy for the new servers; add one by hand, then run again")
        }
        if let tangled = realServers.first(where: { !$0.standsAlone }) {
            throw FormatError(line: tangled.token.line + 1, "this --rs does not stand alone as one item per line ('- --rs' then '- HOST:PORT'); write one server per --rs, each on its own lines, then run again")
        }
        if let shared = zip(realServers, realServers.dropFirst()).first(where: { $0.0.lines.overlaps($0.1.lines) }) {
            throw FormatError(line: shared.1.token.line + 1, "two --rs entries share a line; write one per line, then run again")
        }
        return realServers
    }

    /// The first entry's lines for `address`: the address swapped, a trailing comment dropped.
    private func copy(of template: RealServer, for address: Address) throws(FormatError) -> [Line] {
        guard template.token.isVerbatim else {
            throw FormatError(line: template.token.line + 1, "the address '\(template.token.text)' is written with escapes; node-reconfig will not copy this item, edit it by hand")
        }
        return template.lines.map { index in
            var bytes = Array(source.lines[index].text.utf8)
            if index == template.token.line {
                bytes.replaceSubrange(template.token.range, with: Array(address.hostPort.utf8))
            }
            if let comment = Self.commentStart(in: bytes) {
                bytes.removeSubrange(comment...)
            }
            return Line(String(decoding: bytes, as: UTF8.self), ending: source.ending(ofLine: index))
        }
    }

    /// Where ` # comment` starts after an item's value (outside quotes), blanks before it included.
    static func commentStart(in bytes: [UInt8]) -> Int? {
        var quote: UInt8? = nil
        for (index, byte) in bytes.enumerated() {
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "#"), index > 0, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 {
                var start = index
                while start > 0, bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09 { start -= 1 }
                return start
            }
        }
        return nil
    }

    /// True when `word` is a block-sequence item alone on its line: `- word`, `- "word"` or
    /// `- 'word'`, with blanks and a comment after it at most.
    static func standsAlone(_ word: ValueToken, in source: SourceText) -> Bool {
        guard word.isVerbatim, word.line < source.lineCount else { return false }
        let bytes = Array(source.lines[word.line].text.utf8)
        var start = word.range.lowerBound, end = word.range.upperBound
        if start > 0, end < bytes.count, bytes[start - 1] == bytes[end], bytes[end] == UInt8(ascii: "'") || bytes[end] == UInt8(ascii: "\"") {
            start -= 1
            end += 1
        }
        var head = bytes[..<start].drop { $0 == 0x20 }
        guard head.first == UInt8(ascii: "-") else { return false }
        head = head.dropFirst()
        guard !head.isEmpty, head.allSatisfy({ $0 == 0x20 }) else { return false }
        let tail = bytes[end...].drop { $0 == 0x20 || $0 == 0x09 }
        return tail.isEmpty || tail.first == UInt8(ascii: "#")
    }
}
