import Testing
import TestSupport
@testable import ConfigFormats

@Suite("HAProxyConfig parses, keeps every byte, and refuses misplaced servers")
struct HAProxyConfigTests {
    static let corpusFiles = Corpus.files { $0.hasPrefix("7-lb-nginx-haproxy/") && $0.hasSuffix(".cfg") }
    static let fixtureFiles = Corpus.fixtures { $0.hasPrefix("formats/haproxy/") }

    @Test("the corpus and fixture lists are not empty")
    func listsFound() {
        #expect(!Self.fixtureFiles.isEmpty)
        if Corpus.isAvailable { #expect(Self.corpusFiles.count == 7) }
    }

    @Test("words: escaped spaces, quotes and comments")
    func words() throws {
        let line = try HAProxyLine(index: 0, text: "  stats realm welcome login\\ Haproxy \"a b\" # c d")
        #expect(line.words.map(\.text) == ["stats", "realm", "welcome", "login Haproxy", "a b"])
        #expect(!line.words[3].token.isVerbatim)
        #expect(line.words[4].token.isVerbatim)
        #expect(line.words[4].token.range == 38..<41)
    }

    @Test("sections, a fragment without global, and pools of backend/listen only")
    func sections() throws {
        let text = "frontend f\n  bind :6443\n  default_backend b\nbackend b\n  server m1 m1.example:6443 check\npeers p\n  server x 127.0.0.1:1024\n"
        let config = try HAProxyConfig(SourceText(bytes: Array(text.utf8)))
        #expect(config.sections.map(\.keyword) == ["frontend", "backend", "peers"])
        #expect(config.sections[1].lines == 3..<5)
        #expect(config.pools.map(\.name) == ["b"])
        #expect(config.pools[0].servers[0].name == "m1")
        #expect(config.pools[0].servers[0].address.port == 6443)
    }

    @Test("an unbracketed IPv6 server takes its last ':' field as the port")
    func unbracketedIPv6() throws {
        let text = "backend k\n server  a_IPv6  2409:8080:5801:824f:2::12:6443 check\n"
        let server = try #require(HAProxyConfig(SourceText(bytes: Array(text.utf8))).pools.first?.servers.first)
        #expect(server.address.host == "2409:8080:5801:824f:2::12")
        #expect(server.address.port == 6443)
        #expect(server.address.poolKey == Address(parsing: "[2409:8080:5801:824F:2::12]:6443").poolKey)
    }
}
