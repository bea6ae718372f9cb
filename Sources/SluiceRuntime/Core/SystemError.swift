import Glibc

/// A failed syscall: the operation that failed and the errno captured at that call.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var errno: Int32

    public init(_ operation: String, errno: Int32) {
        self.operation = operation
        self.errno = errno
    }

    /// Converts a shim result (`>= 0` or `-errno`) into a value or a typed error.
    @inlinable
    public static func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(SystemError) -> Int32 {
        if result < 0 { throw SystemError(operation(), errno: -result) }
        return result
    }

    @inlinable
    public static func check(_ result: Int, _ operation: @autoclosure () -> String) throws(SystemError) -> Int {
        if result < 0 { throw SystemError(operation(), errno: Int32(-result)) }
        return result
    }

    public var description: String { "\(operation): \(String(cString: strerror(errno)))" }

    public static func == (lhs: SystemError, rhs: SystemError) -> Bool { lhs.errno == rhs.errno }
}
