import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

@Suite("plan on corpus-shaped node roots makes exactly SPEC's edits", .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"))
struct CorpusNodeTests {
    @Test("each corpus file at its node path: the expected values change, nothing else, and a second plan changes nothing",
          arguments: CorpusNodeCase.all)
    func corpusRoot(_ testCase: CorpusNodeCase) throws {
        let root = try NodeRoot()
        defer { root.remove() }
        let original = try Corpus.bytes(corpus: testCase.corpus)
        try root.place(original, at: testCase.nodePath)

        let plan = try root.plan(CorpusTargets.targets)
        let file = try #require(plan.files.first { $0.file.displayPath == testCase.nodePath })
        #expect(plan.files.count == 1)
        #expect(file.edits.map { "\($0.label) \($0.outcome.rawValue)" } == testCase.expected)
        #expect(file.changed == testCase.expected.contains { $0.hasSuffix("changed") })

        // Only lines holding a changed value differ (load-balancer pools replace server lines).
        let before = try SourceText(bytes: original).lines
        let after = try SourceText(bytes: file.updated).lines
        let changedLines = Set(file.edits.filter { $0.outcome == .changed }.map { $0.line - 1 })
        if file.file.kind != .nginx && file.file.kind != .haproxy {
            #expect(before.count == after.count)
            for (index, (old, new)) in zip(before, after).enumerated() where old != new {
                #expect(changedLines.contains(index), "line \(index + 1) changed without an edit")
            }
        }

        // Apply the bytes and plan again: nothing left to do.
        try root.write(plan)
        let again = try root.plan(CorpusTargets.targets)
        #expect(!again.hasChanges, "second plan still changes \(again.changedFiles.map(\.file.displayPath))")
        #expect(try root.bytes(at: testCase.nodePath) == file.updated)
    }

    @Test("every corpus file of a known kind round-trips through plan unchanged when no target touches it")
    func noTargetsNoChange() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        // A load balancer holding none of the drained servers: the node's loopback kubeconfigs go
        // through it (without one, --drain is refused: its pool would be somewhere not found).
        try root.place(Array("stream {\n    upstream kube_apiserver {\n        server 192.0.2.1:6443;\n    }\n}\n".utf8),
                       at: "/etc/kube-nginx/kube-nginx.conf")
        for testCase in CorpusNodeCase.all {
            try root.place(try Corpus.bytes(corpus: testCase.corpus), at: testCase.nodePath)
            var targets = Targets()
            targets.lbPool = "no-such-pool"
            targets.drain = [HostPort(host: "192.0.2.99", port: 6443)]
            let plan = try root.plan(targets)
            #expect(!plan.hasChanges, "\(testCase.corpus)")
        }
    }
}
