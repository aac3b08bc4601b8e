import Testing
@testable import NodeReconfigCore

@Suite("TerminalText: the byte-level scan agrees with the scalar rule, and clean text is not copied")
struct TerminalTextTests {
    /// The rule as first written, over Unicode scalars: the reference the byte scan must match.
    static func reference(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let crlf = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"
            if TerminalText.isControl(scalar), !crlf {
                out.append(contentsOf: TerminalText.notation(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    @Test("text without a control character comes back as the very same storage")
    func fastPath() {
        let text = String(repeating: "server 10.0.0.1:6443; # é 中 \u{A0}\u{7E}\u{FF}\r\n\t", count: 10_000)
        let shown = TerminalText.neutralized(text)
        #expect(shown == text)
        let before = text.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) }
        let after = shown.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) }
        #expect(before != nil && before == after)
    }

    @Test("C1 controls are caught at both ends of their range, and their neighbours left alone")
    func c1() {
        #expect(TerminalText.neutralized("a\u{80}b") == "a<U+0080>b")
        #expect(TerminalText.neutralized("\u{9F}") == "<U+009F>")
        #expect(TerminalText.neutralized("x\u{9B}31m") == "x<U+009B>31m")
        #expect(TerminalText.neutralized("\u{A0}\u{7F}\u{C2}") == "\u{A0}^?\u{C2}")
        #expect(TerminalText.neutralized("é\u{85}") == "é<U+0085>")
    }

    @Test("a CR is kept only before LF, also at the very end", arguments: [
        ("\r\n", "\r\n"), ("\r", "^M"), ("a\r", "a^M"), ("\r\r\n", "^M\r\n"), ("\n\r", "\n^M"),
    ])
    func carriageReturn(_ input: String, _ expected: String) {
        #expect(TerminalText.neutralized(input) == expected)
    }

    @Test("2,000 seeded random strings of controls, CRLF, ASCII and multi-byte text match the scalar rule")
    func agreesWithReference() {
        let alphabet: [String] = ["a", " ", "\n", "\t", "\r", "\r\n", "\u{0}", "\u{1B}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}",
                                  "\u{A0}", "é", "中", "😀", "\u{C2}", "\u{7E}", "→"]
        var rng = SplitMix64(seed: 0x7465_726d_696e_616c)
        for round in 0..<2_000 {
            let text = (0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            #expect(TerminalText.neutralized(text) == Self.reference(text), "round \(round): \(Array(text.unicodeScalars))")
        }
    }
}
