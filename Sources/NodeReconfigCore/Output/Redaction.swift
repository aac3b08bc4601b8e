/// Secrets never leave the process: kubeconfig keys and tokens are replaced by `<redacted>`
/// in every diff and printed line.
public enum Redaction {
    public static let marker = "<redacted>"

    /// The file's lines (with endings) with the values on `secretLines` replaced.
    public static func lines(of bytes: [UInt8], secretLines: Set<Int>) -> [String] {
        guard let source = try? SourceText(bytes: bytes) else {
            return [String(decoding: bytes, as: UTF8.self)]
        }
        return source.lines.enumerated().map { index, line in
            guard secretLines.contains(index) else { return line.text + line.ending.rawValue }
            return redact(line.text) + line.ending.rawValue
        }
    }

    /// `    token: abc` → `    token: <redacted>`; a line without `:` is replaced whole.
    static func redact(_ text: String) -> String {
        if let colon = text.firstIndex(of: ":") {
            return String(text[...colon]) + " " + marker
        }
        return String(text.prefix(while: { $0 == " " || $0 == "\t" })) + marker
    }
}
