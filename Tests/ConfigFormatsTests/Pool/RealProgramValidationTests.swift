import Testing
import TestSupport
@testable import ConfigFormats

/// Every rewritten configuration must still be accepted by the real program. When nginx (with
/// its stream module) or haproxy is missing, these fail in CI (`CI=true`) and skip elsewhere.
@Suite("Rewritten configs pass the real nginx -t and haproxy -c")
struct RealProgramValidationTests {
    static let corpusCases = Corpus.isAvailable ? PoolGoldenCase.corpus : []
    static let nginxCases = (corpusCases + PoolGoldenCase.fixtures).filter(\.isNginx)
    static let haproxyCases = (corpusCases + PoolGoldenCase.fixtures).filter { !$0.isNginx }

    @Test("nginx -t accepts the input and the rewritten output",
          .enabled(if: RealPrograms.nginxReady || RealPrograms.isCI, "nginx or its stream module is not installed"),
          arguments: nginxCases)
    func nginx(_ golden: PoolGoldenCase) throws {
        try #require(RealPrograms.nginxReady, "nginx with \(RealPrograms.streamModule) is required in CI")
        let source = try golden.source()
        let before = try RealPrograms.nginxCheck(source)
        #expect(before.status == 0, "\(before.output)")
        let after = try RealPrograms.nginxCheck(source.applying(golden.patches(golden.config(source))))
        #expect(after.status == 0, "\(after.output)")
    }

    @Test("haproxy -c accepts the input and the rewritten output",
          .enabled(if: RealPrograms.haproxy != nil || RealPrograms.isCI, "haproxy is not installed"),
          arguments: haproxyCases)
    func haproxy(_ golden: PoolGoldenCase) throws {
        try #require(RealPrograms.haproxy != nil, "haproxy is required in CI")
        let source = try golden.source()
        let before = try RealPrograms.haproxyCheck(source)
        #expect(before.status == 0, "\(before.output)")
        let after = try RealPrograms.haproxyCheck(source.applying(golden.patches(golden.config(source))))
        #expect(after.status == 0, "\(after.output)")
    }

    @Test("the wrappers do catch a broken config",
          .enabled(if: (RealPrograms.nginxReady && RealPrograms.haproxy != nil) || RealPrograms.isCI, "nginx or haproxy is not installed"))
    func wrappersFail() throws {
        let nginxBad = try SourceText(bytes: Array("events {}\nstream { upstream a { server 10.0.0.1:6443 bogus=1; } }\n".utf8))
        #expect(try RealPrograms.nginxCheck(nginxBad).status != 0)
        let haproxyBad = try SourceText(bytes: Array("backend a\n  server m 10.0.0.1:6443 bogus-keyword\n".utf8))
        #expect(try RealPrograms.haproxyCheck(haproxyBad).status != 0)
    }
}
