import Testing
import TestSupport
@testable import ConfigFormats

@Suite("NginxConfig parses, keeps every byte, and refuses broken files")
struct NginxConfigTests {
    static let corpusFiles = Corpus.files { $0.hasPrefix("7-lb-nginx-haproxy/") && $0.hasSuffix(".conf") }
    static let fixtureFiles = Corpus.fixtures { $0.hasPrefix("formats/nginx/") }

    @Test("the corpus and fixture lists are not empty")
    func listsFound() {
        #expect(!Self.fixtureFiles.isEmpty)
        if Corpus.isAvailable { #expect(Self.corpusFiles.count == 5) }
    }

    @Test("tokens keep exact positions: quotes, $vars, ${var}, escapes, comments")
    func tokens() throws {
        let text = "log_format x '$a ${b}c' \"q\\\"\"; # not a token ;\nlisten 1.2.3.4:80;\n"
        let config = try NginxConfig(SourceText(bytes: Array(text.utf8)))
        let first = try #require(config.directives.first)
        #expect(first.keyword == "log_format")
        #expect(first.arguments.map(\.value.text) == ["x", "$a ${b}c", "q\""])
        #expect(first.arguments[1].value.isVerbatim)
        #expect(!first.arguments[2].value.isVerbatim)
        let listen = config.directives[1]
        let token = listen.arguments[0].value
        #expect(token.line == 1)
        #expect(Array(text.split(separator: "\n")[1].utf8)[token.range].elementsEqual("1.2.3.4:80".utf8))
    }

    @Test("blocks nest and include stays a directive")
    func tree() throws {
        let text = "http {\n  include conf.d/*.conf;\n  upstream K8S { server 10.0.0.1:6443 backup; server 10.0.0.2; }\n}\n"
        let config = try NginxConfig(SourceText(bytes: Array(text.utf8)))
        #expect(config.directives.map(\.keyword) == ["http"])
        #expect(config.allDirectives.map(\.keyword) == ["http", "include", "upstream", "server", "server"])
        #expect(config.directives(named: "server") == config.allDirectives.filter { $0.keyword == "server" })
        #expect(config.directives(named: "upstream").map(\.line) == [2])
        let pool = try #require(config.pools.first)
        #expect(pool.name == "K8S")
        #expect(pool.servers.map(\.address.hostPort) == ["10.0.0.1:6443", "10.0.0.2"])
        #expect(pool.servers.map(\.isBackup) == [true, false])
        #expect(pool.servers.allSatisfy { !$0.ownsLine })
    }
}
