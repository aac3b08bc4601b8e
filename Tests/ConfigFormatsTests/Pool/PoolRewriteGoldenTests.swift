import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

@Suite("Pool rewrite and drain: exact output, and a second pass changes nothing")
struct PoolRewriteGoldenTests {
    @Test("corpus golden cases", .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"),
          arguments: PoolGoldenCase.corpus)
    func corpus(_ golden: PoolGoldenCase) throws {
        try check(golden)
    }

    @Test("fixture golden cases", arguments: PoolGoldenCase.fixtures)
    func fixtures(_ golden: PoolGoldenCase) throws {
        try check(golden)
    }

    private func check(_ golden: PoolGoldenCase) throws {
        let source = try golden.source()
        let expected = try #require(golden.expected(from: source.string), "a replacement's old text is not in the input exactly once")
        let patches = try golden.patches(golden.config(source))
        #expect(patches.isEmpty == golden.replacements.isEmpty)
        let once = try source.applying(patches)
        #expect(once.string == expected)
        let again = try golden.patches(golden.config(once))
        #expect(again.isEmpty, "the second pass still wants to change the file")
    }
}
