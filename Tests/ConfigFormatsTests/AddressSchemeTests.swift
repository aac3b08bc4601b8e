import Testing
@testable import ConfigFormats

/// The byte scan for `://` (a profile-driven replacement of `firstRange(of:)`) splits the same.
@Suite("Address: the scheme separator")
struct AddressSchemeTests {
    @Test("scheme, host, port and path read as before", arguments: [
        ("http://10.17.33.20:8080", "http", "10.17.33.20", 8080, ""),
        ("HTTPS://[fd00::1]:6443/api", "https", "fd00::1", 6443, "/api"),
        ("10.17.33.20:6443", nil, "10.17.33.20", 6443, ""),
        ("master:8080", nil, "master", 8080, ""),
    ] as [(String, String?, String, Int?, String)])
    func reads(text: String, scheme: String?, host: String, port: Int?, path: String) {
        let address = Address(parsing: Substring(text))
        #expect(address.scheme == scheme)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.path == path)
    }

    @Test("the first '://' is found; ':/' or '//' alone is not one")
    func separator() {
        let text: Substring = "a:/b//c://d://e"
        let range = Address.schemeSeparator(in: text)
        #expect(range.map { String(text[$0]) } == "://")
        #expect(range.map { String(text[..<$0.lowerBound]) } == "a:/b//c")
        #expect(Address.schemeSeparator(in: "a:/b//c:") == nil)
        #expect(Address.schemeSeparator(in: "") == nil)
    }
}
