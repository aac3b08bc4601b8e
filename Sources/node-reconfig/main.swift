import NodeReconfigCore
#if canImport(Glibc)
import Glibc
#endif

// Thin entry point: the real Context, the whole command line, the exit code.
exit(NodeReconfigCLI.main(arguments: Array(CommandLine.arguments.dropFirst()), context: .live()))
