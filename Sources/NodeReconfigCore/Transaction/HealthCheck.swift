import ConfigFormats

/// What proves, after the restarts, that a change reached the control plane (SPEC "Safety" 8,
/// beyond the process): attached to the planned file whose change it checks.
public enum HealthCheck: Sendable, Equatable {
    /// kubelet was restarted toward a new master: its Lease in `kube-node-lease` (or, on
    /// clusters without leases, its Node's Ready heartbeat) must move past the restart time,
    /// read through kubelet's own kubeconfig.
    case heartbeat(NodeHeartbeat)
    /// A kube-apiserver or etcd static pod manifest changed: its own `livenessProbe` endpoint
    /// must answer 2xx once kubelet has recreated the pod. `pod` is how the container runtime
    /// tells kubelet's new container from the old one (nil: the manifest names no pod).
    case liveness(component: String, url: String, pod: StaticPod?)
}

/// The health gate of one run, from the whole plan: each file's checks, the node's name, and
/// what the gate cannot check (said in the human output and in JSON `findings`, never silent).
public struct HealthGatePlan: Sendable, Equatable {
    /// The checks of `plan.files[i]`.
    public var checks: [[HealthCheck]]
    public var nodeName: String
    public var notes: [Finding]

    /// `hostName` is this machine's name, the node's name when neither kubelet's client
    /// certificate nor `--hostname-override` gives it; `readFile` reads a node path (kubelet's
    /// client certificate). `askControlPlane` false (`--skip-preflight`: the new control plane
    /// may not be up yet) leaves kubelet's heartbeat out and says so; the local livenessProbes stay.
    public static func make(_ plan: NodePlan, root: String, hostName: String, askControlPlane: Bool,
                            readFile: (String) -> [UInt8]?) -> HealthGatePlan {
        let nodeName = NodeHeartbeat.nodeName(plan, root: root, hostName: hostName, readFile: readFile)
        var gate = HealthGatePlan(checks: plan.files.map { liveness(of: $0, nodeName: nodeName) }, nodeName: nodeName, notes: [])
        gate.armHeartbeats(plan, root: root, askControlPlane: askControlPlane)
        return gate
    }

    /// A changed kube-apiserver or etcd static pod manifest's livenessProbes, each with its pod
    /// as kubelet names it on this node.
    static func liveness(of file: FilePlan, nodeName: String) -> [HealthCheck] {
        guard file.changed, let source = try? SourceText(bytes: file.updated) else { return [] }
        let component = file.file.component
        guard [.kubeAPIServer, .etcd].contains(component) else { return [] }
        if file.file.kind == .manifest, let manifest = try? PodManifest(source) {
            return manifest.containers.compactMap { container -> HealthCheck? in
                guard !container.isInit, let probe = container.livenessProbe, let url = url(of: probe) else { return nil }
                let pod = ManifestHandler.staticPod(container, manifest: file.file.displayPath)?.on(node: nodeName)
                return .liveness(component: component.rawValue, url: url, pod: pod)
            }
        }
        return ((try? file.file.kind.handler.livenessProbes(in: source)) ?? []).compactMap { probe in
            url(of: probe).map { .liveness(component: component.rawValue, url: $0, pod: nil) }
        }
    }

    static func url(of probe: HTTPGetAction) -> String? {
        guard let port = Int(probe.port) else { return nil }
        var path = probe.path ?? "/"
        if !path.hasPrefix("/") { path = "/" + path }
        return "\((probe.scheme ?? "HTTP").lowercased())://\(Address(host: probe.host ?? "127.0.0.1", port: port).hostPort)\(path)"
    }

