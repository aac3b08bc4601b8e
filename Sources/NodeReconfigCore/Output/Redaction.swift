/// Secrets never leave the process: kubeconfig keys and tokens are replaced by `<redacted>`
/// in every diff and printed line.
public enum Redaction {
    public static let marker = "<redacted>"

    /// The file's lines (with endings) with the values on `secretLines` replaced, and the lines
    /// of `hiddenLines` replaced whole.
    public static func lines(of bytes: [UInt8], secretLines: Set<Int>, hiddenLines: Set<Int> = []) -> [String] {
        guard let source = try? SourceText(bytes: bytes) else {
            return [String(decoding: bytes, as: UTF8.self)]
        }
        return source.lines.enumerated().map { index, line in
            if hiddenLines.contains(index) { return String(line.indentation) + marker + line.ending.rawValue }
            guard secretLines.contains(index) else { return line.text + line.ending.rawValue }
            return redact(line.text) + line.ending.rawValue
        }
    }

    /// `    token: abc` → `    token: <redacted>`, `K3S_TOKEN='abc'` → `K3S_TOKEN=<redacted>`: the
    /// key stays when the line opens with one (before the first `:` or `=`); any other line (the
    /// second line of a value over several) is replaced whole.
    static func redact(_ text: String) -> String {
        let indentation = text.prefix(while: { $0 == " " || $0 == "\t" })
        if let separator = text.firstIndex(where: { $0 == ":" || $0 == "=" }) {
            let key = text[indentation.endIndex..<separator]
            if !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || "_-. \"'".contains($0) }) {
                return String(text[...separator]) + (text[separator] == ":" ? " " : "") + marker
            }
        }
        return String(indentation) + marker
    }
}
