/// Shared checks for operator-given values: characters, lists, names, numbers.
enum ValueSyntax {
    /// Characters that mean something to a shell; none belongs in an address or a name.
    static let shellMetacharacters: Set<Character> = [";", "&", "|", "<", ">", "(", ")", "{", "}", "\\", "*", "!", "~", "^"]

    /// Refuses whitespace, quotes, shell syntax, user info, queries and fragments anywhere in `text`.
    /// `extra` names characters the value may hold beyond `A-Z a-z 0-9 . : / [ ] - _` (e.g. `,` `=`).
    static func checkCharacters(_ text: String, flag: String, extra: Set<Character> = []) throws(ValueError) {
        for ch in text {
            if ch.isWhitespace { throw ValueError(flag: flag, value: text, "contains a space; remove it") }
            if ch == "'" || ch == "\"" { throw ValueError(flag: flag, value: text, "contains a quote; give the value without quotes") }
            if ch == "`" { throw ValueError(flag: flag, value: text, "contains a backtick (shell command substitution)") }
            if ch == "$" { throw ValueError(flag: flag, value: text, "contains '$' (shell expansion); give the literal value") }
            if shellMetacharacters.contains(ch) {
                throw ValueError(flag: flag, value: text, "contains the shell metacharacter '\(ch)'")
            }
            if extra.contains(ch) { continue }
            switch ch {
            case "@": throw ValueError(flag: flag, value: text, "has user info ('user@'); credentials do not belong in an address")
            case "?": throw ValueError(flag: flag, value: text, "has a query ('?'); give only scheme://host[:port]")
            case "#": throw ValueError(flag: flag, value: text, "has a fragment ('#'); give only scheme://host[:port]")
            case "%": throw ValueError(flag: flag, value: text, "contains '%' (percent-encoding and IPv6 zones are not accepted)")
            case "a"..."z", "A"..."Z", "0"..."9", ".", ":", "/", "[", "]", "-", "_": continue
            default:
                if ch.isASCII, ch.asciiValue! < 0x20 || ch.asciiValue! == 0x7F {
                    throw ValueError(flag: flag, value: text, "contains a control character")
                }
                throw ValueError(flag: flag, value: text, "contains the character '\(ch)', which no address or name holds")
            }
        }
    }

    /// Splits a comma-joined list, refusing an empty value and empty elements.
    static func elements(of text: String, flag: String) throws(ValueError) -> [Substring] {
        if text.isEmpty { throw ValueError(flag: flag, value: text, "is empty; give at least one element") }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.contains(where: \.isEmpty) {
            throw ValueError(flag: flag, value: text, "has an empty element; remove the extra ','")
        }
        return parts
    }

    /// A name made of letters, digits, `-`, `_`, `.` (and `:` when `colon`): pool names, member names, ids.
    static func isName(_ text: Substring, colon: Bool = false) -> Bool {
        !text.isEmpty && text.allSatisfy { ch in
            switch ch {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": return true
            case ":": return colon
            default: return false
            }
        }
    }

    /// A whole decimal number within `range`.
    static func integer(_ text: String, flag: String, range: ClosedRange<Int>, unit: String) throws(ValueError) -> Int {
        if text.hasPrefix("-"), text.dropFirst().allSatisfy(\.isNumber), text.count > 1 {
            throw ValueError(flag: flag, value: text, "is negative; give a number of \(unit) from \(range.lowerBound) to \(range.upperBound)")
        }
        guard !text.isEmpty, text.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw ValueError(flag: flag, value: text, "is not a whole number of \(unit)")
        }
        let n = Int(text) ?? Int.max
        guard range.contains(n) else {
            throw ValueError(flag: flag, value: text, "is out of range; give a number of \(unit) from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }
}
