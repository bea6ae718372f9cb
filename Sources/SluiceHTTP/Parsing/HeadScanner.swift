/// Finds the lines of a message head incrementally: each call scans only bytes not seen before, so a
/// head arriving one byte at a time costs O(n) in total. Enforces the size limits as it goes.
struct HeadScanner: Sendable {
    /// Ranges of the lines found so far, without their line ending.
    private(set) var lines: [Range<Int>] = []
    private var scanned = 0
    private var lineStart = 0
    private var leadingEmpty = 0
    let limits: HTTPLimits
    /// Requests must end lines with CRLF; responses may use a bare LF (RFC 9112 §2.2).
    let strictCRLF: Bool

    init(limits: HTTPLimits, strictCRLF: Bool) {
        self.limits = limits
        self.strictCRLF = strictCRLF
    }

    /// Ready for the next head; the line list keeps its storage, since a keep-alive connection parses many.
    mutating func reset() {
        lines.removeAll(keepingCapacity: true)
        scanned = 0
        lineStart = 0
        leadingEmpty = 0
    }

    /// Returns the number of head bytes (through the empty line) once complete, nil while incomplete.
    mutating func scan(_ buffer: [UInt8]) throws(HTTPParseError) -> Int? {
        try buffer.withUnsafeBufferPointer { (bytes) throws(HTTPParseError) -> Int? in
            var i = scanned
            while i < bytes.count {
                guard let lf = indexOfLF(bytes, from: i) else {
                    scanned = bytes.count
                    try checkLimits(pendingLineEnd: bytes.count)
                    return nil
                }
                let crlf = lf > lineStart && bytes[lf - 1] == 0x0D
                if strictCRLF && !crlf { throw HTTPParseError(.malformed, "bare LF line ending") }
                let end = crlf ? lf - 1 : lf
                i = lf + 1
                scanned = i
                if end == lineStart {
                    if lines.isEmpty {
                        // RFC 9112 §2.2: empty lines before the request line are ignored, within reason.
                        leadingEmpty += 1
                        if leadingEmpty > 8 { throw HTTPParseError(.malformed, "too many empty lines before the request") }
                        lineStart = i
                        continue
                    }
                    // The limit covers the whole head, so a prefix is never refused when the whole is not.
                    if i > limits.maxHeaderBytes {
                        throw HTTPParseError(.headersTooLarge, "header section larger than \(limits.maxHeaderBytes) bytes")
                    }
                    return i
                }
                if lines.isEmpty { lines.reserveCapacity(16) }
                lines.append(lineStart..<end)
                lineStart = i
                try checkLimits(pendingLineEnd: i)
            }
            return nil
        }
    }

    private func indexOfLF(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            if bytes[i] == 0x0A { return i }
            i += 1
        }
        return nil
    }

    private func checkLimits(pendingLineEnd: Int) throws(HTTPParseError) {
        // A pending line may end in the CR of its CRLF, which the complete line does not count.
        if lines.isEmpty, pendingLineEnd - lineStart > limits.maxRequestLine + 1 {
            throw HTTPParseError(.requestLineTooLong, "request line longer than \(limits.maxRequestLine) bytes")
        }
        if let first = lines.first, first.count > limits.maxRequestLine {
            throw HTTPParseError(.requestLineTooLong, "request line longer than \(limits.maxRequestLine) bytes")
        }
        if pendingLineEnd > limits.maxHeaderBytes {
            throw HTTPParseError(.headersTooLarge, "header section larger than \(limits.maxHeaderBytes) bytes")
        }
        if lines.count > limits.maxHeaderCount + 1 {
            throw HTTPParseError(.tooManyHeaders, "more than \(limits.maxHeaderCount) header fields")
        }
    }
}

/// Byte classes of RFC 9110 §5.6.2 and §5.5.
enum ByteClass {
    static func isTChar(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): return true
        default: return false
        }
    }

    /// field-vchar, SP, HTAB and obs-text: everything but CTLs (NUL, CR, LF ...) and DEL.
    static func isFieldValueByte(_ b: UInt8) -> Bool { b == 0x09 || (b >= 0x20 && b != 0x7F) }
}

/// Parses "name: value" lines into a header list (RFC 9112 §5).
enum FieldLineParser {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, lines: ArraySlice<Range<Int>>) throws(HTTPParseError) -> HeaderList {
        var headers = HeaderList(capacity: lines.count)
        for line in lines {
            let first = bytes[line.lowerBound]
            if first == 0x20 || first == 0x09 {
                throw HTTPParseError(.malformed, "obsolete line folding in a header field")
            }
            var colon = line.lowerBound
            while colon < line.upperBound, bytes[colon] != UInt8(ascii: ":") {
                guard ByteClass.isTChar(bytes[colon]) else {
                    throw HTTPParseError(.malformed, "invalid character in a header field name")
                }
                colon += 1
            }
            guard colon < line.upperBound, colon > line.lowerBound else {
                throw HTTPParseError(.malformed, "header line without a field name and colon")
            }
            var start = colon + 1, end = line.upperBound
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            for i in start..<end where !ByteClass.isFieldValueByte(bytes[i]) {
                throw HTTPParseError(.malformed, "control character in a header field value")
            }
            headers.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[line.lowerBound..<colon]), as: UTF8.self),
                           String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        }
        return headers
    }

    /// "HTTP/1.x": 1.0 or 1.1 semantics (a higher minor is treated as 1.1, RFC 9112 §2.3); another
    /// major version is 505; anything else is malformed.
    static func version(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(HTTPParseError) -> HTTPVersion {
        let text = UnsafeBufferPointer(rebasing: bytes[range])
        guard text.count >= 6, text[0] == UInt8(ascii: "H"), text[1] == UInt8(ascii: "T"), text[2] == UInt8(ascii: "T"),
              text[3] == UInt8(ascii: "P"), text[4] == UInt8(ascii: "/") else {
            throw HTTPParseError(.malformed, "invalid HTTP version")
        }
        let digits = text[5...]
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        if digits.count == 3, isDigit(digits[digits.startIndex]), digits[digits.startIndex + 1] == UInt8(ascii: "."),
           isDigit(digits[digits.startIndex + 2]) {
            let major = Int(digits[digits.startIndex] - 0x30), minor = Int(digits[digits.startIndex + 2] - 0x30)
            guard major == 1 else { throw HTTPParseError(.versionNotSupported, "HTTP/\(major).\(minor) is not supported") }
            return minor == 0 ? .http10 : .http11
        }
        if digits.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }), let first = digits.first, isDigit(first), first != UInt8(ascii: "1") {
            throw HTTPParseError(.versionNotSupported, "HTTP/\(String(decoding: digits, as: UTF8.self)) is not supported")
        }
        throw HTTPParseError(.malformed, "invalid HTTP version")
    }
}
