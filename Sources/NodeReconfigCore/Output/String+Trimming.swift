extension StringProtocol {
    /// The text without leading and trailing blanks: Foundation's `.whitespaces` (tab and the
    /// Unicode space separators), or `.whitespacesAndNewlines` when `newlines` (every scalar
    /// that is white space, line breaks included).
    func trimmingBlanks(newlines: Bool = false) -> String {
        let scalars = unicodeScalars
        let isBlank = { (scalar: Unicode.Scalar) -> Bool in
            newlines ? scalar.properties.isWhitespace
                : scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        guard let first = scalars.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isBlank($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (the value rules' notion of blank).
    var trimmingSpaces: String { String(trimmingSpacesSubstring) }

    var trimmingSpacesSubstring: SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let end = lastIndex(where: { !isSpace($0) })!
        return self[start...end]
    }
}
