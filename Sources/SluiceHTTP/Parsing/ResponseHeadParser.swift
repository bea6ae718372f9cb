/// Incremental response-head parser for what origins send (RFC 9112 §4). Stricter than needed is wrong
/// here, so a bare LF line ending is accepted (§2.2); obs-fold is still refused.
public struct ResponseHeadParser: Sendable {
    private var scanner: HeadScanner

    public init(limits: HTTPLimits = HTTPLimits()) {
        scanner = HeadScanner(limits: limits, strictCRLF: false)
    }

    public mutating func reset() { scanner.reset() }

    public mutating func parse(_ buffer: [UInt8]) throws(HTTPParseError) -> (head: ResponseHead, consumed: Int)? {
        guard let consumed = try scanner.scan(buffer) else { return nil }
        let lines = scanner.lines
        let head = try buffer.withUnsafeBufferPointer { (bytes) throws(HTTPParseError) -> ResponseHead in
            // status-line = HTTP-version SP status-code SP [ reason-phrase ]
            let line = lines[0]
            guard line.count >= 12, bytes[line.lowerBound + 8] == 0x20 else {
                throw HTTPParseError(.malformed, "invalid status line")
            }
            let version = try FieldLineParser.version(bytes, line.lowerBound..<(line.lowerBound + 8))
            var status = 0
            for i in (line.lowerBound + 9)..<(line.lowerBound + 12) {
                let b = bytes[i]
                guard b >= 0x30, b <= 0x39 else { throw HTTPParseError(.malformed, "invalid status code") }
                status = status * 10 + Int(b - 0x30)
            }
            guard status >= 100 else { throw HTTPParseError(.malformed, "invalid status code") }
            var reason = ""
            if line.count > 12 {
                guard bytes[line.lowerBound + 12] == 0x20 else { throw HTTPParseError(.malformed, "invalid status line") }
                // reason-phrase = *( HTAB / SP / VCHAR / obs-text ) (§4): a CR here would split the response we send on.
                for i in (line.lowerBound + 13)..<line.upperBound where !ByteClass.isFieldValueByte(bytes[i]) {
                    throw HTTPParseError(.malformed, "control character in the reason phrase")
                }
                reason = String(decoding: UnsafeBufferPointer(rebasing: bytes[(line.lowerBound + 13)..<line.upperBound]), as: UTF8.self)
            }
            let headers = try FieldLineParser.parse(bytes, lines: lines[1...])
            if headers.contains("Transfer-Encoding") {
                // §6.3: a TE response must not also be framed by Content-Length; the length is dropped.
                var cleaned = headers
                cleaned.remove("Content-Length")
                return ResponseHead(status: status, reason: reason, version: version, headers: cleaned)
            }
            return ResponseHead(status: status, reason: reason, version: version, headers: headers)
        }
        return (head, consumed)
    }
}
