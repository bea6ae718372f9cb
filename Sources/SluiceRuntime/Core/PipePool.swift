import CSluice

/// A kernel pipe used to splice bytes between two sockets without copying them through user space.
final class Pipe {
    let readEnd: FileDescriptor
    let writeEnd: FileDescriptor
    /// Bytes spliced in and not yet spliced out.
    var buffered = 0

    /// Bytes one splice may move; the pipe is grown to match so a bulk transfer needs few syscalls.
    static let capacity = 1 << 18

    init() throws(SystemError) {
        var fds: [Int32] = [0, 0]
        _ = try SystemError.check(csl_pipe(&fds), "pipe2")
        readEnd = FileDescriptor(takingOwnership: fds[0])
        writeEnd = FileDescriptor(takingOwnership: fds[1])
        // Best effort: an unprivileged process may be held to a smaller size by pipe-max-size.
        _ = csl_set_pipe_size(fds[1], Int32(Self.capacity))
    }
}

/// Empty pipes kept per loop, so idle tunnels hold none (each pipe is two descriptors and kernel pages)
/// and busy tunnels do not pay pipe2/close for every burst.
struct PipePool {
    private var idle: [Pipe] = []
    private let limit = 64

    mutating func take() throws(SystemError) -> Pipe {
        if let pipe = idle.popLast() { return pipe }
        return try Pipe()
    }

    mutating func give(_ pipe: Pipe) {
        guard pipe.buffered == 0, idle.count < limit else { return }
        idle.append(pipe)
    }
}
