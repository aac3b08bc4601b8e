import Testing
import TestSupport
@testable import ConfigFormats

/// Every format, the files of the corpus and of `fixtures/` it reads, and how it parses them:
/// one table for the round-trip suite and the refusal suite.
struct FormatKind: Sendable, CustomTestStringConvertible {
    var name: String
    /// Parses and renders back (the bytes must equal the input).
    var render: @Sendable (SourceText) throws -> [UInt8]
    /// What every corpus file of this kind must also show (a list of pools, an ExecStart…).
    var corpusShape: @Sendable (SourceText) throws -> Void = { _ in }

    var testDescription: String { name }

    static let kubeconfig = FormatKind(name: "kubeconfig", render: { try Kubeconfig($0).render() },
                                       corpusShape: { source in
        let kubeconfig = try Kubeconfig(source)
        #expect(!kubeconfig.clusters.isEmpty)
    })
    static let manifest = FormatKind(name: "manifest", render: { try PodManifest($0).render() })
    static let etcdYAML = FormatKind(name: "etcd-yaml", render: { try EtcdConfigYAML($0).render() })
    static let yaml = FormatKind(name: "yaml", render: { try YAMLDocument($0).render() },
                                 corpusShape: { source in
        let document = try YAMLDocument(source)
        #expect(!document.documents.isEmpty)
    })
    static let json = FormatKind(name: "json", render: { try JSONDocument($0).render() })
    static let rancherConfig = FormatKind(name: "k3s-config", render: { try RancherConfig($0).render() })
    static let lvscare = FormatKind(name: "lvscare", render: { try LvscareManifest($0).render() })
    static let calicoctl = FormatKind(name: "calicoctl", render: { try CalicoctlConfig($0).render() },
                                      corpusShape: { source in
        let config = try CalicoctlConfig(source)
        #expect(config.etcdEndpoints != nil)
    })
    static let openshiftMaster = FormatKind(name: "openshift-master", render: { try OpenShiftMasterConfig($0).render() })
    static let openshiftNode = FormatKind(name: "openshift-node", render: { try OpenShiftNodeConfig($0).render() })
    static let corefile = FormatKind(name: "corefile", render: { try Corefile($0).render() })
    static let keepalived = FormatKind(name: "keepalived", render: { try KeepalivedConfig($0).render() })
    static let env = FormatKind(name: "env", render: { try EnvFile($0).render() },
                                corpusShape: { source in
        let file = try EnvFile(source)
        #expect(!file.assignments.isEmpty)
    })
    static let unit = FormatKind(name: "unit", render: { try SystemdUnit($0).render() }, corpusShape: { source in
        let unit = try SystemdUnit(source)
        let exec = try #require(unit.entries("ExecStart").last)
        #expect(exec.section == "Service")
        #expect(exec.shellWords.allSatisfy { !$0.text.contains("\\") }, "no continuation backslash in a word")
    })
    static let nginx = FormatKind(name: "nginx", render: { try NginxConfig($0).render() }, corpusShape: { source in
        let config = try NginxConfig(source)
        #expect(!config.pools.isEmpty && config.pools.allSatisfy { !$0.servers.isEmpty })
    })
    static let haproxy = FormatKind(name: "haproxy", render: { try HAProxyConfig($0).render() },
                                    corpusShape: { source in
        let config = try HAProxyConfig(source)
        #expect(config.pools.contains { !$0.servers.isEmpty })
    })

    /// The fixture folder name (`formats/NAME/`, `invalid/NAME/`) → kind. Invalid YAML is read as
    /// a kubeconfig, whose view refuses what the bare document accepts (an anchor on `server:`).
    static let byFolder: [String: FormatKind] = [
        "kubeconfig": .kubeconfig, "manifest": .manifest, "etcd-yaml": .etcdYAML, "yaml": .kubeconfig, "json": .json,
        "env": .env, "unit": .unit, "nginx": .nginx, "haproxy": .haproxy, "k3s-config": .rancherConfig, "lvscare": .lvscare,
        "calicoctl": .calicoctl, "openshift-master": .openshiftMaster, "openshift-node": .openshiftNode, "corefile": .corefile, "keepalived": .keepalived,
    ]

