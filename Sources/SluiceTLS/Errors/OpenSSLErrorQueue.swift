internal import COpenSSL

/// OpenSSL's thread-local error queue: cleared before each call, drained whole into the thrown error.
enum OpenSSLErrorQueue {
    /// Forget stale errors so a failure reports only its own cause.
    static func clear() { ERR_clear_error() }

    /// Every queued error as "lib:func:reason" strings joined by "; " (empty when the queue is empty).
    static func drain() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            buffer.withUnsafeMutableBufferPointer { ERR_error_string_n(code, $0.baseAddress, $0.count) }
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.joined(separator: "; ")
    }

    /// A `TLSError` naming `operation` and carrying the drained queue.
    static func error(_ code: TLSError.Code, _ operation: String) -> TLSError {
        let stack = drain()
        return TLSError(code, stack.isEmpty ? operation : "\(operation): \(stack)")
    }
}
