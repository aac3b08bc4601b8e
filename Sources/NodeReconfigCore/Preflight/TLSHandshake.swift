/// A TLS handshake with one endpoint, as a value: `command` is the `openssl s_client` run that
/// makes it (trusting the node's CA, presenting the node's client certificate), and
/// `result(from:)` reads the server's certificate and openssl's verdict on its chain. The names
/// and dates are read from the certificate itself (`ServerCertificate`), so they do not depend
/// on how one openssl version prints them.
public struct TLSHandshake: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// The name the node uses for the endpoint: sent as SNI when it is a DNS name.
    public var serverName: String
    public var tls: TLSFiles
    public var timeout: Double

    public init(host: String, port: Int, serverName: String, tls: TLSFiles, timeout: Double = 3) {
        self.host = host
        self.port = port
        self.serverName = serverName
        self.tls = tls
        self.timeout = timeout
    }

    public var command: ExternalCommand {
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var arguments = ["s_client", "-connect", authority]
        if IPAddress.bytes(serverName) == nil { arguments += ["-servername", serverName] }
        if let ca = tls.ca { arguments += ["-CAfile", ca] }
        if let certificate = tls.certificate { arguments += ["-cert", certificate] }
        if let key = tls.key { arguments += ["-key", key] }
        return ExternalCommand("openssl", arguments)
    }

    /// What the handshake showed.
    public struct Result: Sendable, Equatable {
        /// The server's own (leaf) certificate.
        public var certificate: ServerCertificate
        /// openssl's chain verdict: 0 when the chain leads to the trusted CA and is valid now.
        public var verifyCode: Int
        /// openssl's words for it (`unable to get local issuer certificate`).
        public var verifyMessage: String
    }

    /// Reads `openssl s_client`'s output: the `Server certificate` PEM and `Verify return code`.
    /// nil with openssl's last words when no certificate came back.
    public static func result(from output: ProcessResult) -> Swift.Result<Result, HTTPFailure> {
        let text = output.output
        guard text.contains("-----BEGIN CERTIFICATE-----") else {
            return .failure(HTTPFailure(exitCode: output.exitCode, message: failureWords(output)))
        }
        guard let certificate = ServerCertificate(pem: text) else {
            return .failure(HTTPFailure(exitCode: output.exitCode, message: "the server's certificate cannot be read"))
        }
        var code = -1
        var message = "openssl gave no verdict"
        if let line = text.split(separator: "\n").first(where: { $0.contains("Verify return code:") }),
           let label = line.firstRange(of: "Verify return code:") {
            let after = line[label.upperBound...].trimmingSpacesSubstring
            let number = after.prefix { $0.isNumber }
            code = Int(number) ?? -1
            if let open = after.firstIndex(of: "("), let close = after.lastIndex(of: ")"), open < close {
                message = String(after[after.index(after: open)..<close])
            }
        }
        return .success(Result(certificate: certificate, verifyCode: code, verifyMessage: message))
    }

    /// Runs the handshake through `processes`.
    public func run(_ processes: any ProcessRunner) -> Swift.Result<Result, HTTPFailure> {
        do {
            return Self.result(from: try processes.run(command, timeout: timeout))
        } catch {
            return .failure(HTTPFailure(exitCode: -1, message: "cannot run openssl: \(error)"))
        }
    }

    /// openssl's most telling line when the handshake gave no certificate.
    static func failureWords(_ output: ProcessResult) -> String {
        if output.exitCode == 124 { return "no TLS handshake in time (openssl was stopped)" }
        let lines = output.errorOutput.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces }
        if let connect = lines.first(where: { $0.hasPrefix("connect:") || $0.contains("Connection refused") }) {
            return "the TLS connection failed (\(connect))"
        }
        let reasons = lines.compactMap(reason)
        if reasons.contains(where: { $0.contains("wrong version number") || $0.contains("packet length too long") || $0.contains("record layer failure") }) {
            return "it does not speak TLS on that port (openssl: \(reasons[0]))"
        }
        if let first = reasons.first { return "the TLS handshake failed (openssl: \(first))" }
        return "the TLS handshake failed" + (lines.last.map { " (openssl: \($0))" } ?? " (openssl exited \(output.exitCode))")
    }

    /// The reason field of an openssl error line (`…:SSL routines::tlsv1 alert unknown ca:…` →
    /// `tlsv1 alert unknown ca`): its first field of words that is not the library's name.
    static func reason(_ line: String) -> String? {
        guard line.contains(":error:") else { return nil }
        return line.split(separator: ":").first { $0.contains(" ") && !$0.contains("routines") }.map(String.init)
    }
}
