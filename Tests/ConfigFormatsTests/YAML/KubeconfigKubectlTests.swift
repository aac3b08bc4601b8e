import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

/// kubectl is the oracle: for every kubeconfig (block, flow-style, block scalars, JSON), what
/// `kubectl config view` reads as each cluster's server equals what `Kubeconfig` exposes, before
/// and after every patchable server is rewritten; a server we do not patch is refused with its
/// line and stays as kubectl read it.
@Suite("Kubeconfig reads servers as kubectl does, and kubectl reads our edits back")
struct KubeconfigKubectlTests {
    static let newServer = "https://10.99.0.1:6443"
    static let corpusFiles = Corpus.files(where: { $0.hasPrefix("1-kubeconfig/") })
    static let fixtureFiles = Corpus.fixtures(where: { $0.hasPrefix("formats/kubeconfig/") || ($0.hasPrefix("addons/") && $0.hasSuffix("kubeconfig")) })

    static var kubectl: String? {
        ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("corpus kubeconfigs", .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"), arguments: corpusFiles)
    func corpus(_ path: String) throws {
        try Self.check(Corpus.source(corpus: path))
    }

    @Test("fixture kubeconfigs: flow-style, block scalars, JSON, CRLF, quotes; the add-on roots' (OpenShift's)", arguments: fixtureFiles)
    func fixture(_ path: String) throws {
        try Self.check(Corpus.source(fixture: path))
    }

    @Test("the fixtures cover JSON, flow and block-scalar kubeconfigs")
    func listsFound() {
        #expect(Self.fixtureFiles.count >= 8)
        #expect(Self.fixtureFiles.contains { $0.hasSuffix(".json.kubeconfig") })
    }

    /// kubectl's reading of `bytes`: cluster name → server.
    static func kubectlServers(_ bytes: [UInt8], kubectl: String) throws -> [String: String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubectl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("config")
        try Data(bytes).write(to: file)
        let result = try Subprocess.run([kubectl, "config", "view", "--raw", "-o", "json", "--kubeconfig", file.path],
                                        environment: ["HOME": directory.path, "PATH": "/usr/bin:/bin"])
        try #require(result.status == 0, "kubectl failed: \(result.errorOutput)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        var servers: [String: String] = [:]
        for cluster in object["clusters"] as? [[String: Any]] ?? [] {
            let name = try #require(cluster["name"] as? String)
            servers[name] = (cluster["cluster"] as? [String: Any])?["server"] as? String
        }
        return servers
    }

    static func ours(_ kubeconfig: Kubeconfig) -> [String: String] {
        var servers: [String: String] = [:]
        for cluster in kubeconfig.clusters {
            if let name = cluster.name, let server = cluster.server { servers[name] = server.text }
        }
        return servers
    }

    static func check(_ source: SourceText) throws {
        guard let kubectl else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("kubectl is missing and CI=true") }
            else { print("skipping: kubectl is not installed") }
            return
        }
        let kubeconfig = try Kubeconfig(source)
        #expect(!kubeconfig.clusters.isEmpty)
        #expect(ours(kubeconfig) == (try kubectlServers(source.bytes, kubectl: kubectl)), "before the edit")

        var patches: [Patch] = []
        var expected = ours(kubeconfig)
        for cluster in kubeconfig.clusters {
            guard let server = cluster.server else { continue }
            if server.isVerbatim {
                patches.append(try cluster.patch(settingServer: newServer))
                if let name = cluster.name { expected[name] = newServer }
            } else {
                let error = try #require(throws: FormatError.self) { try cluster.patch(settingServer: newServer) }
                #expect(error.line == server.line + 1)
            }
        }
        let edited = try source.applying(patches)
        let reread = try Kubeconfig(edited)
        #expect(ours(reread) == expected)
        #expect(try kubectlServers(edited.bytes, kubectl: kubectl) == expected, "after the edit")
        let again = try reread.clusters.filter { $0.server?.isVerbatim == true && $0.server?.text != newServer }.map { try $0.patch(settingServer: newServer) }
        #expect(again.isEmpty, "a second pass still wants to change the file")
    }
}
