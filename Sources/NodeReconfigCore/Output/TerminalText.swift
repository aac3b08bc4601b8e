/// Text from configuration files (values, file names, diff lines, parse errors quoting a line)
/// reaches the operator's terminal and logs. Control characters in it could move the cursor,
/// rewrite earlier lines, retitle the window or hide text (`ESC ]0;…`, `ESC [2J`, a lone CR), so
/// every one but newline, tab and the CR of a CRLF is shown in caret notation (`^[`, `^G`, `^?`)
/// or, for C1 controls, as `<U+009B>`. The notation holds no backslash or quote, so JSON output
/// stays valid (JSON already escapes C0 controls itself).
public enum TerminalText {
    /// `text` with every control character shown in notation; `text` itself (no copy) when it
    /// holds none. Works on the UTF-8 bytes: a C0 control or DEL is one byte, a C1 control is
    /// `0xC2 0x80...0x9F`, and no other scalar's encoding contains those bytes.
    public static func neutralized(_ text: String) -> String {
        let result = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard let first = firstControl(bytes) else { return nil }
            return neutralized(bytes, from: first)
        }
        switch result {
        case .some(.some(let changed)): return changed
        case .some(.none): return text
        case .none:
            // Not contiguous (a bridged string): copy its bytes once.
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { buffer in
                firstControl(buffer).map { neutralized(buffer, from: $0) } ?? text
            }
        }
    }

    /// The offset of the first byte that starts a control character (a CR before LF is none).
    static func firstControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F || byte == 0xC2 {
                if controlLength(bytes, at: index) > 0 { return index }
            }
            index += 1
        }
        return nil
    }

    /// How many bytes the control character at `index` takes (1 for C0/DEL, 2 for C1), or 0
    /// when the bytes there start no control character (newline, tab, the CR of a CRLF).
    private static func controlLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case 0x0A, 0x09: return 0
        case 0x0D: return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 0 : 1
        case 0x00...0x1F, 0x7F: return 1
        case 0xC2: return index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]) ? 2 : 0
        default: return 0
        }
    }

    /// The bytes with every control character from `start` on replaced by its notation.
    private static func neutralized(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<start]))
        var index = start
        while index < bytes.count {
            let length = controlLength(bytes, at: index)
            if length == 0 {
                out.append(bytes[index])
                index += 1
                continue
            }
            let value = length == 1 ? UInt32(bytes[index]) : UInt32(bytes[index + 1])
            out.append(contentsOf: notation(Unicode.Scalar(value)!).utf8)
            index += length
        }
        return String(decoding: out, as: UTF8.self)
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