    /// kubelet's heartbeat, once per service that runs kubelet and whose files moved a master:
    /// through the client of a kubeconfig whose server moved (kubelet's own credentials), else
    /// through the moved `--api-servers`/`--master` URL of its unit or env file (plain http
    /// needs none; https takes the credentials of kubelet's kubeconfig). Otherwise, and under
    /// `--skip-preflight`, a note says it is not checked and why.
    mutating func armHeartbeats(_ plan: NodePlan, root: String, askControlPlane: Bool) {
        let services = NodeHeartbeat.kubeletServices(plan)
        let kubeletClients = plan.files.filter { $0.file.services.contains(where: services.contains) }.flatMap { file -> [ServerClient] in
            guard let source = try? SourceText(bytes: file.updated) else { return [] }
            return (try? file.file.kind.handler.clients(in: source, file: file.file, root: root)) ?? []
        }
        // The best candidate per kubelet service: a kubeconfig's client, then kubelet's own
        // files (its unit, its env file), then a file every Kubernetes service reads.
        var candidates: [String: (rank: Int, index: Int, result: Result<NodeHeartbeat, HeartbeatUnarmed>)] = [:]
        var order: [String] = []
        for (index, file) in plan.files.enumerated() where file.changed {
            let moved = file.edits.filter { $0.role == .master && $0.outcome == .changed }.map(\.after)
            guard !moved.isEmpty, let service = file.file.services.first(where: services.contains),
                  let source = try? SourceText(bytes: file.updated) else { continue }
            let clients = (try? file.file.kind.handler.clients(in: source, file: file.file, root: root)) ?? []
            let candidate: (Int, Result<NodeHeartbeat, HeartbeatUnarmed>)
            if let agent = NodeHeartbeat.agentServices(plan)[service] {
                // The agent's kubelet asks its own load balancer, which follows the new server only
                // after the restart: no kubeconfig names the server that moved.
                let url = moved[0].split(separator: ",").first.map(String.init) ?? moved[0]
                candidate = (0, .failure(.agentLoadBalancer(url: url, path: file.file.displayPath, agent: agent)))
            } else if let client = clients.first(where: { moved.contains($0.server) }) {
                candidate = (0, .success(NodeHeartbeat(nodeName: nodeName, server: client.server, credentials: client.credentials, service: service)))
            } else {
                let rank = file.file.component == .kubelet ? 1 : 2
                let url = moved[0].split(separator: ",").first.map(String.init) ?? moved[0]
                let address = Address(parsing: url[...])
                let path = file.file.displayPath
                switch address.scheme {
                case "http":
                    candidate = (rank, .success(NodeHeartbeat(nodeName: nodeName, server: url, credentials: TargetCredentials(source: path, root: root),
                                                              service: service)))
                case "https":
                    if let client = kubeletClients.first(where: \.credentials.presentsIdentity) {
                        var credentials = client.credentials
                        credentials.identitySource = credentials.identitySource ?? credentials.source
                        candidate = (rank, .success(NodeHeartbeat(nodeName: nodeName, server: url, credentials: credentials, service: service)))
                    } else {
                        candidate = (rank, .failure(.noCredentials(url: url, path: path)))
                    }
                default:
                    candidate = (rank, .failure(.noScheme(url: url, path: path)))
                }
            }
            if let known = candidates[service], known.rank <= candidate.0 { continue }
            if candidates[service] == nil { order.append(service) }
            candidates[service] = (candidate.0, index, candidate.1)
        }
        for service in order {
            guard let candidate = candidates[service] else { continue }
            switch candidate.result {
            case .success(let beat) where askControlPlane:
                checks[candidate.index].append(.heartbeat(beat))
            case .success(let beat):
                notes.append(.heartbeatNotChecked(service: service, why: "--skip-preflight was given (the new control plane may not be up yet), "
                    + "so \(beat.server) is not asked; check the Lease kube-node-lease/\(nodeName) there by hand"))
            case .failure(let why):
                notes.append(.heartbeatNotChecked(service: service, why: why.description))
            }
        }
    }
}

/// Why kubelet's heartbeat cannot be read on the new master.
enum HeartbeatUnarmed: Error, CustomStringConvertible {
    case noCredentials(url: String, path: String)
    case noScheme(url: String, path: String)
    /// A k3s or rke2 agent: kubelet runs inside it and reaches the server through the agent's
    /// own client-side load balancer (`127.0.0.1:6444` for k3s, `127.0.0.1:6443` for rke2).
    case agentLoadBalancer(url: String, path: String, agent: Component)

    var description: String {
        switch self {
        case .noCredentials(let url, let path):
            return "\(url) (\(path)) is https and no kubeconfig of kubelet gives its client credentials; check the node's Lease there by hand"
        case .noScheme(let url, let path):
            return "\(url) (\(path)) has no scheme, so how to ask it is not known; check the node's Lease there by hand"
        case .agentLoadBalancer(let url, let path, let agent):
            let (balancer, kubeconfig) = agent == .rke2Agent ? ("127.0.0.1:6443", "/var/lib/rancher/rke2/agent/kubelet.kubeconfig")
                : ("127.0.0.1:6444", "/var/lib/rancher/k3s/agent/kubelet.kubeconfig")
            return "\(agent.rawValue) runs kubelet inside it, and kubelet reaches the server through the agent's own load balancer "
                + "(\(balancer), \(kubeconfig)), not \(url) (\(path)), so node-reconfig does not read its heartbeat; once the agent is up, "
                + "check on the new control plane that the node is Ready (kubectl get lease -n kube-node-lease NODE)"
        }
    }
}

/// kubelet's heartbeat as the health gate reads it: which node, through which server, with
/// kubelet's own credentials.
public struct NodeHeartbeat: Sendable, Equatable {
    public var nodeName: String
    /// kubelet's server after the rewrite.
    public var server: String
    public var credentials: TargetCredentials
    /// The service running kubelet, whose restart starts the clock.
    public var service: String

