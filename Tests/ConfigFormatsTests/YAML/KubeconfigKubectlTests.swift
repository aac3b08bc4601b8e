import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

@Suite("Kubeconfig edits are read back by the real kubectl")
struct KubeconfigKubectlTests {
    static let kubectl = "/usr/bin/kubectl"
    static let newServer = "https://10.99.0.1:6443"

    static var kubeconfigFiles: [String] {
        Corpus.files(where: { $0.hasPrefix("1-kubeconfig/") }).map { $0 }
            + Corpus.fixtures(where: { $0.hasPrefix("formats/kubeconfig/") }).map { "fixtures/" + $0 }
    }

    @Test("kubectl config view reports the rewritten server for every kubeconfig",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"), arguments: kubeconfigFiles)
    func kubectlReadsNewServer(_ path: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.kubectl) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("kubectl is missing at \(Self.kubectl) and CI=true")
            } else {
                print("skipping: kubectl is not installed at \(Self.kubectl)")
            }
            return
        }
        let source = try YAMLTestSupport.source(path)
        let kubeconfig = try Kubeconfig(source)
        #expect(!kubeconfig.clusters.isEmpty)
        let patches = try kubeconfig.clusters.map { cluster throws(FormatError) in try cluster.patch(settingServer: Self.newServer) }
        let edited = try source.applying(patches)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-kubectl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("config")
        try Data(edited.bytes).write(to: file)

        let result = try Subprocess.run([Self.kubectl, "config", "view", "--kubeconfig", file.path, "-o", "jsonpath={.clusters[*].cluster.server}"],
                                        environment: ["HOME": directory.path, "PATH": "/usr/bin:/bin"])
        let output = result.output
        #expect(result.status == 0, "kubectl failed: \(result.errorOutput)")
        let expected = Array(repeating: Self.newServer, count: kubeconfig.clusters.count).joined(separator: " ")
        #expect(output == expected)
    }
}
