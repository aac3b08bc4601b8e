/// The checks of one reachable endpoint, in order, each a request value run through the process
/// runner: the TLS handshake (https), then the apiserver's verdict on the node's credentials, or
/// etcd's health and member list. A step that fails ends the endpoint's checks: credentials go
/// only to a server whose certificate was verified.
struct TargetCheck: Sendable {
    var target: PreflightTarget
    /// The files the node's credentials are in (nil: none; the system CA bundle is trusted).
    var tls: TLSFiles?
    var processes: any ProcessRunner
    /// Wall time (seconds since 1970), for certificate dates.
    var now: Double
    var timeout: Double

    struct Outcome: Sendable {
        var findings: [PreflightFinding] = []
        var view: EtcdClusterView?
    }

    func run() -> Outcome {
        var outcome = Outcome()
        var requestTLS = tls
        if target.scheme == "https" {
            let files = tls ?? TLSFiles()
            switch TLSHandshake(host: target.host, port: target.port, serverName: target.serverName, tls: files, timeout: timeout).run(processes) {
            case .failure(let failure):
                outcome.findings.append(finding(failure.message))
                return outcome
            case .success(let handshake):
                let problems = files.insecure ? [] : certificateProblems(handshake)
                guard problems.isEmpty else {
                    outcome.findings += problems.map { PreflightFinding(subject: tlsSubject, detail: $0) }
                    return outcome
                }
            }
            // The chain and the names were checked against the name the node uses; curl checks
            // again only when that is the URL's own host.
            var verified = files
            if target.serverName.lowercased() != target.host.lowercased() { verified.insecure = true }
            requestTLS = verified
        }
        switch target.role {
        case .master, .apiserver:
            if target.scheme == "https", let problem = credentialsProblem(tls: requestTLS) { outcome.findings.append(finding(problem)) }
        case .etcd:
            // Healthy with a v3 member list: one curl run; anything else is asked step by step.
            let batch = HTTPBatch([EtcdAPI.health(target.base, tls: requestTLS, timeout: timeout),
                                   EtcdAPI.memberLists(target.base, tls: requestTLS, timeout: timeout)[0]])
            if let answers = batch.run(processes), EtcdAPI.isHealthy(answers[0]), let view = EtcdAPI.view(answers[1]) {
                outcome.view = view
                return outcome
            }
            if let problem = healthProblem(tls: requestTLS) {
                outcome.findings.append(finding(problem))
                return outcome
            }
            switch memberList(tls: requestTLS) {
            case .success(let view): outcome.view = view
            case .failure(let problem): outcome.findings.append(finding(problem.message))
            }
        }
        return outcome
    }

    private func finding(_ detail: String) -> PreflightFinding {
        PreflightFinding(subject: target.label, detail: detail)
    }

    /// `--master https://10.17.40.20:6443 (CA of /etc/kubernetes/kubelet.kubeconfig)`; for a
    /// pool entry reached through the node's load balancer, the name the node uses too.
    var tlsSubject: String {
        var notes: [String] = []
        if target.serverName.lowercased() != target.host.lowercased() {
            notes.append("reached as \(target.serverName) through the node's load balancer")
        }
        notes.append(caName)
        return "\(target.label) (\(notes.joined(separator: "; ")))"
    }

    /// Whose CA the chain was checked against.
    var caName: String {
        if let source = tls?.source, tls?.ca != nil { return "CA of \(source)" }
        return "the system's CA bundle: no file on this node names a CA for it"
    }

