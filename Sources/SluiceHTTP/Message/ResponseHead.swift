/// A parsed status line and header section.
public struct ResponseHead: Sendable, Equatable {
    public var version: HTTPVersion
    public var status: Int
    public var reason: String
    public var headers: HeaderList
    public var keepAlive: Bool

    public init(status: Int, reason: String? = nil, version: HTTPVersion = .http11, headers: HeaderList = HeaderList()) {
        self.version = version
        self.status = status
        self.reason = reason ?? StatusPage.reasonPhrase(status)
        self.headers = headers
        keepAlive = version == .http10 ? headers.hasToken("Connection", "keep-alive") : !headers.hasToken("Connection", "close")
    }

    /// How the body is delimited, given the request method (RFC 9112 §6.3).
    public func framing(requestMethod: String) -> BodyFraming {
        if requestMethod == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304 { return .none }
        if requestMethod == "CONNECT", (200..<300).contains(status) { return .none }
        if headers.contains("Transfer-Encoding") {
            let codings = headers.tokens("Transfer-Encoding")
            if !codings.isEmpty { return codings.last == "chunked" ? .chunked : .untilClose }
        }
        let values = headers.values("Content-Length")
        if values.count == 1, let n = ContentLength.parse(values[0]) { return .contentLength(n) }   // the common case
        let lengths = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingOWS() }
        if let first = lengths.first, lengths.allSatisfy({ $0 == first }), let n = ContentLength.parse(first) {
            return .contentLength(n)
        }
        return .untilClose
    }

    /// The head in wire form; always sent as HTTP/1.1 (a proxy speaks its own version, RFC 9110 §6.2).
    public func serialized() -> [UInt8] {
        serialized(omitting: { _ in false }, adding: [])
    }

    /// The head as a proxy forwards it: fields `omit` names left out, `extra` fields appended, with no
    /// intermediate copy of the header list.
    public func serialized(omitting omit: (String) -> Bool, adding extra: [(String, String)]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        bytes.append(contentsOf: "HTTP/1.1 ".utf8)
        bytes.append(contentsOf: String(status).utf8)
        bytes.append(0x20)
        var reason = reason
        reason.withUTF8 { utf8 in
            for byte in utf8 { bytes.append(byte == 0x0D || byte == 0x0A || byte == 0x00 ? 0x20 : byte) }
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
        headers.write(into: &bytes, omitting: omit)
        for (name, value) in extra { HeaderList.write(name, value, into: &bytes) }
        bytes.append(0x0D)
        bytes.append(0x0A)
        return bytes
    }
}

enum ContentLength {
    /// 1*DIGIT, bounded so it cannot overflow (RFC 9110 §8.6).
    static func parse(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}
