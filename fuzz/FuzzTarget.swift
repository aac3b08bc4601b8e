// libFuzzer entry point for the ConfigFormats parsers. Built by scripts/fuzz.sh with
// `swiftc -sanitize=fuzzer -parse-as-library` and the ConfigFormats sources compiled in.
// FORMAT (env) picks the parser: yaml | kubeconfig | env | systemd | nginx | haproxy | json | blocks | k3s-config | lvscare.
// Checks, for every input: no crash; when it parses, render(parse(x)) == x; an edit of the
// first editable value applies, re-parses, and the re-parse finds the new value.
#if canImport(Glibc)
import Glibc
#endif

let selectedFormat: String = {
    guard let raw = getenv("FORMAT") else { return "env" }
    return String(cString: raw)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzChecks.check(format: selectedFormat, bytes: bytes)
    return 0
}
