/// A parsed request line and header section. Immutable input to the engine: edits produce new heads.
public struct RequestHead: Sendable, Equatable {
    public var method: String
    public var target: RequestTarget
    public var rawTarget: String
    public var version: HTTPVersion
    public var headers: HeaderList
    /// RFC 9112 §6.3 for requests: none, Content-Length or chunked (never until-close).
    public var framing: BodyFraming
    /// RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive".
    public var keepAlive: Bool
    public var expectsContinue: Bool
    /// The first Upgrade protocol, lower-cased, when Connection lists "upgrade".
    public var upgrade: String?

    /// The well-known methods this proxy forwards; any other token gets 501.
    public static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]

    /// Builds a head and derives framing and connection semantics from its fields. Framing errors are not
    /// checked here (the parser does that); an invalid Content-Length counts as no body.
    public init(method: String, target: RequestTarget, version: HTTPVersion, headers: HeaderList) {
        let rawTarget: String
        switch target {
        case .origin(let t): rawTarget = t
        case .absolute(let scheme, let authority, let path): rawTarget = "\(scheme)://\(authority)\(path)"
        case .authority(let a): rawTarget = a
        case .asterisk: rawTarget = "*"
        }
        let framing: BodyFraming
        if headers.contains("Transfer-Encoding") {
            framing = .chunked
        } else if let length = headers["Content-Length"].flatMap({ Int($0.trimmingOWS()) }), length > 0 {
            framing = .contentLength(length)
        } else {
            framing = .none
        }
        self.init(method: method, target: target, rawTarget: rawTarget, version: version, headers: headers, framing: framing)
    }

    /// The parser's initialiser: the target text and the framing are already known and validated.
    init(method: String, target: RequestTarget, rawTarget: String, version: HTTPVersion, headers: HeaderList, framing: BodyFraming) {
        self.method = method
        self.target = target
        self.rawTarget = rawTarget
        self.version = version
        self.headers = headers
        self.framing = framing
        keepAlive = version == .http10 ? headers.hasToken("Connection", "keep-alive") : !headers.hasToken("Connection", "close")
        // RFC 9110 §10.1.1: an HTTP/1.0 request's 100-continue expectation is ignored.
        expectsContinue = version == .http11 && headers["Expect"]?.trimmingOWS().lowercased() == "100-continue"
        upgrade = headers.hasToken("Connection", "upgrade") ? headers.tokens("Upgrade").first : nil
    }

    /// The head in wire form with `target` as the request-target, always as HTTP/1.1 (a proxy forwards
    /// in its own version, RFC 9110 §6.2). Spaces, controls and non-ASCII in `target` are percent-encoded,
    /// so an edited target can never split the request line.
    public func serialized(target: String) -> [UInt8] {
        serialized(target: target, omitting: { _ in false }, adding: [])
    }

    /// The head as a proxy forwards it: fields `omit` names left out, `extra` fields appended, with no
    /// intermediate copy of the header list.
    public func serialized(target: String, omitting omit: (String) -> Bool, adding extra: [(String, String)]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        bytes.append(contentsOf: method.utf8)
        bytes.append(0x20)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in target.utf8 {
            if byte <= 0x20 || byte >= 0x7F {
                bytes.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            } else {
                bytes.append(byte)
            }
        }
        bytes.append(0x20)
        bytes.append(contentsOf: HTTPVersion.http11.description.utf8)
        bytes.append(contentsOf: [0x0D, 0x0A])
        headers.write(into: &bytes, omitting: omit)
        for (name, value) in extra { HeaderList.write(name, value, into: &bytes) }
        bytes.append(contentsOf: [0x0D, 0x0A])
        return bytes
    }
}
