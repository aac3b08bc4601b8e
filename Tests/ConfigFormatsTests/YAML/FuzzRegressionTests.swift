import Testing
import TestSupport
@testable import ConfigFormats

/// Inputs libFuzzer found (`scripts/fuzz.sh`), kept so the bug stays fixed.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
    static let cases = Corpus.fixtures { $0.hasPrefix("fuzz-regressions/etcd-yaml/") }

    @Test("an empty 'initial-cluster:' that owns anchored lines below it is refused, not patched into a value that does not read back",
          arguments: cases)
    func emptyKeyOwningLines(_ fixture: String) throws {
        let source = try Corpus.source(fixture: fixture)
        let config = try EtcdConfigYAML(source)
        #expect(config.render() == source.bytes)
        // Refused, as the name says: a patch that happened to read back would also have passed before.
        let error = try #require(throws: FormatError.self) { try config.patch(settingInitialCluster: "m1=https://10.0.0.1:2380") }
        #expect(error.message.contains("edit it by hand"), "\(error)")
    }

    @Test("the regression inputs are there")
    func present() {
        #expect(Self.cases.count == 2)
    }
}
