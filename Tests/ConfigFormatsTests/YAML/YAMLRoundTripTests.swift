import Testing
import TestSupport
@testable import ConfigFormats

/// The corpus files and fixtures the YAML parser must read and give back byte for byte.
enum YAMLFiles {
    static func isYAML(_ path: String) -> Bool {
        path.hasSuffix(".yaml") || path.hasSuffix(".yml") || path.hasSuffix(".yml.sample") || path.hasSuffix(".json")
    }

    static let corpus = Corpus.files(where: isYAML)
    static let fixtures = Corpus.fixtures(where: { path in
        ["formats/kubeconfig/", "formats/manifest/", "formats/etcd-yaml/"].contains(where: { path.hasPrefix($0) })
    })
}

@Suite("YAML documents keep every byte")
struct YAMLRoundTripTests {
    @Test("every YAML and JSON file of the corpus parses and renders back unchanged",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"), arguments: YAMLFiles.corpus)
    func corpusRoundTrip(_ path: String) throws {
        let bytes = try Corpus.bytes(corpus: path)
        let document = try YAMLDocument(SourceText(bytes: bytes))
        #expect(document.render() == bytes)
        #expect(!document.documents.isEmpty)
    }

    @Test("the corpus holds YAML files to test", .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"))
    func corpusIsNotEmpty() {
        #expect(YAMLFiles.corpus.count >= 20)
    }

    @Test("every YAML fixture parses and renders back unchanged", arguments: YAMLFiles.fixtures)
    func fixtureRoundTrip(_ path: String) throws {
        let bytes = try Corpus.bytes(fixture: path)
        let document = try YAMLDocument(SourceText(bytes: bytes))
        #expect(document.render() == bytes)
    }

    @Test("CRLF endings, no final newline, markers and comments are kept", arguments: [
        "a: 1\r\nb:\r\n- x\r\n- y",
        "---\n# c\nkey: 'v' # trailing\n...\n---\nother: \"w\"\n",
        "k: |\n  line one\n\n  line two\nnext: [a, b]\n",
        "top:\n  nested:\n    - name: a\n      value: b\n  flow: {a: 1,\n    b: 2}\n",
    ])
    func inlineRoundTrip(_ text: String) throws {
        let document = try YAMLDocument(SourceText(bytes: Array(text.utf8)))
        #expect(document.render() == Array(text.utf8))
    }
}
