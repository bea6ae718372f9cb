/// Incremental decoder of the chunked transfer coding (RFC 9112 §7.1). Feed any split of the input;
/// it never needs bytes back, and every line it buffers is bounded.
public struct ChunkedDecoder: Sendable {
    private enum State: Sendable { case size, data(Int), dataCR, dataLF, trailer, done, failed }

    private var state = State.size
    private var line: [UInt8] = []
    private var trailerBytes = 0
    private let maxLineLength: Int
    private let maxTrailerBytes: Int

    public init(maxLineLength: Int = 4096, maxTrailerBytes: Int = 16_384) {
        self.maxLineLength = maxLineLength
        self.maxTrailerBytes = maxTrailerBytes
    }

    public var isFinished: Bool {
        if case .done = state { return true }
        return false
    }

    /// Appends decoded data to `body`; returns the input bytes consumed and whether the message ended.
    public mutating func decode(_ input: ArraySlice<UInt8>, into body: inout [UInt8]) throws(HTTPParseError) -> (consumed: Int, finished: Bool) {
        do {
            return try step(input, into: &body)
        } catch {
            state = .failed   // a decoder that refused a body never accepts more of it
            throw error
        }
    }

    private mutating func step(_ input: ArraySlice<UInt8>, into body: inout [UInt8]) throws(HTTPParseError) -> (consumed: Int, finished: Bool) {
        if case .failed = state { throw HTTPParseError(.invalidChunk, "chunked body already refused") }
        var i = input.startIndex
        while i < input.endIndex {
            switch state {
            case .done:
                return (i - input.startIndex, true)
            case .failed:
                throw HTTPParseError(.invalidChunk, "chunked body already refused")
            case .data(let remaining):
                let n = min(remaining, input.endIndex - i)
                body.append(contentsOf: input[i..<(i + n)])
                i += n
                state = remaining - n == 0 ? .dataCR : .data(remaining - n)
            case .dataCR:
                guard input[i] == 0x0D else { throw HTTPParseError(.invalidChunk, "chunk data not followed by CRLF") }
                i += 1
                state = .dataLF
            case .dataLF:
                guard input[i] == 0x0A else { throw HTTPParseError(.invalidChunk, "chunk data not followed by CRLF") }
                i += 1
                state = .size
            case .size, .trailer:
                let byte = input[i]
                i += 1
                if byte != 0x0A {
                    line.append(byte)
                    if line.count > maxLineLength { throw HTTPParseError(.invalidChunk, "chunk line too long") }
                    continue
                }
                guard line.last == 0x0D else { throw HTTPParseError(.invalidChunk, "bare LF in chunked coding") }
                line.removeLast()
                if case .size = state {
                    let size = try Self.chunkSize(line)
                    state = size == 0 ? .trailer : .data(size)
                } else if line.isEmpty {
                    state = .done
                    line = []
                    return (i - input.startIndex, true)
                } else {
                    // Trailer fields are read and dropped (§7.1.2), but must still be field lines (§5).
                    guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
                          line[..<colon].allSatisfy(ByteClass.isTChar),
                          line[(colon + 1)...].allSatisfy(ByteClass.isFieldValueByte) else {
                        throw HTTPParseError(.invalidChunk, "invalid trailer field")
                    }
                    trailerBytes += line.count
                    if trailerBytes > maxTrailerBytes { throw HTTPParseError(.invalidChunk, "trailer section too large") }
                }
                line.removeAll(keepingCapacity: true)
            }
        }
        return (i - input.startIndex, isFinished)
    }

    /// chunk-size [ chunk-ext ]: hex digits, then optional BWS and ";" extensions, which are ignored.
    private static func chunkSize(_ line: [UInt8]) throws(HTTPParseError) -> Int {
        var size = 0
        var digits = 0
        var i = 0
        while i < line.count {
            let b = line[i]
            let value: Int
            switch b {
            case 0x30...0x39: value = Int(b - 0x30)
            case 0x41...0x46: value = Int(b - 0x41 + 10)
            case 0x61...0x66: value = Int(b - 0x61 + 10)
            default: value = -1
            }
            if value < 0 { break }
            digits += 1
            guard digits <= 15 else { throw HTTPParseError(.invalidChunk, "chunk size too large") }
            size = size * 16 + value
            i += 1
        }
        guard digits > 0 else { throw HTTPParseError(.invalidChunk, "missing chunk size") }
        // BWS is allowed only before a chunk extension (§7.1.1): "5 " alone would let two parsers disagree.
        var j = i
        while j < line.count, line[j] == 0x20 || line[j] == 0x09 { j += 1 }
        guard i == line.count || (j < line.count && line[j] == UInt8(ascii: ";")) else {
            throw HTTPParseError(.invalidChunk, "invalid chunk size line")
        }
        i = j
        for b in line[i...] where b != 0x09 && (b < 0x20 || b == 0x7F) {
            throw HTTPParseError(.invalidChunk, "control character in a chunk extension")
        }
        return size
    }
}

/// The chunked transfer coding, for bodies the proxy re-frames.
public enum ChunkedEncoder {
    /// One chunk; empty data gives no bytes (an empty chunk would end the body).
    public static func chunk(_ data: ArraySlice<UInt8>) -> [UInt8] {
        guard !data.isEmpty else { return [] }
        var bytes = Array(String(data.count, radix: 16).utf8)
        bytes.reserveCapacity(bytes.count + data.count + 4)
        bytes.append(contentsOf: [0x0D, 0x0A])
        bytes.append(contentsOf: data)
        bytes.append(contentsOf: [0x0D, 0x0A])
        return bytes
    }

    public static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)
}
