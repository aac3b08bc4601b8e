/// Lowercase hex for extended attribute values in the manifest.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xf)]] })
    }

    static func decode(_ text: String) -> [UInt8] {
        let values = text.utf8.map { c -> UInt8 in c <= 57 ? c - 48 : (c | 0x20) - 87 }
        return stride(from: 0, to: values.count - 1, by: 2).map { values[$0] << 4 | values[$0 + 1] }
    }
}
