/// The TLS files one request presents and trusts, on disk: a node file or a file the run wrote
/// in its 0700 scratch directory (`SecretScratch`).
public struct TLSFiles: Sendable, Equatable {
    public var ca: String?
    public var certificate: String?
    public var key: String?
    /// A curl config file (`-K`) holding `header = "Authorization: Bearer …"`: the token never
    /// appears in argv.
    public var curlConfig: String?
    /// Do not verify the server (the node's file says so, or the chain was verified already
    /// against another name than the URL's host).
    public var insecure = false
    /// The file these came from (whose CA it is), for messages.
    public var source: String?
    /// The file naming the client certificate or token, when not `source`.
    public var identitySource: String?

    public init(ca: String? = nil, certificate: String? = nil, key: String? = nil, curlConfig: String? = nil,
                insecure: Bool = false, source: String? = nil, identitySource: String? = nil) {
        self.ca = ca
        self.certificate = certificate
        self.key = key
        self.curlConfig = curlConfig
        self.insecure = insecure
        self.source = source
        self.identitySource = identitySource
    }

    /// The file naming what the client presents.
    var presenter: String? { identitySource ?? source }
}

/// One HTTP(S) request to a control-plane endpoint, as a value: `command` is the `curl` run
/// that makes it (through `Context.processes`, like every external command), `response(from:)`
/// reads what curl printed. curl ignores `~/.curlrc` (`-q`) and proxies (`--noproxy '*'`): the
/// node's own path to the control plane is what is checked.
public struct HTTPCheck: Sendable, Equatable {
    public var method: String
    public var url: String
    /// A JSON body (POST); never a secret.
    public var body: String?
    public var tls: TLSFiles?
    /// Seconds for the whole exchange.
    public var timeout: Double

    public init(method: String = "GET", url: String, body: String? = nil, tls: TLSFiles? = nil, timeout: Double = 3) {
        self.method = method
        self.url = url
        self.body = body
        self.tls = tls
        self.timeout = timeout
    }

    public var command: ExternalCommand {
        let seconds = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
        var arguments = ["-q", "-sS", "-i", "--noproxy", "*", "--max-time", seconds, "--connect-timeout", seconds]
        if method != "GET" { arguments += ["-X", method] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        if let tls {
            if tls.insecure { arguments.append("-k") } else if let ca = tls.ca { arguments += ["--cacert", ca] }
            if let certificate = tls.certificate { arguments += ["--cert", certificate] }
            if let key = tls.key { arguments += ["--key", key] }
            if let config = tls.curlConfig { arguments += ["-K", config] }
        }
        arguments.append(url)
        return ExternalCommand("curl", arguments)
    }

    /// What the server answered, or why nothing usable came back.
    public static func response(from result: ProcessResult) -> Result<HTTPResponse, HTTPFailure> {
        guard result.exitCode == 0 else { return .failure(HTTPFailure(result)) }
        guard let response = HTTPResponse(parsing: result.standardOutput) else {
            return .failure(HTTPFailure(exitCode: 0, message: "curl printed no HTTP response"))
        }
        return .success(response)
    }

    /// Runs the request through `processes`.
    public func run(_ processes: any ProcessRunner) -> Result<HTTPResponse, HTTPFailure> {
        do {
            return Self.response(from: try processes.run(command, timeout: timeout + 2))
        } catch {
            return .failure(HTTPFailure(exitCode: -1, message: "cannot run curl: \(error)"))
        }
    }
}

/// Several requests in one curl run (`--next` between them): when every one answers, the checks
/// of an endpoint cost one process. nil from `run` means: ask them one by one (for each one's
/// own failure).
public struct HTTPBatch: Sendable, Equatable {
    public var checks: [HTTPCheck]

    public init(_ checks: [HTTPCheck]) {
        self.checks = checks
    }

    public var command: ExternalCommand {
        var arguments: [String] = []
        for (index, check) in checks.enumerated() {
            let own = check.command.arguments
            arguments += index == 0 ? own : ["--next"] + own.filter { $0 != "-q" }
        }
        return ExternalCommand("curl", arguments)
    }

