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
        ("[fd00::1]", nil, "fd00::1", nil, ""),
        ("[fd00::1]:x", nil, "fd00::1", nil, ""),
        ("fd00::1:6443", nil, "fd00::1:6443", nil, ""),
        ("http://h:notaport/x", "http", "h:notaport", nil, "/x"),
        ("h:/x", nil, "h:/x", nil, ""),
        ("10.0.0.1:6443/", nil, "10.0.0.1:6443/", nil, ""),
        ("grüße.example:443", nil, "grüße.example", 443, ""),
        ("https://", "https", "", nil, ""),
        ("", nil, "", nil, ""),
    ] as [(String, String?, String, Int?, String)])
    func reads(text: String, scheme: String?, host: String, port: Int?, path: String) {
        let address = Address(parsing: Substring(text))
        #expect(address.scheme == scheme)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.path == path)
    }

    @Test("an unbracketed IPv6 host gives its last field as the port only when asked")
    func lastColon() {
        let address = Address(parsing: "2409:8080::12:6443", lastColonIsPort: true)
        #expect(address.host == "2409:8080::12")
        #expect(address.port == 6443)
    }

    @Test("the first '://' is found; ':/' or '//' alone is not one")
    func separator() {
        func find(_ text: String) -> Int? {
            Array(text.utf8).withUnsafeBufferPointer { Address.schemeSeparator(in: $0) }
        }
        #expect(find("a:/b//c://d://e") == 7)
        #expect(find("a:/b//c:") == nil)
        #expect(find("://") == 0)
        #expect(find(":/") == nil)
        #expect(find("") == nil)
    }
}