    public init(nodeName: String, server: String, credentials: TargetCredentials, service: String = Component.kubelet.rawValue) {
        self.nodeName = nodeName
        self.server = server
        self.credentials = credentials
        self.service = service
    }

    var base: String {
        let address = Address(parsing: server[...])
        return "\(address.scheme ?? "https")://\(address.hostPort)"
    }

    /// `GET …/leases/NAME`
    func lease(tls: TLSFiles?, timeout: Double) -> HTTPCheck {
        HTTPCheck(url: base + "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/" + nodeName, tls: tls, timeout: timeout)
    }

    /// `GET /api/v1/nodes/NAME`
    func node(tls: TLSFiles?, timeout: Double) -> HTTPCheck {
        HTTPCheck(url: base + "/api/v1/nodes/" + nodeName, tls: tls, timeout: timeout)
    }

    /// When the node last told the control plane it is alive: the Lease's `spec.renewTime`,
    /// or the Node's Ready condition's `lastHeartbeatTime` (seconds since 1970).
    static func renewTime(lease response: HTTPResponse) -> Double? {
        guard response.isSuccess, let json = try? JSONValue.parse(response.body) else { return nil }
        return json["spec"]?["renewTime"]?.stringValue.flatMap(Timestamp.parse)
    }

    static func heartbeatTime(node response: HTTPResponse) -> Double? {
        guard response.isSuccess, let json = try? JSONValue.parse(response.body),
              let ready = json["status"]?["conditions"]?.arrayValue?.first(where: { $0["type"]?.stringValue == "Ready" }) else { return nil }
        return ready["lastHeartbeatTime"]?.stringValue.flatMap(Timestamp.parse)
    }

    /// The services that run kubelet, as discovery attributed them: those of files read by
    /// the kubelet program (its unit, whatever its name, and what the unit names) or that
    /// configure kubelet.
    static func kubeletServices(_ plan: NodePlan) -> Set<String> {
        var services = Set(agentServices(plan).keys)
        for file in plan.files where file.file.component == .kubelet || file.file.use.program == Component.kubelet.rawValue {
            services.formUnion(file.file.services)
        }
        return services
    }

    /// The services of k3s and rke2 agents (`k3s-agent`, `rke2-agent`), which run kubelet
    /// inside them, each with its agent.
    static func agentServices(_ plan: NodePlan) -> [String: Component] {
        var services: [String: Component] = [:]
        for file in plan.files where [.k3sAgent, .rke2Agent].contains(file.file.component) {
            for service in file.file.services { services[service] = file.file.component }
        }
        return services
    }

    /// The node's name as kubelet registers it: the `CN=system:node:NAME` of kubelet's client
    /// certificate (a file, or a kubeconfig's inline data), else kubelet's
    /// `--hostname-override`, else `hostName`, lowercased as kubelet does.
    static func nodeName(_ plan: NodePlan, root: String, hostName: String, readFile: (String) -> [UInt8]?) -> String {
        let services = kubeletServices(plan)
        let kubelets = plan.files.filter { $0.file.services.contains(where: services.contains) || $0.file.component == .kubelet }
        for file in kubelets {
            guard let source = try? SourceText(bytes: file.updated),
                  let clients = try? file.file.kind.handler.clients(in: source, file: file.file, root: root) else { continue }
            for client in clients {
                let pem: [UInt8]?
                switch client.credentials.certificate {
                case .inline(let bytes): pem = bytes
                case .file(let path): pem = readFile(path)
                case nil: pem = nil
                }
                if let pem, let name = ClientCertificate.nodeName(pem: pem) { return name.lowercased() }
            }
        }
        for file in kubelets {
            guard let source = try? SourceText(bytes: file.updated),
                  let settings = try? file.file.kind.handler.settings(in: source),
                  let name = settings.last(where: { $0.name == "hostname-override" })?.value, !name.isEmpty, !name.contains("$") else { continue }
            return name.lowercased()
        }
        return hostName.lowercased()
    }
}

/// A client certificate's subject, read as the preflight reads server certificates.
enum ClientCertificate {
    /// `NAME` of the first PEM certificate's `CN=system:node:NAME`; nil when the bytes hold no
    /// readable certificate or its subject is not a node's.
    static func nodeName(pem: [UInt8]) -> String? {
        guard let certificate = ServerCertificate(pem: String(decoding: pem, as: UTF8.self)) else { return nil }
        for part in certificate.subject.split(separator: ",") {
            let field = part.trimmingSpacesSubstring
            guard field.hasPrefix("CN=system:node:") else { continue }
            let name = field.dropFirst("CN=system:node:".count)
            return name.isEmpty ? nil : String(name)
        }
        return nil
    }
}
