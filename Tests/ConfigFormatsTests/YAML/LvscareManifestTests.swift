import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

/// lvscare's static pod: its `--rs` entries are the pool. Golden rewrites are applied twice, and
/// kubectl (its own reading of the Pod, offline with `label --local`) reads the new servers back.
@Suite("LvscareManifest: lvscare's --rs items as an apiserver pool")
struct LvscareManifestTests {
    struct Case: Sendable, CustomTestStringConvertible {
        enum Action: Sendable {
            case set([String])
            case drain(Set<String>)
        }

        var name: String
        var fixture: String
        var action: Action
        /// (old text, new text): each old text occurs once in the input.
        var replacements: [(String, String)]
        /// The `--rs` servers kubectl must read after the edit.
        var servers: [String]

        var testDescription: String { name }
    }

    static let sealos = "formats/lvscare/kube-sealos-lvscare.yaml"
    static let sealyun = "formats/lvscare/kube-sealyun-lvscare-crlf.yaml"
    static let joined = "formats/lvscare/kube-lvscare-joined.yaml"

    static let cases: [Case] = [
        Case(name: "sealos 4: a kept server keeps its items, a new one copies the first entry's two items",
             fixture: sealos, action: .set(["192.168.10.12:6443", "192.168.20.13:6443"]),
             replacements: [("    - --rs\n    - 192.168.10.11:6443\n    - --rs\n    - 192.168.10.12:6443\n",
                             "    - --rs\n    - 192.168.10.12:6443\n    - --rs\n    - 192.168.20.13:6443\n")],
             servers: ["192.168.10.12:6443", "192.168.20.13:6443"]),
        Case(name: "sealos 4: more servers than before, in the order given",
             fixture: sealos, action: .set(["192.168.20.13:6443", "192.168.10.11:6443", "192.168.20.14:6443"]),
             replacements: [("    - --rs\n    - 192.168.10.11:6443\n    - --rs\n    - 192.168.10.12:6443\n",
                             "    - --rs\n    - 192.168.20.13:6443\n    - --rs\n    - 192.168.10.11:6443\n    - --rs\n    - 192.168.20.14:6443\n")],
             servers: ["192.168.20.13:6443", "192.168.10.11:6443", "192.168.20.14:6443"]),
        Case(name: "sealos 3, CRLF: line endings kept on kept and copied items",
             fixture: sealyun, action: .set(["172.16.9.193:6443", "172.16.9.195:6443"]),
             replacements: [("    - --rs\r\n    - 172.16.9.192:6443\r\n    - --rs\r\n    - 172.16.9.193:6443\r\n    - --rs\r\n    - 172.16.9.194:6443\r\n",
                             "    - --rs\r\n    - 172.16.9.193:6443\r\n    - --rs\r\n    - 172.16.9.195:6443\r\n")],
             servers: ["172.16.9.193:6443", "172.16.9.195:6443"]),
        Case(name: "--rs=HOST:PORT items: the copy keeps the quotes, not the first server's comment",
             fixture: joined, action: .set(["10.20.0.12:6443", "10.20.0.13:6443"]),
             replacements: [("    - \"--rs=10.20.0.11:6443\"   # master-0, racked in B3\n    - \"--rs=10.20.0.12:6443\"\n",
                             "    - \"--rs=10.20.0.12:6443\"\n    - \"--rs=10.20.0.13:6443\"\n")],
             servers: ["10.20.0.12:6443", "10.20.0.13:6443"]),
        Case(name: "--drain removes the entry (lvscare has no down mark); the others stay",
             fixture: sealyun, action: .drain(["172.16.9.192:6443"]),
             replacements: [("    - --rs\r\n    - 172.16.9.192:6443\r\n", "")],
             servers: ["172.16.9.193:6443", "172.16.9.194:6443"]),
        Case(name: "the same servers in the same order: nothing changes",
             fixture: sealos, action: .set(["192.168.10.11:6443", "192.168.10.12:6443"]),
             replacements: [], servers: ["192.168.10.11:6443", "192.168.10.12:6443"]),
    ]

