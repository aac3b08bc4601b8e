import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

/// PyYAML (`python3 -c 'import yaml'`, Debian's python3-yaml) as the reader of record for the
/// YAML files whose lists and strings we rewrite: what it reads from our output is what we meant.
enum PyYAML {
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3"].first { path in
        FileManager.default.isExecutableFile(atPath: path)
            && (try? Subprocess.run([path, "-c", "import yaml"]).status) == 0
    }

    /// Every document of `bytes` as PyYAML reads it (safe_load_all), as JSON text; nil (recorded
    /// as an issue under CI=true) when PyYAML is not installed.
    static func read(_ bytes: [UInt8]) throws -> String? {
        guard let python else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("python3-yaml is missing and CI=true") }
            else { print("skipping: python3 with PyYAML is not installed") }
            return nil
        }
        let script = "import json, sys, yaml\nprint(json.dumps(list(yaml.safe_load_all(sys.stdin.buffer.read())), sort_keys=True))"
        let result = try Subprocess.run([python, "-c", script], stdin: Data(bytes))
        try #require(result.status == 0, "PyYAML refused the file: \(result.errorOutput)")
        return result.output
    }
}

@Suite("OpenShift master-config.yaml: etcdClientInfo.urls rewritten as a list in its own style, read back by PyYAML")
struct OpenShiftMasterConfigTests {
    /// Fixture, new URLs, the old text of the list and the new text (the only bytes that change).
    static let goldenEdits: [(String, [String], String, String)] = [
        ("formats/openshift-master/block-urls.yaml", ["https://10.40.0.21:2379", "https://10.99.0.24:2379"],
         "  - https://10.40.0.21:2379\n  - https://10.40.0.22:2379   # master-2, to be decommissioned\n  - https://10.40.0.23:2379\n",
         "  - https://10.40.0.21:2379\n  - https://10.99.0.24:2379\n"),
        // A kept URL keeps its line, comment included; a new one copies the first line without its comment.
        ("formats/openshift-master/block-urls.yaml", ["https://10.40.0.22:2379", "https://10.99.0.24:2379", "https://10.99.0.25:2379"],
         "  - https://10.40.0.21:2379\n  - https://10.40.0.22:2379   # master-2, to be decommissioned\n  - https://10.40.0.23:2379\n",
         "  - https://10.40.0.22:2379   # master-2, to be decommissioned\n  - https://10.99.0.24:2379\n  - https://10.99.0.25:2379\n"),
        ("formats/openshift-master/flow-urls-crlf.yaml", ["https://10.99.0.21:2379", "https://10.99.0.22:2379", "https://10.99.0.23:2379"],
         "urls: [\"https://10.40.0.21:2379\",  \"https://10.40.0.22:2379\"]\r\n",
         "urls: [\"https://10.99.0.21:2379\",  \"https://10.99.0.22:2379\",  \"https://10.99.0.23:2379\"]\r\n"),
        ("formats/openshift-master/indented-quoted-no-final-newline.yaml", ["https://10.99.0.21:2379", "https://10.99.0.22:2379", "https://10.99.0.23:2379"],
         "    - 'https://10.40.0.21:2379'\n    - 'https://10.40.0.22:2379'",
         "    - 'https://10.99.0.21:2379'\n    - 'https://10.99.0.22:2379'\n    - 'https://10.99.0.23:2379'"),
        ("addons/openshift-master/etc/origin/master/master-config.yaml", ["https://10.30.0.21:2379"],
         "  - https://10.20.0.21:2379\n  - https://10.20.0.22:2379\n  - https://10.20.0.23:2379\n",
         "  - https://10.30.0.21:2379\n"),
    ]

    @Test("the list holds the new URLs and nothing else changed; a second pass changes nothing; PyYAML reads exactly the new list",
          arguments: goldenEdits)
    func golden(_ path: String, _ urls: [String], _ old: String, _ new: String) throws {
        let source = try Corpus.source(fixture: path)
        let list = try #require(try OpenShiftMasterConfig(source).etcdURLs)
        let edited = try source.applying(list.patches(setting: urls, in: source))
        let text = source.string
        #expect(text.components(separatedBy: old).count == 2, "the old list appears once")
        #expect(edited.string == text.replacingOccurrences(of: old, with: new))
        let again = try #require(try OpenShiftMasterConfig(edited).etcdURLs)
        #expect(again.values == urls)
        #expect(again.style == list.style)
        #expect(try edited.applying(again.patches(setting: urls, in: edited)) == edited)

        guard let before = try PyYAML.read(source.bytes), let after = try PyYAML.read(edited.bytes) else { return }
        #expect(after == (try PyYAML.read(Array(text.replacingOccurrences(of: old, with: Self.plainList(urls, like: old)).utf8))))
        #expect(before != after)
    }

    /// The list written in the simplest block style at the old list's indentation (for PyYAML to
    /// compare against): `- url` lines, or the flow list.
    static func plainList(_ urls: [String], like old: String) -> String {
        if old.hasPrefix("urls: [") { return "urls: [" + urls.joined(separator: ", ") + "]\r\n" }
        let indent = String(old.prefix { $0 == " " })
        return urls.map { indent + "- " + $0 }.joined(separator: "\n") + (old.hasSuffix("\n") ? "\n" : "")
    }

