import Testing
import TestSupport
@testable import ConfigFormats

/// Helpers shared by the YAML suites.
enum YAMLTestSupport {
    /// Reads a corpus file (`corpus:` prefix omitted) or a fixture (`fixtures/` prefix).
    static func source(_ path: String) throws -> SourceText {
        if path.hasPrefix("fixtures/") { return try Corpus.source(fixture: String(path.dropFirst("fixtures/".count))) }
        return try Corpus.source(corpus: path)
    }

    /// `source` with line `line` (0-based) replaced by `text`, ending kept: the expected output
    /// of an edit that changes one value.
    static func replacing(_ source: SourceText, line: Int, with text: String) -> [UInt8] {
        var lines = Array(source.lines)
        lines[line].text = text
        return SourceText(lines: lines).bytes
    }

    /// Applies `patch`, checks the result is exactly `expected`, and returns it parsed again.
    static func apply(_ patch: Patch, to source: SourceText, expecting expected: [UInt8]) throws -> SourceText {
        let edited = try source.applying([patch])
        #expect(edited.string == String(decoding: expected, as: UTF8.self))
        #expect(edited.bytes == expected)
        return edited
    }
}