    /// The chain, the dates and the names, as a TLS client on this node would judge them.
    func certificateProblems(_ handshake: TLSHandshake.Result) -> [String] {
        var problems: [String] = []
        let certificate = handshake.certificate
        switch handshake.verifyCode {
        case 0:
            break
        case 10:
            problems.append("its certificate expired on \(Timestamp.text(certificate.notAfter)); renew the \(target.role.certificateOwner) certificate")
        case 9:
            problems.append("its certificate is not valid before \(Timestamp.text(certificate.notBefore)); check the clocks of this node and the server")
        default:
            let against = tls?.ca != nil ? "the CA of \(tls?.source ?? "?")" : "any CA this node trusts"
            problems.append("its certificate (issued by \(certificate.issuer)) does not chain to \(against) (openssl: \(handshake.verifyMessage)); "
                            + "give the \(target.role.certificateOwner) a certificate from that CA, or check that the node's file names the cluster's CA")
        }
        if handshake.verifyCode == 0, certificate.notAfter < now {
            problems.append("its certificate expired on \(Timestamp.text(certificate.notAfter)); renew the \(target.role.certificateOwner) certificate")
        }
        let host = target.serverName
        if !certificate.covers(host) {
            let owner = target.role.certificateOwner
            if certificate.names.isEmpty {
                problems.append("the certificate holds no names (subject alternative names) at all, only the subject \(certificate.subject); "
                                + "re-issue the \(owner) certificate with \(host) among its names")
            } else {
                let asDNS = IPAddress.bytes(host) != nil && certificate.holdsAsDNSName(host)
                    ? " (it is there as a DNS name; a client checks an IP address against the IP names)" : ""
                problems.append("\(host) is not in the certificate's names: \(certificate.names.map(\.description).joined(separator: ", "))\(asDNS); "
                                + "re-issue the \(owner) certificate with it")
            }
        }
        return problems
    }

    /// `GET /version` with the node's credentials: 401 or 403 refuses.
    func credentialsProblem(tls: TLSFiles?) -> String? {
        let presented = presentedCredentials
        switch HTTPCheck(url: target.base + "/version", tls: tls, timeout: timeout).run(processes) {
        case .success(let response) where response.status == 401 || response.status == 403:
            return "answered \(response.status) to GET /version with \(presented); it does not accept this node's credentials: "
                + "check the apiserver's --client-ca-file (or the token), or the node's file"
        case .success:
            return nil
        case .failure(let failure) where failure.rejectsClientCertificate:
            return clientCertificateRefused(failure, flag: "--client-ca-file")
        case .failure(let failure):
            return "GET /version failed: \(failure.message)"
        }
    }

    /// The server closed the TLS session over the client certificate: the node's was not trusted,
    /// or the node's files give none.
    func clientCertificateRefused(_ failure: HTTPFailure, flag: String) -> String {
        guard tls?.certificate != nil, let source = tls?.presenter else {
            return "asks for a client certificate, and no file on this node gives one for it (curl: \(failure.message)); "
                + "give the node's client certificate and key in its files"
        }
        return "refused the client certificate of \(source) in the TLS handshake (curl: \(failure.message)); "
            + "it does not trust the CA that issued it: check its \(flag)"
    }

    /// `the client certificate of /etc/kubernetes/kubelet.kubeconfig`, or that none was given.
    var presentedCredentials: String {
        guard let tls, tls.certificate != nil || tls.curlConfig != nil, let source = tls.presenter else {
            return "no credentials (no file on this node gives any for it)"
        }
        return tls.certificate != nil ? "the client certificate of \(source)" : "the token of \(source)"
    }

    /// etcd's `/health`.
    func healthProblem(tls: TLSFiles?) -> String? {
        switch EtcdAPI.health(target.base, tls: tls, timeout: timeout).run(processes) {
        case .success(let response) where EtcdAPI.isHealthy(response):
            return nil
        case .success(let response):
            let body = response.text.trimmingSpaces.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return "is not healthy: GET /health answered \(response.status)\(body.isEmpty ? "" : " \(body.prefix(200))")"
        case .failure(let failure) where failure.rejectsClientCertificate:
            return clientCertificateRefused(failure, flag: "--trusted-ca-file")
        case .failure(let failure):
            return "GET /health failed: \(failure.message)"
        }
    }

    /// The member list from the newest API that answers one.
    func memberList(tls: TLSFiles?) -> Result<EtcdClusterView, HTTPFailure> {
        var said: [String] = []
        for request in EtcdAPI.memberLists(target.base, tls: tls, timeout: timeout) {
            switch request.run(processes) {
            case .success(let response):
                if let view = EtcdAPI.view(response) { return .success(view) }
                said.append("\(request.method) \(request.url.dropFirst(target.base.count)) answered \(response.status)")
                if response.status == 401 || response.status == 403 {
                    return .failure(HTTPFailure(exitCode: 0, message: "cannot read its member list with \(presentedCredentials) (\(said.last!))"))
                }
            case .failure(let failure):
                return .failure(HTTPFailure(exitCode: failure.exitCode, message: "cannot read its member list: \(failure.message)"))
            }
        }
        return .failure(HTTPFailure(exitCode: 0, message: "cannot read its member list (\(said.joined(separator: ", ")))"))
    }
}
