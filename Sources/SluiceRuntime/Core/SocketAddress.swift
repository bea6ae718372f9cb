import CSluice
import Glibc

/// An IPv4 or IPv6 socket address, value-typed and `Sendable` so resolver threads can hand it to loops.
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
    private var storage: [UInt8]   // the raw sockaddr_in / sockaddr_in6 bytes

    /// Parses a numeric address (`127.0.0.1`, `::1`, with or without brackets) and a port.
    public init?(ip: String, port: Int) {
        guard (0...65535).contains(port) else { return nil }
        var ip = ip
        if ip.hasPrefix("["), ip.hasSuffix("]") { ip = String(ip.dropFirst().dropLast()) }
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, ip, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(UInt16(port).bigEndian)
            storage = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, ip, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(UInt16(port).bigEndian)
            storage = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    /// Parses `HOST:PORT` where HOST is an IPv4 literal or a bracketed IPv6 literal.
    public init?(listen text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else { return nil }
        self.init(ip: String(text[..<colon]), port: port)
    }

    /// Copies a sockaddr of `length` bytes (from accept or getaddrinfo).
    init?(raw: UnsafeRawPointer, length: Int) {
        let family = Int32(raw.load(as: sa_family_t.self))
        guard (family == AF_INET && length >= MemoryLayout<sockaddr_in>.size)
            || (family == AF_INET6 && length >= MemoryLayout<sockaddr_in6>.size) else { return nil }
        let size = family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size
        storage = Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    public var family: Int32 { Int32(storage.withUnsafeBytes { $0.load(as: sa_family_t.self) }) }

    public var port: Int {
        storage.withUnsafeBytes { raw in
            family == AF_INET
                ? Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
                : Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
        }
    }

    /// The numeric host without brackets.
    public var host: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        storage.withUnsafeBytes { raw in
            if family == AF_INET {
                var addr = raw.load(as: sockaddr_in.self).sin_addr
                _ = inet_ntop(AF_INET, &addr, &buffer, socklen_t(buffer.count))
            } else {
                var addr = raw.load(as: sockaddr_in6.self).sin6_addr
                _ = inet_ntop(AF_INET6, &addr, &buffer, socklen_t(buffer.count))
            }
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public var description: String { family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Lends the sockaddr to a C call; the pointer must not escape.
    func withSockAddr<R, E: Error>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws(E) -> R) throws(E) -> R {
        // Array.withUnsafeBytes only rethrows untyped errors; carry the typed one out in a Result.
        let result: Result<R, E> = storage.withUnsafeBytes { raw in
            Result { () throws(E) -> R in
                try body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
            }
        }
        return try result.get()
    }
}
