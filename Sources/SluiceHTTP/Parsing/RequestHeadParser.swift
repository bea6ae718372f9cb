/// Incremental, strict request-head parser (RFC 9112 §3, §5, §6). Call `parse` with the whole buffered
/// prefix each time; it remembers how far it scanned.
public struct RequestHeadParser: Sendable {
    private var scanner: HeadScanner

    public init(limits: HTTPLimits = HTTPLimits()) {
        scanner = HeadScanner(limits: limits, strictCRLF: true)
    }

    public mutating func reset() { scanner.reset() }

    public mutating func parse(_ buffer: [UInt8]) throws(HTTPParseError) -> (head: RequestHead, consumed: Int)? {
        guard let consumed = try scanner.scan(buffer) else { return nil }
        let lines = scanner.lines
        let head = try buffer.withUnsafeBufferPointer { (bytes) throws(HTTPParseError) -> RequestHead in
            try Self.build(bytes, lines: lines)
        }
        return (head, consumed)
    }

    private static func build(_ bytes: UnsafeBufferPointer<UInt8>, lines: [Range<Int>]) throws(HTTPParseError) -> RequestHead {
        // request-line = method SP request-target SP HTTP-version (§3), exactly one space each.
        let line = lines[0]
        var spaces = (0, 0)
        var spaceCount = 0
        for i in line where bytes[i] == 0x20 {
            spaceCount += 1
            if spaceCount == 1 { spaces.0 = i } else if spaceCount == 2 { spaces.1 = i } else { break }
        }
        guard spaceCount == 2, spaces.0 > line.lowerBound, spaces.1 > spaces.0 + 1, spaces.1 + 1 < line.upperBound else {
            throw HTTPParseError(.malformed, "request line is not 'METHOD target HTTP/1.1'")
        }
        let methodRange = line.lowerBound..<spaces.0
        for i in methodRange where !ByteClass.isTChar(bytes[i]) {
            throw HTTPParseError(.malformed, "invalid character in the method")
        }
        let targetRange = (spaces.0 + 1)..<spaces.1
        for i in targetRange where bytes[i] <= 0x20 || bytes[i] >= 0x7F {
            throw HTTPParseError(.malformed, "invalid character in the request target")
        }
        let version = try FieldLineParser.version(bytes, (spaces.1 + 1)..<line.upperBound)
        let method = String(decoding: UnsafeBufferPointer(rebasing: bytes[methodRange]), as: UTF8.self)
        let rawTarget = String(decoding: UnsafeBufferPointer(rebasing: bytes[targetRange]), as: UTF8.self)
        guard RequestHead.knownMethods.contains(method) else {
            throw HTTPParseError(.methodNotImplemented, "method \(method) is not implemented")
        }
        let target = try parseTarget(rawTarget, method: method)
        let headers = try FieldLineParser.parse(bytes, lines: lines[1...])
        return RequestHead(method: method, target: target, rawTarget: rawTarget, version: version, headers: headers,
                           framing: try framing(headers, version: version))
    }

    /// §3.2: the form must fit the method; absolute-form only for http and https.
    /// Byte scans: the caller has checked that the target is visible ASCII, so bytes are characters.
    static func parseTarget(_ raw: String, method: String) throws(HTTPParseError) -> RequestTarget {
        let bytes = raw.utf8
        if method == "CONNECT" {
            // authority-form: host ":" port, port required.
            // The port is 1*DIGIT (RFC 3986 §3.2.3); Int() alone would also take "+443".
            guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")), colon != bytes.startIndex,
                  case let port = bytes[bytes.index(after: colon)...], !port.isEmpty, port.count <= 5,
                  port.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let value = Int(Substring(port)), (1...65535).contains(value),
                  !bytes.contains(UInt8(ascii: "/")), !bytes.contains(UInt8(ascii: "@")) else {
                throw HTTPParseError(.malformed, "CONNECT needs host:port")
            }
            return .authority(raw)
        }
        if raw == "*" {
            guard method == "OPTIONS" else { throw HTTPParseError(.malformed, "'*' is only for OPTIONS") }
            return .asterisk
        }
        if bytes.first == UInt8(ascii: "/") {
            guard !bytes.contains(UInt8(ascii: "#")) else { throw HTTPParseError(.malformed, "fragment in the request target") }
            return .origin(raw)
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes[colon...].starts(with: "://".utf8) else {
            throw HTTPParseError(.malformed, "request target is neither a path nor an absolute URI")
        }
        let scheme = raw[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw HTTPParseError(.malformed, "only http and https URIs can be proxied")
        }
        let restStart = bytes.index(colon, offsetBy: 3)
        let rest = bytes[restStart...]
        guard !rest.contains(UInt8(ascii: "#")) else { throw HTTPParseError(.malformed, "fragment in the request target") }
        let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        guard authorityEnd != restStart else { throw HTTPParseError(.malformed, "absolute URI without a host") }
        let authority = String(raw[restStart..<authorityEnd])
        var path = String(raw[authorityEnd...])
        if path.isEmpty { path = "/" } else if path.utf8.first == UInt8(ascii: "?") { path = "/" + path }
        return .absolute(scheme: scheme, authority: authority, pathAndQuery: path)
    }

    /// §6.1–6.3 for requests: Transfer-Encoding must end in a single chunked and cannot meet Content-Length;
    /// Content-Length values must agree and be plain digits.
    static func framing(_ headers: HeaderList, version: HTTPVersion) throws(HTTPParseError) -> BodyFraming {
        let hasTE = headers.contains("Transfer-Encoding")
        let hasCL = headers.contains("Content-Length")
        if hasTE {
            let codings = headers.tokens("Transfer-Encoding")
            if hasCL { throw HTTPParseError(.conflictingFraming, "both Content-Length and Transfer-Encoding") }
            if version == .http10 { throw HTTPParseError(.conflictingFraming, "Transfer-Encoding in an HTTP/1.0 request") }
            guard codings.last == "chunked", codings.filter({ $0 == "chunked" }).count == 1 else {
                throw HTTPParseError(.conflictingFraming, "request Transfer-Encoding must end in chunked")
            }
            return .chunked
        }
        guard hasCL else { return .none }
        let fields = headers.values("Content-Length")
        if fields.count == 1, let length = ContentLength.parse(fields[0]) { return length == 0 ? .none : .contentLength(length) }
        let values = headers.values("Content-Length").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { $0.trimmingOWS() }
        guard let first = values.first, values.allSatisfy({ $0 == first }), let length = ContentLength.parse(first) else {
            throw HTTPParseError(.invalidContentLength, "invalid or conflicting Content-Length")
        }
        return length == 0 ? .none : .contentLength(length)
    }
}
