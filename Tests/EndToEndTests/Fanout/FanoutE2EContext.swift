import Foundation
import NodeReconfigCore

/// Runs `node-reconfig fanout ARGUMENTS` in-process with the real ssh, the real file system
/// (hosts files, reports) and the real clock; output is captured.
func runFanout(_ arguments: [String], selfBinary: String? = nil) -> (code: Int32, stdout: String, stderr: String) {
    let output = BufferedOutput()
    let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: output)
    let code = FanoutCommand(arguments: arguments, isTerminal: false, selfBinary: selfBinary).run(context).code
    return (code, output.stdout, output.stderr)
}
