import CSluice

/// Sole owner of a file descriptor: it is closed exactly once, when the owner goes away or calls `close()`.
/// A class (not a copyable struct with a manual close) so ownership moves by reference, e.g. from a
/// proxy connection to the tunnel that replaces it.
final class FileDescriptor {
    private(set) var raw: Int32

    init(takingOwnership raw: Int32) { self.raw = raw }

    var isOpen: Bool { raw >= 0 }

    func close() {
        guard raw >= 0 else { return }
        _ = csl_close(raw)
        raw = -1
    }

    deinit { close() }
}
