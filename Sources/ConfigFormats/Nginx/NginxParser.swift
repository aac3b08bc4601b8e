/// Builds the directive tree from tokens, refusing what nginx would refuse structurally:
/// a `}` with no open block, a block never closed, a directive with no `;`, a stray `;` or `{`.
struct NginxParser {
    private let tokens: [NginxToken]
    private var index = 0

    private init(_ tokens: [NginxToken]) {
        self.tokens = tokens
    }

    static func directives(from tokens: [NginxToken]) throws(FormatError) -> [NginxDirective] {
        var parser = NginxParser(tokens)
        return try parser.block(opener: nil)
    }

    /// Reads directives until the `}` closing `opener` (or the end of the file at top level).
    private mutating func block(opener: NginxDirective?) throws(FormatError) -> [NginxDirective] {
        var directives: [NginxDirective] = []
        var words: [NginxToken] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .word, .quoted:
                words.append(token)
            case .semicolon:
                guard let name = words.first else {
                    throw FormatError(line: token.value.line + 1, "unexpected ';' with no directive before it; remove it")
                }
                directives.append(NginxDirective(name: name, arguments: Array(words.dropFirst()), terminator: token))
                words = []
            case .openBrace:
                guard let name = words.first else {
                    throw FormatError(line: token.value.line + 1, "unexpected '{' with no directive name before it; remove it or name the block")
                }
                var directive = NginxDirective(name: name, arguments: Array(words.dropFirst()), terminator: token)
                words = []
                directive.block = try block(opener: directive)
                directive.closingBrace = tokens[index - 1]
                directives.append(directive)
            case .closeBrace:
                if let pending = words.first {
                    throw FormatError(line: pending.value.line + 1, "directive '\(pending.value.text)' has no ending ';' before '}'; add the ';'")
                }
                guard opener != nil else {
                    throw FormatError(line: token.value.line + 1, "unexpected '}': no block is open here; remove it or add the missing '{'")
                }
                return directives
            }
        }
        if let pending = words.first {
            throw FormatError(line: pending.value.line + 1, "directive '\(pending.value.text)' has no ending ';' at the end of the file; add the ';'")
        }
        if let opener {
            throw FormatError(line: opener.line + 1, "block '\(opener.keyword)' opened here is never closed; add the missing '}'")
        }
        return directives
    }
}
