/// Reads JSON bytes into `JSONNode`s (see `JSONDocument` for the grammar and refusals).
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: SourceText
    private var offset = 0
    private var depth = 0
    /// The 0-based line of the last position asked for: offsets only grow, so the next lookup
    /// starts there.
    private var lineHint = 0

    init(bytes: UnsafeBufferPointer<UInt8>, source: SourceText) {
        self.bytes = bytes
        self.source = source
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    mutating func parseDocument() throws(FormatError) -> JSONNode {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw FormatError(line: 1, "starts with a UTF-8 byte order mark, which JSON readers refuse; remove it")
        }
        skipBlanks()
        guard offset < bytes.count else {
            throw FormatError(line: line(at: offset), "holds no JSON value (the file is empty or blank)")
        }
        let root = try value()
        skipBlanks()
        guard offset == bytes.count else {
            throw error("unexpected \(describe(offset)) after the end of the JSON value; remove it")
        }
        return root
    }

    private func line(at offset: Int) -> Int {
        source.lineCount == 0 ? 1 : source.line(containing: min(offset, max(bytes.count - 1, 0))) + 1
    }

    /// The 0-based line holding byte `offset`.
    private mutating func lineIndex(of offset: Int) -> Int {
        lineHint = source.line(containing: min(offset, max(bytes.count - 1, 0)), from: lineHint)
        return lineHint
    }

    private func error(_ message: String, at position: Int? = nil) -> FormatError {
        FormatError(line: line(at: position ?? offset), message)
    }

    /// The byte at `index` for a message: `'x'`, or the end of the file.
    private func describe(_ index: Int) -> String {
        guard index < bytes.count else { return "end of the file" }
        let byte = bytes[index]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func skipBlanks() {
        while offset < bytes.count, Self.isBlank(bytes[offset]) { offset += 1 }
    }

    private mutating func value() throws(FormatError) -> JSONNode {
        let start = offset
        let firstLine = lineIndex(of: start)
        guard offset < bytes.count else { throw error("the file ends where a value was expected; the JSON is cut short") }
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            return try object(firstLine: firstLine)
        case UInt8(ascii: "["):
            return try array(firstLine: firstLine)
        case UInt8(ascii: "\""):
            let string = try self.string()
            return JSONNode(kind: .string(string), lines: firstLine..<(firstLine + 1))
        default:
            let text = try literal()
            return JSONNode(kind: .literal(text), lines: firstLine..<(firstLine + 1))
        }
    }

    private mutating func enter() throws(FormatError) {
        depth += 1
        if depth > JSONDocument.maximumDepth {
            throw error("objects and arrays are nested more than \(JSONDocument.maximumDepth) deep; this is not a configuration file node-reconfig edits")
        }
    }

    private mutating func object(firstLine: Int) throws(FormatError) -> JSONNode {
        try enter()
        offset += 1
        var members: [JSONMember] = []
        var seen: Set<String> = []
        skipBlanks()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
        } else {
            while true {
                skipBlanks()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                    throw error("expected a quoted key, found \(describe(offset))\(offset < bytes.count && bytes[offset] == UInt8(ascii: "}") ? " (a trailing comma before '}' is not JSON)" : "")")
                }
                let keyLine = lineIndex(of: offset)
                let key = try string()
                guard seen.insert(key.text).inserted else {
                    throw FormatError(line: keyLine + 1, "duplicate key \"\(key.text)\" in one object; JSON readers disagree on which one wins, remove one")
                }
                skipBlanks()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
                    throw error("expected ':' after the key \"\(key.text)\", found \(describe(offset))")
                }
                offset += 1
                skipBlanks()
                members.append(JSONMember(key: key.text, line: keyLine, value: try value()))
                skipBlanks()
                guard offset < bytes.count else { throw FormatError(line: firstLine + 1, "the object opened on this line is never closed; add the missing '}'") }
                if bytes[offset] == UInt8(ascii: ",") {
                    offset += 1
                    continue
                }
                guard bytes[offset] == UInt8(ascii: "}") else {
                    throw error("expected ',' or '}' after a member, found \(describe(offset))")
                }
                offset += 1
                break
            }
        }
        depth -= 1
        return JSONNode(kind: .object(members), lines: firstLine..<(lineIndex(of: offset - 1) + 1))
    }

    private mutating func array(firstLine: Int) throws(FormatError) -> JSONNode {
        try enter()
        offset += 1
        var items: [JSONNode] = []
        skipBlanks()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            offset += 1
        } else {
            while true {
                skipBlanks()
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                    throw error("a trailing comma before ']' is not JSON; remove it")
                }
                items.append(try value())
                skipBlanks()
                guard offset < bytes.count else { throw FormatError(line: firstLine + 1, "the array opened on this line is never closed; add the missing ']'") }
                if bytes[offset] == UInt8(ascii: ",") {
                    offset += 1
                    continue
                }
                guard bytes[offset] == UInt8(ascii: "]") else {
                    throw error("expected ',' or ']' after an array item, found \(describe(offset))")
                }
                offset += 1
                break
            }
        }
        depth -= 1
        return JSONNode(kind: .array(items), lines: firstLine..<(lineIndex(of: offset - 1) + 1))
    }

    /// `true`, `false`, `null` or a number (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`).
    private mutating func literal() throws(FormatError) -> String {
        let start = offset
        for word in ["true", "false", "null"] where bytes[offset...].starts(with: word.utf8) {
            offset += word.utf8.count
            return word
        }
        func digits() -> Int {
            let from = offset
            while offset < bytes.count, (0x30...0x39).contains(bytes[offset]) { offset += 1 }
            return offset - from
        }
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, (0x30...0x39).contains(bytes[offset]) else {
            throw error("expected a value (an object, array, string, number, true, false or null), found \(describe(start))", at: start)
        }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
            if offset < bytes.count, (0x30...0x39).contains(bytes[offset]) {
                throw error("a number with a leading zero is not JSON", at: start)
            }
        } else {
            _ = digits()
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw error("a number needs digits after its '.'", at: start) }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { throw error("a number needs digits in its exponent", at: start) }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    /// A string at `offset` (its opening quote); its token covers the bytes between the quotes.
    private mutating func string() throws(FormatError) -> JSONString {
        let open = offset
        offset += 1
        var decoded: [UInt8] = []
        var verbatim = true
        while true {
            guard offset < bytes.count else {
                throw error("a string opened here is never closed; add the closing '\"'", at: open)
            }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 {
                throw error(byte == 0x0A ? "a string runs past the end of its line; close it, or write the line break as \\n"
                                         : "a control character inside a string must be written as an escape (\\t, \\u00XX)")
            }
            if byte == UInt8(ascii: "\\") {
                verbatim = false
                try escape(into: &decoded)
                continue
            }
            decoded.append(byte)
            offset += 1
        }
        let lineIndex = self.lineIndex(of: open)
        let lineStart = source.startOffset(ofLine: lineIndex)
        offset += 1
        let token = ValueToken(text: String(decoding: decoded, as: UTF8.self), line: lineIndex,
                               range: (open + 1 - lineStart)..<(offset - 1 - lineStart), isVerbatim: verbatim)
        return JSONString(token: token)
    }

    /// The escape at `offset` (a backslash), decoded into `out`.
    private mutating func escape(into out: inout [UInt8]) throws(FormatError) {
        guard offset + 1 < bytes.count else { throw error("a string ends with a lone backslash") }
        let next = bytes[offset + 1]
        let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
        if let byte = simple[next] {
            out.append(byte)
            offset += 2
            return
        }
        guard next == UInt8(ascii: "u") else {
            throw error("'\\\(Character(Unicode.Scalar(next)))' is not a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
        }
        var unit = try hex4(at: offset + 2)
        offset += 6
        if (0xD800..<0xDC00).contains(unit), offset + 1 < bytes.count, bytes[offset] == 0x5C, bytes[offset + 1] == UInt8(ascii: "u"),
           let low = try? hex4(at: offset + 2), (0xDC00..<0xE000).contains(low) {
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            offset += 6
        }
        // A lone surrogate is accepted (as JSON readers do) and read as U+FFFD.
        out.append(contentsOf: String(Character(Unicode.Scalar(unit) ?? "\u{FFFD}")).utf8)
    }

    private func hex4(at index: Int) throws(FormatError) -> UInt32 {
        guard index + 4 <= bytes.count,
              let value = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + 4)]), as: UTF8.self), radix: 16),
              bytes[index..<(index + 4)].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }) else {
            throw error("'\\u' must be followed by four hex digits")
        }
        return value
    }
}
