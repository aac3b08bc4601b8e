/// The `server` directives of one nginx upstream, as indexes into the file's compact form:
/// each `PoolServer` is made when it is read (a pool of 876,000 servers kept as `PoolServer`s
/// cost ~230 bytes a line; this costs 4).
struct NginxServerTable: Sendable {
    let syntax: NginxSyntax
    /// Node indexes of the `server` directives, in file order.
    let nodes: [UInt32]

    var count: Int { nodes.count }

    func server(at position: Int) -> PoolServer {
        let node = syntax.nodes[Int(nodes[position])]
        let line = Int(node.line)
        let first = Int(node.name)
        let terminator = node.terminator
        let address = syntax.token(first + 1, lineHint: line)
        var isDown = false
        var isBackup = false
        var markerSpans: [Range<Int>] = []
        for index in (first + 2)..<terminator {
            let isDownWord = syntax.token(index, isWord: "down")
            guard isDownWord || syntax.token(index, isWord: "backup") else { continue }
            isDown = isDown || isDownWord
            isBackup = isBackup || !isDownWord
            let token = syntax.token(index, lineHint: line)
            if token.value.line == line { markerSpans.append(token.start..<token.end) }
        }
        // Only where the last argument ends: no need to read its text.
        let lastEnd = Int(syntax.spans[terminator - 1].end)
        let lastLine = syntax.source.line(containing: lastEnd - 1, from: line)
        return PoolServer(
            line: line,
            address: Address(parsing: Substring(address.value.text)),
            addressToken: address.value,
            isDown: isDown,
            isBackup: isBackup,
            markerSpans: markerSpans,
            insertionLine: lastLine,
            insertionOffset: lastEnd - syntax.source.startOffset(ofLine: lastLine),
            ownsLine: ownsLine(node, terminator: terminator)
        )
    }

    func summary(at position: Int) -> PoolServerSummary {
        let node = syntax.nodes[Int(nodes[position])]
        let first = Int(node.name)
        let terminator = node.terminator
        var isDown = false
        for index in (first + 2)..<terminator where syntax.token(index, isWord: "down") { isDown = true }
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
