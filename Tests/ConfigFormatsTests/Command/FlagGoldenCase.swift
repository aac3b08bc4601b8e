import Foundation
import Testing
import TestSupport

/// One golden flag edit for `EnvGoldenEditTests` and `SystemdGoldenEditTests`: in `file`, the
/// text `old` (around the value) becomes `new` when `flag` is set to `value`.
struct FlagGoldenCase: Sendable, CustomTestStringConvertible {
    var file: String
    var isCorpus: Bool
    var flag: String
    var old: String
    var new: String
    /// The value the flag is set to; by default `new` without surrounding blanks.
    var value: String
    var testDescription: String { "\(flag) in \(file)" }

    init(file: String, isCorpus: Bool, flag: String, old: String, new: String, value: String? = nil) {
        self.file = file
        self.isCorpus = isCorpus
        self.flag = flag
        self.old = old
        self.new = new
        self.value = value ?? new.trimmingCharacters(in: .whitespaces)
    }

    /// The file's bytes (the tests running corpus cases are skipped when the corpus is absent).
    func bytes() throws -> [UInt8] {
        if isCorpus { try #require(Corpus.isAvailable, "../shared/corpus is absent") }
        return isCorpus ? try Corpus.bytes(corpus: file) : try Corpus.bytes(fixture: file)
    }

    /// Sets the flag with `edit` (`FlagEdit.env` or `FlagEdit.unit`): the first pass changes one
    /// value and gives exactly the file with `old` replaced by `new`; a second pass changes nothing.
    func check(_ edit: ([UInt8], String, String) throws -> (String, Int)) throws {
        let bytes = try bytes()
        let expected = try #require(FlagEdit.replacing(old, with: new, in: String(decoding: bytes, as: UTF8.self)))
        let (first, changed) = try edit(bytes, flag, value)
        #expect(changed == 1)
        #expect(first == expected)
        let (second, changedAgain) = try edit(Array(first.utf8), flag, value)
        #expect(changedAgain == 0 && second == first)
    }
}
