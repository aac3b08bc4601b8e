#if canImport(Glibc)
import Glibc
#endif

/// The read ends of a child's stdout and stderr pipes, and what came through them.
struct ProcessCapture {
    private var descriptors: [Int32]
    private(set) var stdout: [UInt8] = []
    private(set) var stderr: [UInt8] = []

    init(output: Int32, errors: Int32) {
        descriptors = [output, errors]
        for fd in descriptors { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    /// Waits up to `milliseconds` for output and reads what is there.
    mutating func pump(milliseconds: Int32) {
        var polls = descriptors.filter { $0 >= 0 }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if polls.isEmpty {
            usleep(UInt32(milliseconds) * 1000)
            return
        }
        if poll(&polls, nfds_t(polls.count), milliseconds) > 0 { drain() }
    }

    /// Reads everything available now without waiting; closes a pipe at end of file.
    mutating func drain() {
        var chunk = [UInt8](repeating: 0, count: 16384)
        for index in descriptors.indices where descriptors[index] >= 0 {
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptors[index], $0.baseAddress, $0.count) }
                if count > 0 {
                    if index == 0 { stdout += chunk[0..<count] } else { stderr += chunk[0..<count] }
                    continue
                }
                if count < 0 && errno == EINTR { continue }
                if count == 0 {
                    close(descriptors[index])
                    descriptors[index] = -1
                }
                break
            }
        }
    }

    mutating func closeAll() {
        for index in descriptors.indices where descriptors[index] >= 0 {
            close(descriptors[index])
            descriptors[index] = -1
        }
    }
}
