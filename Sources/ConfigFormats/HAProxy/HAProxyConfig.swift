/// A haproxy configuration (`haproxy.cfg`, or a fragment without `global`/`defaults`), read
/// line by line: sections and each line's words with exact positions.
///
/// Rendering gives back the original bytes; changes are `Patch`es (see `LoadBalancerConfig`).
public struct HAProxyConfig: LoadBalancerConfig, Equatable {
    /// The file, byte for byte.
    public var source: SourceText
    /// Every line, split in words (blank and comment lines have none).
    public var lines: [HAProxyLine]
    /// The sections in file order. Lines before the first section belong to none.
    public var sections: [HAProxySection]
    /// Every `backend` and `listen` section with its `server` lines, in file order.
    public var pools: [LoadBalancerPool]

    /// Parses `source`. Refuses, with the 1-based line: an unterminated quote, a `server` line
    /// outside a backend/listen section (in `global`, `defaults`, a `frontend`, or before any
    /// section), a `server` line without an address.
    public init(_ source: SourceText) throws(FormatError) {
        self.source = source
        var lines: [HAProxyLine] = []
        for (index, line) in source.lines.enumerated() {
            lines.append(try HAProxyLine(index: index, text: line.text))
        }
        self.lines = lines
        var sections: [HAProxySection] = []
        for line in lines {
            guard let keyword = line.keyword, HAProxySection.keywords.contains(keyword) else { continue }
            if !sections.isEmpty {
                sections[sections.count - 1].lines = sections[sections.count - 1].line..<line.index
            }
            let name = line.words.count > 1 ? line.words[1].text : nil
            sections.append(HAProxySection(keyword: keyword, name: name, line: line.index, lines: line.index..<lines.count))
        }
        self.sections = sections
        self.pools = try Self.pools(lines: lines, sections: sections)
    }

    /// The file's bytes, exactly as read.
    public func render() -> [UInt8] {
        source.bytes
    }

    /// The section holding 0-based line `line`, if any.
    public func section(containing line: Int) -> HAProxySection? {
        sections.last { $0.lines.contains(line) }
    }
}
