/// Finds flags and their values on a command line, in every form programs accept:
/// `--f=v`, `-f=v` (any flag) and `--f v`, `-f v` (only flags known to take a value, and only
/// when the next word does not start with `-`).
public struct FlagScanner: Sendable {
    /// Normalised names (see `normalise`) of flags whose value may be the next word.
    public var valueFlags: Set<String>

    public init(valueFlags: Set<String>) {
        self.valueFlags = Set(valueFlags.map(Self.normalise))
    }

    /// `--api_servers` → `api-servers`: leading dashes dropped, `_` turned into `-`.
    public static func normalise(_ name: String) -> String {
        String(name.drop(while: { $0 == "-" }).map { $0 == "_" ? "-" : $0 })
    }

    /// The flags among plain tokens (each token one word, e.g. YAML `command:` items).
    public func scan(_ tokens: [ValueToken]) -> [FlagOccurrence] {
        scan(tokens.map(ShellWord.init(token:)))
    }

    /// The flags among shell or systemd words; quoted values are found inside their quotes.
    public func scan(_ words: [ShellWord]) -> [FlagOccurrence] {
        var found: [FlagOccurrence] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            let text = Array(word.text.utf8)
            guard let (dashes, nameEnd) = Self.flagName(text) else {
                index += 1
                continue
            }
            let spelling = String(decoding: text[0..<nameEnd], as: UTF8.self)
            let name = Self.normalise(spelling)
            if nameEnd < text.count {
                // `--f=v`: text[nameEnd] is "=".
                let value = word.token(for: (nameEnd + 1)..<Self.valueEnd(of: word, count: text.count))
                found.append(FlagOccurrence(name: name, spelling: spelling, form: dashes == 2 ? .doubleDashEquals : .singleDashEquals,
                                            value: value, wordIndex: index))
                index += 1
            } else if valueFlags.contains(name), index + 1 < words.count, !words[index + 1].text.hasPrefix("-"), !Self.isSeparator(words[index + 1]) {
                let next = words[index + 1]
                let count = next.text.utf8.count
                found.append(FlagOccurrence(name: name, spelling: spelling, form: dashes == 2 ? .doubleDashSeparate : .singleDashSeparate,
                                            value: next.token(for: 0..<Self.valueEnd(of: next, count: count)), wordIndex: index))
                index += 2
            } else {
                index += 1
            }
        }
        return found
    }

    /// Where a value ends in its word: before a `;` that ends the word outside quotes. systemd
    /// passes such a `;` to the program as part of the word (only a lone `;` separates
    /// commands), but it is no part of an address: the value stops before it and the `;` is kept.
    static func valueEnd(of word: ShellWord, count: Int) -> Int {
        guard let last = word.parts.last, !last.isQuoted, last.text.hasSuffix(";"), count > 0 else { return count }
        return count - 1
    }

    /// A lone unquoted `;`: systemd's separator between two commands of one `Exec*=` line.
    static func isSeparator(_ word: ShellWord) -> Bool {
        word.text == ";" && !word.isQuoted
    }

    /// When `text` is `-name`, `--name`, `-name=…` or `--name=…` with a name of letters, digits,
    /// `-`, `_` and `.` starting with a letter or digit: the dash count and the end of the name.
    static func flagName(_ text: [UInt8]) -> (Int, Int)? {
        var dashes = 0
        while dashes < text.count, dashes < 2, text[dashes] == 0x2D { dashes += 1 }
        guard dashes > 0, dashes < text.count, isAlphanumeric(text[dashes]) else { return nil }
        var end = dashes
        while end < text.count, text[end] != 0x3D {
            let byte = text[end]
            guard isAlphanumeric(byte) || byte == 0x2D || byte == 0x5F || byte == 0x2E else { return nil }
            end += 1
        }
        return (dashes, end)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
