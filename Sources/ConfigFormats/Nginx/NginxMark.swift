/// A `;`, `{` or `}` token stored as its kind and position only (17 bytes instead of a full
/// `NginxToken` with its `String`): every directive keeps one or two, so in a pool of a
/// million servers this is most of the directive tree. Any other token is boxed as it is.
enum NginxMark: Sendable, Equatable {
    case semicolon(line: Int, offset: Int)
    case openBrace(line: Int, offset: Int)
    case closeBrace(line: Int, offset: Int)
    indirect case other(NginxToken)

    init(_ token: NginxToken) {
        let plain = token.endLine == token.value.line && token.end == token.start + 1 && token.value.isVerbatim
            && token.value.range == token.start..<token.end
        switch token.kind {
        case .semicolon where plain && token.value.text == ";": self = .semicolon(line: token.value.line, offset: token.start)
        case .openBrace where plain && token.value.text == "{": self = .openBrace(line: token.value.line, offset: token.start)
        case .closeBrace where plain && token.value.text == "}": self = .closeBrace(line: token.value.line, offset: token.start)
        default: self = .other(token)
        }
    }

    var token: NginxToken {
        switch self {
        case .semicolon(let line, let offset): return Self.single(.semicolon, ";", line, offset)
        case .openBrace(let line, let offset): return Self.single(.openBrace, "{", line, offset)
        case .closeBrace(let line, let offset): return Self.single(.closeBrace, "}", line, offset)
        case .other(let token): return token
        }
    }

    private static func single(_ kind: NginxToken.Kind, _ text: String, _ line: Int, _ offset: Int) -> NginxToken {
        NginxToken(kind: kind, value: ValueToken(text: text, line: line, range: offset..<(offset + 1)), start: offset, endLine: line, end: offset + 1)
    }
}