    static func patches(_ manifest: LvscareManifest, _ action: Case.Action) throws -> [Patch] {
        switch action {
        case .set(let entries): return try manifest.rewrite(settingServersTo: entries).patches
        case .drain(let entries): return try manifest.patches(draining: entries)
        }
    }

    @Test("the --vs, every --rs and its lines are read in the two-item, one-item and comma forms")
    func reading() throws {
        let sealos = try LvscareManifest(Corpus.source(fixture: Self.sealos))
        #expect(sealos.virtualServer?.text == "10.103.97.2:6443")
        #expect(sealos.realServers.map(\.address.hostPort) == ["192.168.10.11:6443", "192.168.10.12:6443"])
        #expect(sealos.realServers.map(\.lines) == [19..<21, 21..<23])
        #expect(sealos.realServers.allSatisfy { $0.standsAlone })
        let joined = try LvscareManifest(Corpus.source(fixture: Self.joined))
        #expect(joined.virtualServer?.text == "10.103.97.2:6443")
        #expect(joined.realServers.map(\.lines) == [15..<16, 16..<17])
        #expect(joined.realServers.map(\.token.text) == ["10.20.0.11:6443", "10.20.0.12:6443"])
        let comma = try LvscareManifest(Corpus.source(fixture: "formats/lvscare/kube-lvscare-comma-list.yaml"))
        #expect(comma.serverList == "10.20.0.11:6443,10.20.0.12:6443")
        #expect(comma.realServers.allSatisfy { !$0.standsAlone })
        // A manifest without lvscare holds no pool.
        let other = try LvscareManifest(SourceText(bytes: Array("kind: Pod\nspec:\n  containers:\n  - command: [haproxy]\n".utf8)))
        #expect(other.container == nil && other.realServers.isEmpty)
    }

    @Test("golden rewrites: exactly the expected bytes, read back, and a second run changes nothing", arguments: cases)
    func golden(_ testCase: Case) throws {
        let source = try Corpus.source(fixture: testCase.fixture)
        var expected = source.string
        for (old, new) in testCase.replacements {
            let range = try #require(expected.firstRange(of: old), "'\(old)' is not in \(testCase.fixture)")
            #expect(expected[range.upperBound...].firstRange(of: old) == nil)
            expected.replaceSubrange(range, with: new)
        }
        let edited = try source.applying(Self.patches(try LvscareManifest(source), testCase.action))
        #expect(edited.string == expected)
        let reread = try LvscareManifest(edited)
        #expect(reread.realServers.map(\.address.hostPort) == testCase.servers)
        #expect(reread.virtualServer?.text == (try LvscareManifest(source)).virtualServer?.text)
        #expect(try Self.patches(reread, testCase.action).isEmpty, "a second run would change the file again")
        if let read = try KubectlPod.realServers(edited.bytes) {
            #expect(read == testCase.servers, "kubectl reads other servers")
        }
    }

    @Test("what cannot be rewritten as whole items is refused at its line", arguments: [
        ("formats/lvscare/kube-lvscare-comma-list.yaml", ["10.20.0.13:6443"], 17),
        (sealos, ["10.103.97.2:6443"], 15),
        (sealos, ["192.168.10.11:6443", "192.168.10.11:6443"], 20),
        (sealos, [], 20),
    ])
    func refusals(_ fixture: String, _ entries: [String], _ line: Int) throws {
        let manifest = try LvscareManifest(Corpus.source(fixture: fixture))
        let error = try #require(throws: FormatError.self) { _ = try manifest.rewrite(settingServersTo: entries) }
        #expect(error.line == line, "\(error)")
    }

