/// node-reconfig as an Ansible binary module: called with the path of a JSON arguments file,
/// it runs `apply` (or `plan` in check mode) in-process and prints Ansible's result JSON.
public enum AnsibleModule {
    /// The words that are commands, never an arguments file.
    static let commands: Set<String> = ["apply", "plan", "detect", "rollback", "backups", "fanout", "help"]

    /// True when node-reconfig was started as a module: one argument, an existing file, not an
    /// option and not a command name.
    public static func isModuleInvocation(_ arguments: [String]) -> Bool {
        guard arguments.count == 1, let path = arguments.first, !path.isEmpty, !path.hasPrefix("-"),
              !commands.contains(path) else { return false }
        return Platform.isRegularFile(path)
    }

    /// Reads the arguments file, runs node-reconfig through `invoke`, prints the result JSON on
    /// stdout. Returns 0, or 1 when the result says `failed`. `uid` is the user the module runs
    /// as: a failure for lack of privileges when it is not root says to use `become`.
    public static func run(argumentsFile: String, context: Context, uid: UInt32 = Platform.effectiveUserID,
                           invoke: ([String]) -> (exitCode: Int32, stdout: String, stderr: String)) -> Int32 {
        var result: [String: JSONValue]
        do throws(AnsibleModuleError) {
            let arguments = try readArguments(argumentsFile, context: context)
            let checkMode = AnsibleParameters.boolean(arguments["_ansible_check_mode"] ?? .bool(false)) ?? false
            let diffMode = AnsibleParameters.boolean(arguments["_ansible_diff"] ?? .bool(false)) ?? false
            let argv = [checkMode ? "plan" : "apply"] + (try AnsibleParameters.flags(from: arguments)) + ["--json"]
            let ran = invoke(argv)
            result = AnsibleResult.build(checkMode: checkMode, diffMode: diffMode, exitCode: ran.exitCode,
                                         stdout: ran.stdout, stderr: ran.stderr)
            if result["failed"]?.boolValue == true, let message = result["msg"]?.stringValue,
               let explained = privilegeMessage(message: message, stderr: ran.stderr, uid: uid) {
                result["msg"] = .string(explained)
            }
            let moduleArguments = arguments.filter { !$0.key.hasPrefix("_ansible_") }.map { ($0.key, $0.value) }
            result["invocation"] = .object([("module_args", .object(moduleArguments))])
        } catch {
            result = ["failed": .bool(true), "changed": .bool(false), "msg": .string(error.message)]
        }
        let object = JSONValue.object(result.map { ($0.key, $0.value) }).sortingKeys()
        context.output.standardOutput(object.rendered() + "\n")
        return (result["failed"]?.boolValue ?? false) ? 1 : 0
    }

    static func readArguments(_ path: String, context: Context) throws(AnsibleModuleError) -> [String: JSONValue] {
        let bytes: [UInt8]
        do throws(SystemError) {
            bytes = try context.fileSystem.readFile(path)
        } catch {
            throw AnsibleModuleError("cannot read the module arguments file: \(error)")
        }
        guard let pairs = (try? JSONValue.parse(bytes))?.objectValue else {
            throw AnsibleModuleError("the module arguments file \(path) is not a JSON object (is the module installed as a binary or WANT_JSON module?)")
        }
        return Dictionary(pairs, uniquingKeysWith: { _, last in last })
    }
}

extension AnsibleModule {
    /// What to tell the operator when a module run failed for lack of privileges.
    ///
    /// node-reconfig rewrites root-owned files, keeps root-only backups and restarts services, so
    /// the module must run as root. Ansible usually logs in as an unprivileged user; without
    /// `become`, the run fails on a raw `Permission denied`. When the run failed, was not root
    /// (`uid` is not 0), and its message or stderr says `Permission denied` or `Operation not
    /// permitted`, the message gets what to do appended. Otherwise nil (the message stays as it is).
    static func privilegeMessage(message: String, stderr: String, uid: UInt32) -> String? {
        guard uid != 0 else { return nil }
        let markers = ["Permission denied", "Operation not permitted"]
        guard markers.contains(where: { message.contains($0) || stderr.contains($0) }) else { return nil }
        return "\(message) (node_reconfig ran as uid \(uid), not root: add `become: true` to the play or task, "
            + "or run ansible-playbook with --become, or log in as root)"
    }
}
