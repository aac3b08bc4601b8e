/// Text from configuration files (values, file names, diff lines, parse errors quoting a line)
/// reaches the operator's terminal and logs. Control characters in it could move the cursor,
/// rewrite earlier lines, retitle the window or hide text (`ESC ]0;…`, `ESC [2J`, a lone CR), so
/// every one but newline, tab and the CR of a CRLF is shown in caret notation (`^[`, `^G`, `^?`)
/// or, for C1 controls, as `<U+009B>`. The notation holds no backslash or quote, so JSON output
/// stays valid (JSON already escapes C0 controls itself).
public enum TerminalText {
    public static func neutralized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let crlf = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"
            guard isControl(scalar), !crlf else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: notation(scalar).unicodeScalars)
        }
        return String(out)
    }

    /// C0 controls but newline and tab, DEL, and C1 controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: true
        default: false
        }
    }

    static func notation(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x7F: return "^?"
        case 0x00...0x1F: return "^" + String(Unicode.Scalar(UInt8(scalar.value) + 0x40))
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "<U+" + String(repeating: "0", count: 4 - hex.count) + hex + ">"
        }
    }
}
