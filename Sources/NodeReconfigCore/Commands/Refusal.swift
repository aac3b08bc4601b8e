/// Prints why a command refused (exit 1: nothing changed), in human or JSON form.
public enum Refusal {
    public static func report(_ error: any Error, options: Options, context: Context) -> ExitCode {
        let message = "\(error)"
        if options.json {
            let json = PlanReport.json(result: "refused", plan: nil, backupID: nil, services: [], rolledBack: false, message: message)
            context.output.standardOutput(json.rendered(indent: 2) + "\n")
        }
        context.output.standardError("Error: \(message)\n")
        return .refused
    }

    /// Why `--root` cannot be worked on (absent, not a directory, unreadable); nil when it can.
    /// Every command but fanout and help checks it first: a run over nothing must not end in
    /// "Nothing to change".
    public static func rootProblem(_ root: String, fileSystem: any FileSystem) -> RootProblem? {
        var path = root
        for _ in 0..<40 {
            let status: FileStatus?
            do {
                status = try fileSystem.status(path)
            } catch {
                return RootProblem(root: root, problem: "cannot be read (\(error))", permission: error.isPermissionDenied)
            }
            guard let status else { return RootProblem(root: root, problem: "does not exist") }
            switch status.type {
            case .directory:
                return nil
            case .symlink:
                guard let target = try? fileSystem.readLink(path) else { return RootProblem(root: root, problem: "is a symlink that cannot be read") }
                path = target.hasPrefix("/") ? target : PathMath.join(PathMath.dirname(path), target)
            case .regular, .other:
                return RootProblem(root: root, problem: "is not a directory")
            }
        }
        return RootProblem(root: root, problem: "is a loop of symlinks")
    }

    /// A `--root` that cannot be worked on, and what to do.
    public struct RootProblem: Error, Sendable, Equatable, CustomStringConvertible {
        public var root: String
        public var problem: String
        public var permission = false

        public var description: String {
            let fix = permission ? "run node-reconfig as root (sudo), or fix the permissions of \(root)"
                : "give the directory that holds the node's files (/ on the node itself)"
            return "--root \(root) \(problem); \(fix). Nothing was changed."
        }
    }
}