    /// The kinds a corpus file is read as (a JSON file is YAML too).
    static func kinds(ofCorpus path: String) -> [FormatKind] {
        let folder = path.split(separator: "/").first.map(String.init) ?? ""
        if path.hasSuffix(".json") { return [.json, .yaml] }
        if path.contains("calicoctl.cfg") { return [.calicoctl, .yaml] }
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") || path.hasSuffix(".yml.sample") {
            return folder == "1-kubeconfig" ? [.kubeconfig, .yaml] : [.yaml]
        }
        if path.hasSuffix(".env") { return [.env] }
        if path.hasSuffix(".service") { return [.unit] }
        if path.hasSuffix(".cfg") { return [.haproxy] }
        if path.hasSuffix(".conf"), folder == "7-lb-nginx-haproxy" { return [.nginx] }
        return []
    }
}

/// One file to read: where it is, and as which kind.
struct FormatFile: Sendable, CustomTestStringConvertible {
    var kind: FormatKind
    var path: String
    var isCorpus: Bool

    var testDescription: String { "\(kind.name): \(isCorpus ? "corpus " : "")\(path)" }

    func bytes() throws -> [UInt8] {
        isCorpus ? try Corpus.bytes(corpus: path) : try Corpus.bytes(fixture: path)
    }

    static let corpus: [FormatFile] = Corpus.files().flatMap { path in
        FormatKind.kinds(ofCorpus: path).map { FormatFile(kind: $0, path: path, isCorpus: true) }
    }

    static func fixtures(under root: String) -> [FormatFile] {
        Corpus.fixtures { $0.hasPrefix(root + "/") && !$0.hasSuffix(".md") }.compactMap { path in
            let folder = String(path.split(separator: "/")[1])
            return FormatKind.byFolder[folder].map { FormatFile(kind: $0, path: path, isCorpus: false) }
        }
    }

    static let fixtures = fixtures(under: "formats")
    static let invalid = fixtures(under: "invalid")

    /// The 1-based line an invalid fixture's name gives: `name.lineN.ext`.
    var expectedLine: Int? {
        path.split(separator: "/").last?.split(separator: ".").first { $0.hasPrefix("line") }.flatMap { Int($0.dropFirst(4)) }
    }
}

@Suite("Every format keeps every byte of every corpus file and fixture")
struct RoundTripTests {
    @Test("each corpus file parses as its kind and renders back unchanged",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"), arguments: FormatFile.corpus)
    func corpus(_ file: FormatFile) throws {
        let bytes = try file.bytes()
        let source = try SourceText(bytes: bytes)
        #expect(try file.kind.render(source) == bytes)
        try file.kind.corpusShape(source)
    }

    @Test("each fixture under fixtures/formats parses as its folder's kind and renders back unchanged", arguments: FormatFile.fixtures)
    func fixture(_ file: FormatFile) throws {
        let bytes = try file.bytes()
        #expect(try file.kind.render(SourceText(bytes: bytes)) == bytes)
    }

    @Test("every kind has fixtures, and the corpus is read whole (an empty list would run no case and pass)")
    func listsFound() {
        let kinds = Set(FormatFile.fixtures.map(\.kind.name))
        #expect(kinds == ["kubeconfig", "manifest", "etcd-yaml", "json", "env", "unit", "nginx", "haproxy", "k3s-config", "lvscare",
                          "calicoctl", "openshift-master", "openshift-node", "corefile", "keepalived"])
        #expect(Corpus.fixtures { $0.hasPrefix("formats/") }.count == FormatFile.fixtures.count, "a fixture folder no kind reads")
        if Corpus.isAvailable {
            let read = Set(FormatFile.corpus.map(\.path))
            #expect(Corpus.files().filter { !read.contains($0) } == [], "corpus files no kind reads")
        }
    }
}

@Suite("Every invalid fixture is refused at the line its name gives")
struct InvalidFixtureTests {
    @Test("each file under fixtures/invalid is refused by its folder's kind, at line N of its name 'name.lineN.ext', with a message",
          arguments: FormatFile.invalid)
    func refused(_ file: FormatFile) throws {
        let expected = try #require(file.expectedLine, "the file name does not give the line: name it name.lineN.ext")
        let source = try SourceText(bytes: file.bytes())
        let error = try #require(throws: FormatError.self) { _ = try file.kind.render(source) }
        #expect(error.line == expected, "\(error)")
        #expect(error.message.count > 20, "\(error)")
    }

    @Test("every invalid fixture is read by some kind and names its line")
    func allNamed() {
        #expect(Corpus.fixtures { $0.hasPrefix("invalid/") }.count == FormatFile.invalid.count)
        #expect(FormatFile.invalid.allSatisfy { $0.expectedLine != nil })
        #expect(FormatFile.invalid.count >= 40)
    }
}
