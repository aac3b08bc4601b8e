/// Quoting for a POSIX shell, and the reverse: splitting an `--ssh` command into words.
///
/// `ssh` joins its command words with spaces and hands the string to the remote user's shell,
/// so every word the coordinator sends is quoted here first.
public enum ShellQuoting {
    /// Characters that need no quoting in any POSIX shell.
    private static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")

    /// `word` as one shell word: unchanged when it holds only safe characters, otherwise in
    /// single quotes with each `'` written as `'\''`.
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacing("'", with: "'\\''") + "'"
    }

    /// Every word quoted, joined with spaces.
    public static func join(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    /// Splits `command` into words the way `sh` would (spaces separate; `'…'`, `"…"` and `\`
    /// quote), without expansions. Returns nil when a quote is not closed.
    public static func split(_ command: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escaped = false
        for ch in command {
            if escaped {
                current.append(ch)
                escaped = false
                continue
            }
            switch quote {
            case "'":
                if ch == "'" { quote = nil } else { current.append(ch) }
            case "\"":
                if ch == "\"" { quote = nil } else if ch == "\\" { escaped = true } else { current.append(ch) }
            default:
                if ch == " " || ch == "\t" || ch == "\n" {
                    if inWord { words.append(current) }
                    current = ""
                    inWord = false
                } else {
                    inWord = true
                    if ch == "'" || ch == "\"" { quote = ch } else if ch == "\\" { escaped = true } else { current.append(ch) }
                }
            }
        }
        if quote != nil || escaped { return nil }
        if inWord { words.append(current) }
        return words
    }
}