    public func run(_ processes: any ProcessRunner) -> [HTTPResponse]? {
        guard let result = try? processes.run(command, timeout: (checks.map(\.timeout).max() ?? 3) + 2), result.exitCode == 0 else { return nil }
        let responses = HTTPResponse.sequence(parsing: result.standardOutput)
        return responses.count == checks.count ? responses : nil
    }
}

/// An HTTP response as curl printed it (`-i`): status, headers, body.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header names lowercased, in order.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public static func == (a: HTTPResponse, b: HTTPResponse) -> Bool {
        a.status == b.status && a.body == b.body && a.headers.map(\.name) == b.headers.map(\.name)
            && a.headers.map(\.value) == b.headers.map(\.value)
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name == name }?.value
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Responses one after the other (curl `-i` with `--next`): each body is as long as its
    /// `Content-Length` says, the last one takes the rest. Empty when one cannot be told apart.
    static func sequence(parsing bytes: [UInt8]) -> [HTTPResponse] {
        var rest = bytes[...]
        var found: [HTTPResponse] = []
        while !rest.isEmpty {
            guard var response = HTTPResponse(parsing: Array(rest)) else { return [] }
            let headerLength = rest.count - response.body.count
            if let length = response.header("Content-Length").flatMap(Int.init), length <= response.body.count {
                response.body = Array(response.body.prefix(length))
                rest = rest.dropFirst(headerLength + length)
            } else {
                rest = []
            }
            found.append(response)
        }
        return found
    }

    /// The last header block (after any `100 Continue`) and the body after it.
    init?(parsing bytes: [UInt8]) {
        var rest = bytes[...]
        while true {
            guard let end = Self.headerEnd(rest) else { return nil }
            let head = String(decoding: rest[rest.startIndex..<end.start], as: UTF8.self)
            rest = rest[end.end...]
            let lines = head.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
                .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/") else { return nil }
            let words = statusLine.split(separator: " ")
            guard words.count >= 2, let code = Int(words[1]) else { return nil }
            if (100..<200).contains(code) && !rest.isEmpty { continue }
            status = code
            headers = lines.dropFirst().compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (line[..<colon].lowercased(), String(line[line.index(after: colon)...]).trimmingSpaces)
            }
            body = Array(rest)
            return
        }
    }

    private static func headerEnd(_ bytes: ArraySlice<UInt8>) -> (start: Int, end: Int)? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 10 {
                if index + 1 < bytes.endIndex, bytes[index + 1] == 10 { return (index, index + 2) }
                if index + 2 < bytes.endIndex, bytes[index + 1] == 13, bytes[index + 2] == 10 { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }
}

/// Why curl got no usable answer: its exit code and its own words (`SSL certificate problem:
/// unable to get local issuer certificate`), with what they mean for the operator.
public struct HTTPFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var exitCode: Int32
    public var message: String

    public init(exitCode: Int32, message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    init(_ result: ProcessResult) {
        exitCode = result.exitCode
        let said = result.errorOutput.split(whereSeparator: \.isNewline).last.map { line -> String in
            var text = String(line)
            if text.hasPrefix("curl: ") { text = String(text.dropFirst(6)) }
            // "(60) SSL certificate problem: …": the exit code is known already.
            if text.hasPrefix("("), let close = text.firstIndex(of: ")"), text[text.index(after: text.startIndex)..<close].allSatisfy(\.isNumber) {
                text = String(text[text.index(after: close)...])
            }
            return text.trimmingSpaces
        }
        switch result.exitCode {
        case 124: message = "no answer in time (curl was stopped)"
        case 127: message = "curl is not installed"
        default: message = said.flatMap { $0.isEmpty ? nil : $0 } ?? "curl exited \(result.exitCode)"
        }
    }

    /// The server ended the TLS session the way a server that wants another (or any) client
    /// certificate does: an alert naming the certificate, or, racing with it, a connection
    /// closed under curl's first request (55, 56; 16 when curl had spoken HTTP/2 there, as with
    /// etcd).
    public var rejectsClientCertificate: Bool {
        let lower = message.lowercased()
        return [16, 35, 55, 56].contains(exitCode)
            && ["certificate required", "bad certificate", "unknown ca", "certificate unknown", "handshake failure", "errno 107",
                "connection reset", "broken pipe"].contains { lower.contains($0) }
    }

    public var description: String { message }
}
