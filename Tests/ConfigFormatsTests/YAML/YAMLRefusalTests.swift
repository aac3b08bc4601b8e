import Testing
import TestSupport
@testable import ConfigFormats

@Suite("YAML refuses what would make a rewrite a guess")
struct YAMLRefusalTests {
    @Test("each invalid fixture throws FormatError on the expected line", arguments: [
        ("tab-indentation.line4.yaml", 4, "tab"),
        ("misaligned-key.line5.yaml", 5, "indentation"),
        ("duplicate-key.line7.yaml", 7, "duplicate key 'server'"),
        ("unterminated-double-quote.line5.yaml", 5, "unterminated double-quoted"),
        ("unterminated-single-quote.line2.yml", 2, "unterminated single-quoted"),
        ("unclosed-flow.line2.yml", 2, "never closed"),
        ("continued-plain-value.line6.yaml", 6, "indentation"),
        ("item-where-key-expected.line3.yaml", 3, "list item"),
        ("list-on-key-line.line4.yaml", 4, "same line"),
    ])
    func invalidFixture(_ file: String, _ line: Int, _ words: String) throws {
        let source = try Corpus.source(fixture: "invalid/yaml/" + file)
        let error = #expect(throws: FormatError.self) { try YAMLDocument(source) }
        #expect(error?.line == line)
        #expect(error?.message.contains(words) == true, "message was: \(error?.message ?? "-")")
    }

    @Test("an anchor or alias on a server: value is refused by the kubeconfig view, not by the parser")
    func anchorOnServer() throws {
        let source = try Corpus.source(fixture: "invalid/yaml/anchor-on-server.line5.yaml")
        let document = try YAMLDocument(source)
        #expect(document.render() == source.bytes)
        let error = #expect(throws: FormatError.self) { try Kubeconfig(source) }
        #expect(error?.line == 5)
    }

    @Test("every invalid fixture is covered by a test")
    func allInvalidFixturesListed() {
        let files = Corpus.fixtures(where: { $0.hasPrefix("invalid/yaml/") })
        #expect(files.count == 10)
    }

    @Test("anchors away from the views' paths stay opaque and parse")
    func anchorsElsewhere() throws {
        let text = "defaults: &d\n  a: 1\nother:\n  <<: *d\n  b: !!str 2\n"
        let document = try YAMLDocument(SourceText(bytes: Array(text.utf8)))
        #expect(document.root?["defaults"]?.properties == "&d")
        #expect(document.root?["other"]?.entries.count == 2)
        #expect(throws: FormatError.self) { try document.root?["other"]?.child("b") }
    }
}