    @Test("lists that are read but not rewritten: refused with their line", arguments: [
        ("formats/openshift-master/flow-over-lines.yaml", 4),
        ("formats/openshift-master/embedded-etcd.yaml", 13),
    ])
    func refusedRewrite(_ path: String, _ line: Int) throws {
        let source = try Corpus.source(fixture: path)
        let list = try #require(try OpenShiftMasterConfig(source).etcdURLs)
        let error = try #require(throws: FormatError.self) { try list.patches(setting: ["https://10.99.0.1:2379"], in: source) }
        #expect(error.line == line, "\(error)")
    }

    @Test("comments between the items, or a value the quote style cannot hold, are refused with the line")
    func refusals() throws {
        let commented = try SourceText(bytes: Array("etcdClientInfo:\n  urls:\n  - https://a:2379\n  # b is gone\n  - https://c:2379\n".utf8))
        let list = try #require(try OpenShiftMasterConfig(commented).etcdURLs)
        #expect(list.values == ["https://a:2379", "https://c:2379"])
        #expect(throws: FormatError.self) { try list.patches(setting: ["https://d:2379"], in: commented) }
        let plain = try SourceText(bytes: Array("etcdClientInfo:\n  urls:\n  - https://a:2379\n".utf8))
        let plainList = try #require(try OpenShiftMasterConfig(plain).etcdURLs)
        let error = try #require(throws: FormatError.self) { try plainList.patches(setting: ["a: b"], in: plain) }
        #expect(error.line == 3)
    }

    @Test("the TLS files and the loopback kubeconfig a master-config names; node-config's masterKubeConfig")
    func namedFiles() throws {
        let master = try OpenShiftMasterConfig(Corpus.source(fixture: "addons/openshift-master/etc/origin/master/master-config.yaml"))
        #expect(master.etcdClientFiles.map { "\($0.key)=\($0.path.text)" } == ["ca=master.etcd-ca.crt", "certFile=master.etcd-client.crt", "keyFile=master.etcd-client.key"])
        #expect(master.loopbackKubeConfig?.text == "openshift-master.kubeconfig")
        let node = try OpenShiftNodeConfig(Corpus.source(fixture: "formats/openshift-node/node-config-3.9.yaml"))
        #expect(node.masterKubeConfig?.text == "system:node:node-1.ocp39.example.com.kubeconfig")
        #expect(node.masterKubeConfig?.token.line == 20)
    }

    @Test("a file without etcdClientInfo.urls has no list")
    func absent() throws {
        let source = try SourceText(bytes: Array("kind: MasterConfig\netcdClientInfo:\n  ca: ca.crt\n".utf8))
        #expect(try OpenShiftMasterConfig(source).etcdURLs == nil)
    }
}

@Suite("calicoctl.cfg: etcdEndpoints and k8sAPIEndpoint in the v1 and v3 shapes, read back by PyYAML")
struct CalicoctlConfigTests {
    static let newEndpoints = "https://10.99.0.1:2379,https://10.99.0.2:2379"

    @Test("the values each shape holds", arguments: [
        ("formats/calicoctl/v3.cfg", "https://10.40.0.21:2379,https://10.40.0.22:2379,https://10.40.0.23:2379", nil),
        ("formats/calicoctl/v1-crlf.cfg", "http://10.40.0.21:2379,http://10.40.0.22:2379", nil),
        ("formats/calicoctl/kubernetes-datastore.cfg", nil, "https://10.40.0.10:6443"),
    ] as [(String, String?, String?)])
    func values(_ path: String, _ etcd: String?, _ apiserver: String?) throws {
        let config = try CalicoctlConfig(Corpus.source(fixture: path))
        #expect(config.etcdEndpoints?.text == etcd)
        #expect(config.k8sAPIEndpoint?.text == apiserver)
    }

    @Test("setting etcdEndpoints keeps quotes, comment and CRLF; a second pass changes nothing; PyYAML reads the new list",
          arguments: ["formats/calicoctl/v3.cfg", "formats/calicoctl/v1-crlf.cfg", "addons/calico-node/etc/calico/calicoctl.cfg"])
    func golden(_ path: String) throws {
        let source = try Corpus.source(fixture: path)
        let endpoints = try #require(try CalicoctlConfig(source).etcdEndpoints)
        let edited = try source.applying([endpoints.patch(with: Self.newEndpoints)])
        let expected = source.string.replacingOccurrences(of: endpoints.text, with: Self.newEndpoints)
        #expect(edited.string == expected)
        let again = try #require(try CalicoctlConfig(edited).etcdEndpoints)
        #expect(again.text == Self.newEndpoints)
        #expect(try edited.applying([again.patch(with: Self.newEndpoints)]) == edited)
        guard let read = try PyYAML.read(edited.bytes) else { return }
        #expect(read.contains("\"etcdEndpoints\": \"\(Self.newEndpoints)\""), "\(read)")
    }
}
