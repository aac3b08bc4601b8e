/// k3s and rke2 configuration files (`/etc/rancher/{k3s,rke2}/config.yaml` and their
/// `config.yaml.d/*.yaml`): `server:`, the server an agent registers with, is the `--master` URL
/// (SPEC "What is rewritten where"). `token:` and `agent-token:` lines are secrets: redacted from
/// every diff. The agent reads the file when it starts: `k3s-agent` / `rke2-agent` is restarted.
///
/// The agents' own client-side load balancer (`127.0.0.1:6444` for k3s, `127.0.0.1:6443` for
/// rke2, in their generated kubeconfigs) is loopback and stays; k3s discards the server list it
/// saved (`agent/etc/*-load-balancer.json`) when the server URL it starts with differs, and asks
/// the new server for the others.
struct RancherConfigHandler: SiteHandler {
    let kind = FileKind.rancherConfig

    /// The files k3s and rke2 read by default, agents and servers alike (on a server node the
    /// `server:` of a joined server is rewritten too; the server is not restarted).
    let catalog: [CatalogEntry] = [
        CatalogEntry("/etc/rancher/k3s/config.yaml", .rancherConfig, .k3sAgent, services: ["k3s-agent"], origin: "k3s"),
        CatalogEntry("/etc/rancher/k3s/config.yaml.d/*.yaml", .rancherConfig, .k3sAgent, services: ["k3s-agent"], origin: "k3s"),
        CatalogEntry("/etc/rancher/rke2/config.yaml", .rancherConfig, .rke2Agent, services: ["rke2-agent"], origin: "rke2"),
        CatalogEntry("/etc/rancher/rke2/config.yaml.d/*.yaml", .rancherConfig, .rke2Agent, services: ["rke2-agent"], origin: "rke2"),
    ]

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        guard let server = try RancherConfig(source).server else { return [] }
        return [Site(role: .master, label: "server", token: server.token, isAgentServer: true)]
    }

    func secretLines(in source: SourceText) throws(FormatError) -> (keyed: [Int], whole: [Int]) {
        let config = try RancherConfig(source)
        return (config.secretLines, config.secretContinuationLines)
    }

    var fallbackUse: (component: Component, services: [String])? { (.k3sAgent, ["k3s-agent"]) }
}

extension FileKind {
    /// `k3s-config`: a k3s or rke2 `config.yaml`.
    public static let rancherConfig = FileKind(name: "k3s-config")
}

/// The server URL of a k3s or rke2 agent: the rules its value must keep when it becomes the
/// `--master` URL.
enum AgentServerURL {
    /// Variables holding it: k3s's installer writes `K3S_URL` into `k3s-agent.service.env`;
    /// rke2 reads `RKE2_URL` from its unit's environment files.
    static let variables: Set<String> = ["K3S_URL", "RKE2_URL"]
    /// rke2's supervisor port: rke2 agents register there, not on the apiserver's 6443.
    static let rke2SupervisorPort = 9345

    /// Why `current` cannot become `target`, or nil when it can. Agents join over https only
    /// (k3s's installer refuses any other `K3S_URL`); an agent that registers on rke2's
    /// supervisor port keeps doing so, so a `--master` on another port is not its server URL.
    static func refusal(current: String, target: String, label: String) -> String? {
        let old = Address(parsing: current[...]), new = Address(parsing: target[...])
        if new.scheme != "https" {
            return "\(label) is the server a k3s/rke2 agent registers with, which it reaches over https only; '\(target)' is not https. Give --master=https://…, or leave this file out with --only."
        }
        if old.port == rke2SupervisorPort, new.port != rke2SupervisorPort {
            let suggestion = Address(scheme: "https", host: new.host, port: rke2SupervisorPort).description
            return "\(label) '\(current)' is rke2's supervisor port \(rke2SupervisorPort), where rke2 agents register, not the apiserver's port; --master names port \(new.port.map(String.init) ?? "443"). For rke2 nodes give --master=\(suggestion) (the new server's supervisor), or leave this file out with --only."
        }
        return nil
    }
}
