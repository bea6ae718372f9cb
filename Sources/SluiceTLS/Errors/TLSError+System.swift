#if canImport(Glibc)
import Glibc
#endif

extension TLSError {
    /// An `.io` error naming the operation and the errno text captured right after the failing call.
    static func system(_ operation: String) -> TLSError {
        TLSError(.io, "\(operation): \(String(cString: strerror(errno)))")
    }
}
