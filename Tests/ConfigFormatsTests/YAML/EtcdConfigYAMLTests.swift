import Testing
import TestSupport
@testable import ConfigFormats

@Suite("EtcdConfigYAML: top-level settings and initial-cluster, empty or not")
struct EtcdConfigYAMLTests {
    static let members = "a=https://10.99.0.2:2380,b=https://10.99.0.3:2380"

    /// File and the exact `initial-cluster:` line expected after setting it to `members`.
    static let corpusEdits: [(String, String)] = [
        ("4-etcd/dotbalo-k8s-ha-install__etc-etcd-config.yml", "initial-cluster: 'a=https://10.99.0.2:2380,b=https://10.99.0.3:2380'"),
        ("4-etcd/etcd-upstream__etcd.conf.yml.sample", "initial-cluster: a=https://10.99.0.2:2380,b=https://10.99.0.3:2380"),
    ]

    static let fixtureEdits: [(String, String)] = [
        ("fixtures/formats/etcd-yaml/empty-initial-cluster.yml", "initial-cluster: a=https://10.99.0.2:2380,b=https://10.99.0.3:2380"),
        ("fixtures/formats/etcd-yaml/double-quoted-crlf.yml", "initial-cluster: \"a=https://10.99.0.2:2380,b=https://10.99.0.3:2380\"   # three members"),
    ]

    @Test("setting a corpus file's initial-cluster changes only its value, keeps the quote style, reads back, and is idempotent",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"), arguments: corpusEdits)
    func corpusGolden(_ path: String, _ expectedLine: String) throws {
        try golden(path, expectedLine)
    }

    @Test("setting a fixture's initial-cluster (filled or empty) changes only its value, reads back, and is idempotent",
          arguments: fixtureEdits)
    func fixtureGolden(_ path: String, _ expectedLine: String) throws {
        try golden(path, expectedLine)
    }

    private func golden(_ path: String, _ expectedLine: String) throws {
        let source = try YAMLTestSupport.source(path)
        let config = try EtcdConfigYAML(source)
        let line = try #require(config.initialCluster?.line ?? config.emptyValueInsertionPoint?.line)
        let expected = YAMLTestSupport.replacing(source, line: line, with: expectedLine)
        let edited = try YAMLTestSupport.apply(try config.patch(settingInitialCluster: Self.members), to: source, expecting: expected)
        let reread = try EtcdConfigYAML(edited)
        #expect(reread.initialCluster?.text == Self.members)
        #expect(reread.emptyValueInsertionPoint == nil)
        #expect(try edited.applying([reread.patch(settingInitialCluster: Self.members)]).bytes == edited.bytes)
    }

    @Test("top-level scalars are exposed with their tokens; nested and flow values are not",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"))
    func values() throws {
        let config = try EtcdConfigYAML(Corpus.source(corpus: "4-etcd/dotbalo-k8s-ha-install__etc-etcd-config.yml"))
        #expect(config.values["listen-client-urls"]?.text == "https://192.168.20.20:2379,http://127.0.0.1:2379")
        #expect(config.styles["listen-client-urls"] == .singleQuoted)
        #expect(config.values["snapshot-count"]?.text == "5000")
        #expect(config.values["ca-file"] == nil)
        #expect(config.emptyValues.keys.sorted() == ["cors", "discovery", "discovery-proxy", "discovery-srv", "log-package-levels"])
        let sample = try EtcdConfigYAML(Corpus.source(corpus: "4-etcd/etcd-upstream__etcd.conf.yml.sample"))
        #expect(sample.initialCluster == nil)
        #expect(sample.emptyValueInsertionPoint?.line == 58)
        #expect(sample.values["cipher-suites"] == nil)
        #expect(sample.values["log-outputs"] == nil)
    }

    @Test("an empty key followed by a comment keeps the comment separated")
    func emptyBeforeComment() throws {
        let source = try YAMLTestSupport.source("fixtures/formats/etcd-yaml/empty-initial-cluster.yml")
        let config = try EtcdConfigYAML(source)
        let edited = try source.applying([config.patch(setting: "discovery-srv", to: "example.internal")])
        #expect(edited.lines[11].text == "discovery-srv: example.internal # unused here")
        #expect(try EtcdConfigYAML(edited).values["discovery-srv"]?.text == "example.internal")
    }

    @Test("an absent or nested key is refused")
    func refusesUnknownKey() throws {
        let config = try EtcdConfigYAML(YAMLTestSupport.source("fixtures/formats/etcd-yaml/double-quoted-crlf.yml"))
        #expect(throws: FormatError.self) { try config.patch(setting: "cert-file", to: "/x") }
        #expect(throws: FormatError.self) { try config.patch(setting: "peer-transport-security", to: "/x") }
    }
}
