/// Builds the directive tree from tokens, refusing what nginx would refuse structurally:
/// a `}` with no open block, a block never closed, a directive with no `;`, a stray `;` or `{`.
/// Tokens come straight from the tokenizer, one at a time: no array of every token is kept.
struct NginxParser {
    private var tokenizer: NginxTokenizer

    private init(_ source: SourceText) {
        self.tokenizer = NginxTokenizer(source)
    }

    static func directives(of source: SourceText) throws(FormatError) -> [NginxDirective] {
        var parser = NginxParser(source)
        return try parser.block(opener: nil)
    }

    /// Reads directives until the `}` closing `opener` (or the end of the file at top level).
    private mutating func blockAndClose(opener: NginxDirective) throws(FormatError) -> ([NginxDirective], NginxToken?) {
        var closing: NginxToken?
        let children = try block(opener: opener, closing: &closing)
        return (children, closing)
    }

    private mutating func block(opener: NginxDirective?) throws(FormatError) -> [NginxDirective] {
        var closing: NginxToken?
        return try block(opener: opener, closing: &closing)
    }

    private mutating func block(opener: NginxDirective?, closing: inout NginxToken?) throws(FormatError) -> [NginxDirective] {
        var directives: [NginxDirective] = []
        var words: [NginxToken] = []
        while let token = try tokenizer.next() {
            switch token.kind {
            case .word, .quoted:
                words.append(token)
            case .semicolon:
                guard let name = words.first else {
                    throw FormatError(line: token.value.line + 1, "unexpected ';' with no directive before it; remove it")
                }
                directives.append(NginxDirective(name: name, arguments: Array(words.dropFirst()), terminator: token))
                words.removeAll(keepingCapacity: true)
            case .openBrace:
                guard let name = words.first else {
                    throw FormatError(line: token.value.line + 1, "unexpected '{' with no directive name before it; remove it or name the block")
                }
                var directive = NginxDirective(name: name, arguments: Array(words.dropFirst()), terminator: token)
                words.removeAll(keepingCapacity: true)
                let (children, closing) = try blockAndClose(opener: directive)
                directive.block = children
                directive.closingBrace = closing
                directives.append(directive)
            case .closeBrace:
                if let pending = words.first {
                    throw FormatError(line: pending.value.line + 1, "directive '\(pending.value.text)' has no ending ';' before '}'; add the ';'")
                }
                guard opener != nil else {
                    throw FormatError(line: token.value.line + 1, "unexpected '}': no block is open here; remove it or add the missing '{'")
                }
                closing = token
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
