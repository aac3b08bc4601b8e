import Testing
@testable import NodeReconfigCore
import ConfigFormats

@Suite("JSONValue.parse: strict RFC 8259, through ConfigFormats' JSON reader")
struct JSONParserTests {
    @Test("valid documents parse to the values they spell, keys in order", arguments: [
        (#"{"b": 1, "a": [true, false, null], "c": {"d": "e"}}"#,
         JSONValue.object([("b", .number(1)), ("a", .array([.bool(true), .bool(false), .null])), ("c", .object([("d", .string("e"))]))])),
        (" \t\r\n[] \n", .array([])),
        ("{}", .object([])),
        (#""just a string""#, .string("just a string")),
        ("42", .number(42)),
        ("null", .null),
        ("[[[[1]]]]", .array([.array([.array([.array([.number(1)])])])])),
    ])
    func valid(text: String, expected: JSONValue) throws {
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test("numbers: signs, fractions, exponents", arguments: [
        ("0", 0.0), ("-0", 0.0), ("-12", -12), ("3.25", 3.25), ("1e3", 1000), ("1E+2", 100), ("25e-1", 2.5), ("-0.5e1", -5),
        ("9007199254740993", 9007199254740992),
    ])
    func numbers(text: String, expected: Double) throws {
        #expect(try JSONValue.parse(text).doubleValue == expected)
    }

    @Test("escapes, including \\u and surrogate pairs", arguments: [
        (#""a\"b\\c\/d""#, "a\"b\\c/d"),
        (#""\b\f\n\r\t""#, "\u{8}\u{C}\n\r\t"),
        (#""\u0041\u00e9\u20AC""#, "Aé€"),
        (#""\ud83d\ude00 smile""#, "😀 smile"),
        (#""\u0000""#, "\u{0}"),
        ("\"raw é and 😀\"", "raw é and 😀"),
    ])
    func escapes(text: String, expected: String) throws {
        #expect(try JSONValue.parse(text).stringValue == expected)
    }

    @Test("invalid documents are refused", arguments: [
        "", " ", "{", "[1,]", "{\"a\":1,}", "{a:1}", "{'a':1}", "[1 2]", "{\"a\" 1}", "tru", "nul", "True",
        "01", "-", "1.", ".5", "1e", "+1", "NaN", "Infinity", "1e400", "0x10",
        "\"unterminated", "\"tab\there\"", "\"bad \\x escape\"", "\"\\u12\"", "\"\\uZZZZ\"",
        "[1] [2]", "{} x", "// c\n{}", "[1,,2]",
    ])
    func invalid(text: String) {
        #expect(throws: FormatError.self) { try JSONValue.parse(text) }
    }

    @Test("a lone surrogate escape is read as U+FFFD, as Go's encoding/json (kubelet, CNI plugins) reads it", arguments: [
        (#""\ud83d""#, "\u{FFFD}"), (#""\ud83d\u0041""#, "\u{FFFD}A"), (#""\ude00""#, "\u{FFFD}"),
    ])
    func loneSurrogates(text: String, expected: String) throws {
        #expect(try JSONValue.parse(text).stringValue == expected)
    }

    @Test("invalid UTF-8 inside a string is refused")
    func invalidUTF8() {
        #expect(throws: FormatError.self) { try JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: FormatError.self) { try JSONValue.parse([0x22, 0xED, 0xA0, 0x80, 0x22]) }
    }

    @Test("nesting deeper than the limit is refused, at the limit accepted")
    func depth() throws {
        let limit = JSONDocument.maximumDepth
        let ok = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try JSONValue.parse(ok) }
        let deep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: FormatError.self) { try JSONValue.parse(deep) }
    }

    @Test("the error names the line")
    func errorLine() {
        #expect { try JSONValue.parse("[1,\n 2\n 3]") } throws: { ($0 as? FormatError)?.line == 3 }
    }

    @Test("parse then render round-trips, escapes included")
    func roundTrip() throws {
        let text = #"{"a":[1,2.5,-3],"b":"x\"y\\z\n\u0001é","c":null,"d":{"e":true}}"#
        #expect(try JSONValue.parse(text).rendered() == text)
    }

    @Test("a repeated key is refused (readers disagree on which one wins); typed accessors, sorted keys at every depth")
    func access() throws {
        #expect(throws: FormatError.self) { try JSONValue.parse(#"{"a": "s", "a": "t"}"#) }
        let value = try JSONValue.parse(#"{"z": {"y": 1, "x": 2}, "a": "t", "n": 30, "f": 1.5}"#)
        #expect(value["a"]?.stringValue == "t")
        #expect(value["n"]?.intValue == 30)
        #expect(value["f"]?.intValue == nil)
        #expect(value["missing"] == nil)
        #expect(value.sortingKeys().rendered() == #"{"a":"t","f":1.5,"n":30,"z":{"x":2,"y":1}}"#)
    }
}
