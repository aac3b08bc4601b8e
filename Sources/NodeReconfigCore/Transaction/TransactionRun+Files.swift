extension TransactionRun {
    /// Re-reads every file (refusing one changed since planning), notes modes, owners and
    /// extended attributes, which services run, and which local probes answer.
    mutating func prepare() throws(TransactionFailure) {
        for file in files {
            do {
                guard let status = try context.fileSystem.status(file.path), status.type == .regular else {
                    throw TransactionFailure.missing(path: file.displayPath)
                }
                guard try context.fileSystem.readFile(file.path) == file.original else {
                    throw TransactionFailure.changedSincePlanned(path: file.displayPath)
                }
                let attributes = try context.fileSystem.extendedAttributes(file.path)
                prepared.append(Prepared(file: file, status: status, attributes: attributes))
            } catch let error as SystemError {
                throw .unreadable(path: file.displayPath, error)
            } catch let error as TransactionFailure {
                throw error
            } catch {
                preconditionFailure("unexpected error \(error)")
            }
        }
        serviceComponents = ServiceOrder.components(files.map { ($0.services, $0.component) })
        services = ServiceOrder.sorted(files.flatMap(\.services), components: serviceComponents)
        spared = ServiceOrder.sorted(files.flatMap(\.sparedServices).filter { !services.contains($0) }, components: serviceComponents)
        guard !options.noRestart else { return }
        for service in services { wasActive[service] = manager.isActive(service) }
        addCompanions()
        try findPods()
        probesBefore = options.localProbes.filter { context.network.httpStatus($0, timeout: 2) != nil }
    }

    /// The backup set: directory 0700, a copy of each file (its mode kept), the manifest, the journal.
    mutating func backUp() throws(TransactionFailure) {
        let fileSystem = context.fileSystem
        if let problem = StateDirectory.problem(options.backupPath, fileSystem: fileSystem) { throw .stateDirectory(problem) }
        do {
            try fileSystem.createDirectory(options.backupPath, mode: 0o700)
            var id = BackupID.make(wallTime: context.clock.wallTime(), pid: options.pid)
            if try fileSystem.status(store.setPath(id)) != nil { id += "-\(Int(context.clock.now() * 1000) % 100000)" }
            try fileSystem.createDirectory(store.setPath(id), mode: 0o700)
            try fileSystem.setMode(store.setPath(id), mode: 0o700)
            backupID = id
            try record(.begin(id: id, pid: options.pid))
            var entries: [BackupEntry] = []
            for (index, item) in prepared.enumerated() {
                let copy = "\(index + 1)-\(AtomicWriter.split(item.file.path).name)"
                try fileSystem.writeNewFile("\(store.setPath(id))/\(copy)", bytes: item.file.original, mode: item.status.mode)
                entries.append(BackupEntry(
                    path: item.file.path, displayPath: item.file.displayPath, component: item.file.component.rawValue,
                    kind: item.file.kind.rawValue, services: item.file.services, copy: copy,
                    sha256Before: SHA256.hex(item.file.original), sha256After: SHA256.hex(item.file.updated),
                    mode: item.status.mode, uid: item.status.uid, gid: item.status.gid,
                    xattrs: item.attributes.mapValues(SHA256.hexString), needsDaemonReload: item.file.needsDaemonReload))
                entries[entries.count - 1].staticPods = item.file.staticPods
                try record(.backedUp(item.file.displayPath))
            }
            let manifest = BackupManifest(id: id, created: BackupID.readableTime(id), pid: options.pid, files: entries)
            try fileSystem.writeNewFile(store.manifestPath(id), bytes: manifest.encoded(), mode: 0o600)
            try fileSystem.fsyncDirectory(store.setPath(id))
            try fileSystem.fsyncDirectory(options.backupPath)
            self.manifest = manifest
        } catch {
            throw .backup(error)
        }
    }

    /// Each file replaced atomically, journaled after it is in place.
    mutating func writeAll() throws(TransactionFailure) {
        let writer = AtomicWriter(fileSystem: context.fileSystem)
        for item in prepared {
            try checkInterrupt()
            writing = true
            do {
                try writer.replace(item.file.path, with: item.file.updated, like: item.status,
                                   attributes: item.attributes, tag: backupID ?? "run")
            } catch {
                throw .write(path: item.file.displayPath, error)
            }
            written.append(item.file.displayPath)
            do {
                try record(.wrote(item.file.displayPath))
            } catch {
                throw .journal(path: item.file.displayPath, error)
            }
        }
    }

    /// `nginx -t -c FILE` / `haproxy -c -f FILE` where installed (the unit's own binary and
    /// prefix where it names them; an included file through its main configuration); before any
    /// reload. A check two files share runs once.
    mutating func validate() throws(TransactionFailure) {
        var checked: [ExternalCommand] = []
        for item in prepared {
            guard let validation = item.file.validation else { continue }
            guard let program = context.processes.locate(validation.program) ?? validation.alternative.flatMap(context.processes.locate) else {
                say("\(validation.name) is not installed: \(item.file.displayPath) not validated")
                continue
            }
            let command = validation.command(for: item.file.path, program: program)
            if checked.contains(command) {
                try? record(.validated(item.file.displayPath))
                continue
            }
            checked.append(command)
            try checkInterrupt()
            var outcome: ProcessResult
            do {
                outcome = try context.processes.run(command, timeout: options.commandTimeout)
                if !outcome.succeeded, let retry = validation.retry(for: item.file.path, program: program, after: outcome.errorOutput) {
                    outcome = try context.processes.run(retry, timeout: options.commandTimeout)
                }
            } catch {
                throw .validatorDidNotRun(command: command.description, error)
            }
            if !outcome.succeeded, options.root != "/", validation.passedSyntax(outcome.errorOutput) {
                say("\(validation.name): \(item.file.displayPath) syntax is ok; its paths name this host's files, not \(options.root)'s, so the rest of the check was not judged")
                try? record(.validated(item.file.displayPath))
                continue
            }
            guard outcome.succeeded else {
                throw .validationRefused(program: validation.name, path: item.file.displayPath,
                                         detail: validation.detail(of: outcome.errorOutput))
            }
            try? record(.validated(item.file.displayPath))
        }
    }
}
