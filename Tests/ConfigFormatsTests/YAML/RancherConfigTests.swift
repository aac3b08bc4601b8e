import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

/// k3s and rke2 `config.yaml`: `server:` and the secret lines, and edits that PyYAML (a real YAML
/// reader, as k3s's own is) reads back with only `server` changed.
@Suite("RancherConfig: a k3s/rke2 config.yaml's server and secrets")
struct RancherConfigTests {
    /// Fixture, the new server, and the exact `server:` line expected after the edit.
    static let edits: [(String, String, String)] = [
        ("fixtures/formats/k3s-config/agent.yaml", "https://10.17.40.20:6443", "server: https://10.17.40.20:6443"),
        ("fixtures/formats/k3s-config/rke2-crlf-quoted.yaml", "https://10.17.40.20:9345", "server: \"https://10.17.40.20:9345\""),
        ("fixtures/formats/k3s-config/config-d-server.yaml", "https://k3s-api-2.example.internal:6443",
         "server: \"https://k3s-api-2.example.internal:6443\""),
    ]

    @Test("server: is read with its line and quote style; token: lines are the secrets, nothing else")
    func reading() throws {
        let agent = try RancherConfig(YAMLTestSupport.source("fixtures/formats/k3s-config/agent.yaml"))
        #expect(agent.server?.text == "https://10.17.33.20:6443")
        #expect(agent.server?.token.line == 1)
        #expect(agent.server?.style == .plain)
        #expect(agent.secretLines == [2])
        let rke2 = try RancherConfig(YAMLTestSupport.source("fixtures/formats/k3s-config/rke2-crlf-quoted.yaml"))
        #expect(rke2.server?.text == "https://10.17.33.20:9345")
        #expect(rke2.server?.style == .doubleQuoted)
        #expect(rke2.secretLines == [2])
        // token-file names a file: not a secret itself.
        let dropIn = try RancherConfig(YAMLTestSupport.source("fixtures/formats/k3s-config/config-d-server.yaml"))
        #expect(dropIn.secretLines.isEmpty)
        #expect(try RancherConfig(SourceText(bytes: Array("# nothing here yet\n".utf8))).server == nil)
        #expect(try RancherConfig(SourceText(bytes: Array("server:\ntoken: x\n".utf8))).server == nil)
    }

    @Test("a datastore-endpoint (it may carry a password) and a token over several lines: key lines, and every further line whole")
    func secretsOverLines() throws {
        let text = "datastore-endpoint: mysql://k3s:s3cret@tcp(10.0.0.5:3306)/k3s\ntoken: >-\n  K10abc\n  ::server:def\nwrite-kubeconfig-mode: \"0644\"\n"
        let config = try RancherConfig(SourceText(bytes: Array(text.utf8)))
        #expect(config.secretLines == [0, 1])
        #expect(config.secretContinuationLines == [2, 3])
    }

    @Test("setting server: changes only its value in its quote style, PyYAML reads every other key as before, and a second edit changes nothing",
          arguments: edits)
    func golden(_ path: String, _ server: String, _ expectedLine: String) throws {
        let source = try YAMLTestSupport.source(path)
        let config = try RancherConfig(source)
        let scalar = try #require(config.server)
        let expected = YAMLTestSupport.replacing(source, line: scalar.token.line, with: expectedLine)
        let edited = try YAMLTestSupport.apply(try scalar.patch(with: server), to: source, expecting: expected)
        let again = try #require(try RancherConfig(edited).server)
        #expect(again.text == server)
        #expect(try edited.applying([again.patch(with: server)]).bytes == edited.bytes)

        guard let before = try PyYAML.read(source.bytes), let after = try PyYAML.read(edited.bytes) else { return }
        let (old, new) = (try Self.mapping(before), try Self.mapping(after))
        #expect(new["server"] as? String == server)
        #expect(try Self.canonical(new, without: "server") == Self.canonical(old, without: "server"), "PyYAML reads other keys differently")
    }

    /// The one document's top-level mapping, from PyYAML's reading (a JSON list of documents).
    static func mapping(_ json: String) throws -> [String: Any] {
        let documents = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])
        return try #require(documents.first as? [String: Any], "PyYAML read no mapping: \(json)")
    }

    /// `mapping` less `key`, as JSON with sorted keys: comparable text.
    static func canonical(_ mapping: [String: Any], without key: String) throws -> String {
        var rest = mapping
        rest[key] = nil
        return String(decoding: try JSONSerialization.data(withJSONObject: rest, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test("a server: that is a list and a root that is no mapping are refused at their line", arguments: [
        ("server:\n  - https://a:6443\n", 1),
        ("- server: https://a:6443\n", 1),
        ("server: {url: https://a:6443}\n", 1),
    ])
    func refusals(_ text: String, _ line: Int) throws {
        let error = try #require(throws: FormatError.self) { _ = try RancherConfig(SourceText(bytes: Array(text.utf8))) }
        #expect(error.line == line, "\(error)")
    }
}
