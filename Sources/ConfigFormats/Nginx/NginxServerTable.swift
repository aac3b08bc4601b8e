/// The `server` directives of one nginx upstream, as indexes into the file's compact form:
/// each `PoolServer` is made when it is read (a pool of 876,000 servers kept as `PoolServer`s
/// cost ~230 bytes a line; this costs 4).
struct NginxServerTable: Sendable {
    let syntax: NginxSyntax
    /// Node indexes of the `server` directives, in file order.
    let nodes: [UInt32]

    var count: Int { nodes.count }

    /// Server `position` in full: its summary plus the address token, `backup`, the marker
    /// spans and where a drain word goes.
    func server(at position: Int) -> PoolServer {
        let summary = summary(at: position)
        let node = syntax.nodes[Int(nodes[position])]
        let line = summary.line
        let terminator = node.terminator
        var isBackup = false
        var markerSpans: [Range<Int>] = []
        for index in (Int(node.name) + 2)..<terminator {
            let isDownWord = syntax.token(index, is: "down")
            guard isDownWord || syntax.token(index, is: "backup") else { continue }
            isBackup = isBackup || !isDownWord
            let token = syntax.token(index, lineHint: line)
            if token.value.line == line { markerSpans.append(token.start..<token.end) }
        }
        // Only where the last argument ends: no need to read its text.
        let lastEnd = Int(syntax.spans[terminator - 1].end)
        let lastLine = syntax.source.line(containing: lastEnd - 1, from: line)
        return PoolServer(
            line: line,
            address: summary.address,
            addressToken: syntax.token(Int(node.name) + 1, lineHint: line).value,
            isDown: summary.isDown,
            isBackup: isBackup,
            markerSpans: markerSpans,
            insertionLine: lastLine,
            insertionOffset: lastEnd - syntax.source.startOffset(ofLine: lastLine),
            ownsLine: summary.ownsLine
        )
    }

    /// What the pool rewrite reads of server `position`, without making any token's text.
    func summary(at position: Int) -> PoolServerSummary {
        let node = syntax.nodes[Int(nodes[position])]
        let first = Int(node.name)
        let terminator = node.terminator
        let isDown = ((first + 2)..<terminator).contains { syntax.token($0, is: "down") }
        return PoolServerSummary(line: Int(node.line), address: syntax.address(ofToken: first + 1), isDown: isDown,
                                 ownsLine: ownsLine(node, terminator: terminator))
    }

    /// The directive sits on one line with no other token starting or ending there.
    private func ownsLine(_ node: NginxSyntax.Node, terminator: Int) -> Bool {
        let source = syntax.source
        let line = Int(node.line)
        let nextLineStart = source.startOffset(ofLine: line + 1)
        guard Int(syntax.spans[terminator].end) <= nextLineStart else { return false }
        let first = Int(node.name)
        if first > 0, Int(syntax.spans[first - 1].end) > source.startOffset(ofLine: line) { return false }
        if terminator + 1 < syntax.spans.count, Int(syntax.spans[terminator + 1].start) < nextLineStart { return false }
        return true
    }
}
