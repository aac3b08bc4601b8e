/// What proves, after the restarts, that a change reached the control plane (SPEC "Safety" 8,
/// beyond the process): attached to the planned file whose change it checks.
public enum HealthCheck: Sendable, Equatable {
    /// kubelet was restarted toward a new master: its Lease in `kube-node-lease` (or, on
    /// clusters without leases, its Node's Ready heartbeat) must move past the restart time,
    /// read through kubelet's own kubeconfig.
    case heartbeat(NodeHeartbeat)
    /// A kube-apiserver or etcd static pod manifest changed: its own `livenessProbe` endpoint
    /// must answer 2xx once kubelet has recreated the pod.
    case liveness(component: String, url: String)

    /// The checks the planned files call for: `hostName` is this machine's name, used for the
    /// node unless kubelet's files give `--hostname-override`. `askControlPlane` false (the
    /// operator passed `--skip-preflight`: the new control plane may not be up yet) leaves
    /// kubelet's heartbeat out; the local livenessProbes stay.
    public static func checks(for file: FilePlan, in plan: NodePlan, root: String, hostName: String, askControlPlane: Bool = true) -> [HealthCheck] {
        guard file.changed, let source = try? SourceText(bytes: file.updated) else { return [] }
        let handler = file.file.kind.handler
        var checks: [HealthCheck] = []
        let movedMasters = file.edits.filter { $0.role == .master && $0.outcome == .changed }.map(\.after)
        if askControlPlane, file.file.services.contains("kubelet"), !movedMasters.isEmpty,
           let client = ((try? handler.clients(in: source, file: file.file, root: root)) ?? []).first(where: { movedMasters.contains($0.server) }) {
            checks.append(.heartbeat(NodeHeartbeat(nodeName: NodeHeartbeat.nodeName(plan, hostName: hostName), server: client.server,
                                                   credentials: client.credentials)))
        }
        let component = file.file.component.rawValue
        if ["kube-apiserver", "etcd"].contains(component) {
            for probe in (try? handler.livenessProbes(in: source)) ?? [] {
                guard let port = Int(probe.port) else { continue }
                let scheme = (probe.scheme ?? "HTTP").lowercased()
                var path = probe.path ?? "/"
                if !path.hasPrefix("/") { path = "/" + path }
                let host = probe.host ?? "127.0.0.1"
                checks.append(.liveness(component: component, url: "\(scheme)://\(Address(host: host, port: port).hostPort)\(path)"))
            }
        }
        return checks
    }
}

/// kubelet's heartbeat as the health gate reads it: which node, through which server, with
/// kubelet's own credentials.
public struct NodeHeartbeat: Sendable, Equatable {
    public var nodeName: String
    /// kubelet's kubeconfig server after the rewrite.
    public var server: String
    public var credentials: TargetCredentials
    /// The service whose restart starts the clock.
    public var service = "kubelet"

    public init(nodeName: String, server: String, credentials: TargetCredentials) {
        self.nodeName = nodeName
        self.server = server
        self.credentials = credentials
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

    /// kubelet's `--hostname-override` from the node's kubelet files, else `hostName`, lowercased
    /// as kubelet does.
    static func nodeName(_ plan: NodePlan, hostName: String) -> String {
        for file in plan.files where file.file.services.contains("kubelet") || file.file.component.rawValue == "kubelet" {
            guard let source = try? SourceText(bytes: file.updated),
                  let settings = try? file.file.kind.handler.settings(in: source),
                  let name = settings.last(where: { $0.name == "hostname-override" })?.value, !name.isEmpty, !name.contains("$") else { continue }
            return name.lowercased()
        }
        return hostName.lowercased()
    }
}
