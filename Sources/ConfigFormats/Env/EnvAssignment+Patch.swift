extension EnvAssignment {
    /// A patch that makes the whole value `newValue`, keeping the quotes as they are:
    /// `KEY='old'` → `KEY='new'`, `KEY="old"` → `KEY="new"`, `KEY=` → `KEY=new`, `KEY=""` →
    /// `KEY="new"`. An unquoted value that would need quotes gets double quotes (the only
    /// faithful way to write it). Refuses multi-line or escaped values, and a single-quoted
    /// value that would have to hold `'`.
    public func replacingValue(with newValue: String) throws(FormatError) -> Patch {
        guard value.isVerbatim, line == lastLine else {
            throw FormatError(line: line + 1, "the value of \(key) spans lines or holds escapes; node-reconfig does not rewrite it whole, edit it by hand")
        }
        switch quote {
        case .single:
            guard !newValue.contains("'") else {
                throw FormatError(line: line + 1, "the new value of \(key) holds a single quote and cannot be written inside '…'")
            }
            return try value.patch(with: newValue)
        case .double:
            return try value.patch(with: Self.escapedForDoubleQuotes(newValue))
        case .none:
            if newValue.utf8.allSatisfy(Self.isSafeUnquoted) {
                return try value.patch(with: newValue)
            }
            return try value.patch(with: "\"" + Self.escapedForDoubleQuotes(newValue) + "\"")
        }
    }

    /// `\`, `"`, `$` and `` ` `` escaped with a backslash, as the shell reads `"…"`.
    static func escapedForDoubleQuotes(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\\" || character == "\"" || character == "$" || character == "`" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Bytes a shell leaves alone outside quotes.
    static func isSafeUnquoted(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return "_@%+=:,./-".utf8.contains(byte)
        }
    }
}