    @Test("fuzz regressions: lvscare is the program, the command's first word, and never one of its own arguments")
    func programIsTheFirstWord() throws {
        // An --rs value ending in /lvscare in a pod without command: no lvscare pod at all.
        let noProgram = try LvscareManifest(Corpus.source(fixture: "fuzz-regressions/lvscare/address-word-ends-in-lvscare.yaml"))
        #expect(noProgram.container == nil && noProgram.realServers.isEmpty)
        #expect(throws: FormatError.self) { _ = try noProgram.rewrite(settingServersTo: ["10.99.0.1:6443"]) }
        // A program word that reads like --rs=…/lvscare is the program, not a server: rewriting keeps it.
        let source = try Corpus.source(fixture: "fuzz-regressions/lvscare/program-word-is-an-rs-flag.yaml")
        let manifest = try LvscareManifest(source)
        #expect(manifest.realServers.count == 3)
        let edited = try source.applying(manifest.rewrite(settingServersTo: ["10.99.0.1:6443"]).patches)
        let again = try LvscareManifest(edited)
        #expect(again.realServers.map(\.address.hostPort) == ["10.99.0.1:6443"])
        #expect(again.container?.commandWords.first?.text == manifest.container?.commandWords.first?.text)
        // An entry whose port is no number is drained by the text detect shows for it.
        let odd = try Corpus.source(fixture: "fuzz-regressions/lvscare/drain-an-address-with-no-port.yaml")
        let oddManifest = try LvscareManifest(odd)
        let first = try #require(oddManifest.realServers.first)
        let drained = try LvscareManifest(odd.applying(oddManifest.patches(draining: [first.address.hostPort])))
        #expect(drained.realServers.count == oddManifest.realServers.count - 1)
        #expect(!drained.realServers.contains { $0.address.hostPort == first.address.hostPort })
        #expect(Corpus.fixtures { $0.hasPrefix("fuzz-regressions/lvscare/") }.count == 4)
    }

    @Test("fuzz regression: a command: list ending in --rs takes its value from args:, above it in the file; refused at the flag's line, no trap")
    func flagEndsCommandList() throws {
        let source = try Corpus.source(fixture: "fuzz-regressions/lvscare/rs-ends-the-command-list.yaml")
        let error = try #require(throws: FormatError.self) { _ = try LvscareManifest(source) }
        #expect(error.line == 29 && "\(error)".contains("--rs ends the command: list and its value is the first args: item (line 10)"), "\(error)")
    }

    @Test("--drain never empties the pool")
    func drainingEverything() throws {
        let manifest = try LvscareManifest(Corpus.source(fixture: Self.sealos))
        let error = try #require(throws: FormatError.self) {
            _ = try manifest.patches(draining: ["192.168.10.11:6443", "192.168.10.12:6443"])
        }
        #expect(error.line == 20 && error.message.contains("empty"), "\(error)")
        #expect(try manifest.patches(draining: ["192.168.99.1:6443"]).isEmpty)
    }
}

/// kubectl's own reading of a Pod manifest, offline (`kubectl label --local`): the values of
/// `--rs` in its first container's command and args.
enum KubectlPod {
    static let kubectl = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func realServers(_ bytes: [UInt8]) throws -> [String]? {
        guard let kubectl else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("kubectl is missing and CI=true") } else { print("skipping: kubectl is not installed") }
            return nil
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pod-\(UUID().uuidString).yaml")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Subprocess.run([kubectl, "label", "--local", "-f", file.path, "node-reconfig-check=yes", "-o", "json"],
                                        environment: ["KUBECONFIG": "/dev/null"])
        try #require(result.status == 0, "kubectl refused the manifest: \(result.errorOutput)")
        let pod = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let container = try #require(((pod["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.first)
        let words = (container["command"] as? [String] ?? []) + (container["args"] as? [String] ?? [])
        var servers: [String] = []
        var index = 0
        while index < words.count {
            if words[index] == "--rs", index + 1 < words.count {
                servers += words[index + 1].split(separator: ",").map(String.init)
                index += 1
            } else if words[index].hasPrefix("--rs=") {
                servers += words[index].dropFirst(5).split(separator: ",").map(String.init)
            }
            index += 1
        }
        return servers
    }
}
