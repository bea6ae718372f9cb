internal import CCompression

/// Request-body content codings (RFC 9110 §8.4): decoding with size and ratio limits, and encoding for tests and re-compression.
package enum ContentCoding: String, Sendable, CaseIterable {
    case gzip, deflate, br, zstd

    /// Parses a Content-Encoding header into codings in the order they were applied; nil for an unknown coding.
    static func parse(_ header: String?) -> [ContentCoding]? {
        guard let header else { return [] }
        var out: [ContentCoding] = []
        for raw in header.split(separator: ",") {
            let name = raw.trimmingSpaces().lowercased()
            if name.isEmpty || name == "identity" { continue }
            if name == "x-gzip" { out.append(.gzip); continue }
            guard let c = ContentCoding(rawValue: name) else { return nil }
            out.append(c)
        }
        return out
    }

    /// Decodes `input`, refusing output larger than `limit` bytes.
    package func decode(_ input: [UInt8], limit: Int) throws(DetectError) -> [UInt8] {
        switch self {
        case .gzip: return try Self.inflate(input, windowBits: 15 + 16, limit: limit)
        case .deflate:
            // RFC 9110 says zlib-wrapped; some clients send raw deflate, so fall back.
            do { return try Self.inflate(input, windowBits: 15, limit: limit) } catch where error.code == .corruptCompression {
                return try Self.inflate(input, windowBits: -15, limit: limit)
            }
        case .br: return try Self.brotliDecode(input, limit: limit)
        case .zstd: return try Self.zstdDecode(input, limit: limit)
        }
    }

    /// Encodes `input` (used to re-compress and by tests).
    package func encode(_ input: [UInt8]) -> [UInt8] {
        switch self {
        case .gzip: return Self.deflateEncode(input, windowBits: 15 + 16)
        case .deflate: return Self.deflateEncode(input, windowBits: 15)
        case .br:
            var outSize = BrotliEncoderMaxCompressedSize(input.count) + 16
            var out = [UInt8](repeating: 0, count: outSize)
            let ok = input.withUnsafeBufferPointer { inp in
                out.withUnsafeMutableBufferPointer { o in
                    BrotliEncoderCompress(5, 22, BROTLI_MODE_GENERIC, input.count, inp.baseAddress, &outSize, o.baseAddress)
                }
            }
            return ok == BROTLI_TRUE ? Array(out[0..<outSize]) : []
        case .zstd:
            let cap = ZSTD_compressBound(input.count)
            var out = [UInt8](repeating: 0, count: cap)
            let n = input.withUnsafeBytes { inp in
                out.withUnsafeMutableBytes { o in ZSTD_compress(o.baseAddress, cap, inp.baseAddress, input.count, 3) }
            }
            return ZSTD_isError(n) != 0 ? [] : Array(out[0..<n])
        }
    }

    private static func inflate(_ input: [UInt8], windowBits: Int32, limit: Int) throws(DetectError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DetectError(.corruptCompression, "zlib init failed")
        }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        var status: Int32 = Z_OK
        let result: DetectError? = input.withUnsafeMutableBufferPointer { inp -> DetectError? in
            stream.next_in = inp.baseAddress
            stream.avail_in = uInt(inp.count)
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { c in
                    stream.next_out = c.baseAddress
                    stream.avail_out = uInt(c.count)
                    return CCompression.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if out.count + produced > limit { return DetectError(.tooLarge, "decoded body exceeds \(limit) bytes") }
                out.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END { return nil }
                if status != Z_OK && status != Z_BUF_ERROR { return DetectError(.corruptCompression, "inflate status \(status)") }
                if status == Z_BUF_ERROR && stream.avail_in == 0 { return DetectError(.corruptCompression, "truncated deflate stream") }
            } while true
        }
        if let result { throw result }
        return out
    }

    private static func deflateEncode(_ input: [UInt8], windowBits: Int32) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        var input = input
        let produced: Int = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                stream.next_in = inp.baseAddress
                stream.avail_in = uInt(inp.count)
                stream.next_out = o.baseAddress
                stream.avail_out = uInt(o.count)
                _ = CCompression.deflate(&stream, Z_FINISH)
                return o.count - Int(stream.avail_out)
            }
        }
        return Array(out[0..<produced])
    }

    private static func brotliDecode(_ input: [UInt8], limit: Int) throws(DetectError) -> [UInt8] {
        guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else { throw DetectError(.corruptCompression, "brotli init failed") }
        defer { BrotliDecoderDestroyInstance(state) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let err: DetectError? = input.withUnsafeBufferPointer { inp -> DetectError? in
            var availIn = inp.count
            var nextIn = inp.baseAddress
            while true {
                var availOut = chunk.count
                let r = chunk.withUnsafeMutableBufferPointer { c -> BrotliDecoderResult in
                    var nextOut = c.baseAddress
                    return BrotliDecoderDecompressStream(state, &availIn, &nextIn, &availOut, &nextOut, nil)
                }
                let produced = chunk.count - availOut
                if out.count + produced > limit { return DetectError(.tooLarge, "decoded body exceeds \(limit) bytes") }
                out.append(contentsOf: chunk[0..<produced])
                switch r {
                case BROTLI_DECODER_RESULT_SUCCESS: return nil
                case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: continue
                case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: return DetectError(.corruptCompression, "truncated brotli stream")
                default: return DetectError(.corruptCompression, "brotli decode error")
                }
            }
        }
        if let err { throw err }
        return out
    }

    private static func zstdDecode(_ input: [UInt8], limit: Int) throws(DetectError) -> [UInt8] {
        guard let ds = ZSTD_createDStream() else { throw DetectError(.corruptCompression, "zstd init failed") }
        defer { ZSTD_freeDStream(ds) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let err: DetectError? = input.withUnsafeBytes { inp -> DetectError? in
            var inBuf = ZSTD_inBuffer(src: inp.baseAddress, size: inp.count, pos: 0)
            var last: Int = 1
            while inBuf.pos < inBuf.size || last != 0 {
                let (ret, produced) = chunk.withUnsafeMutableBytes { c -> (Int, Int) in
                    var outBuf = ZSTD_outBuffer(dst: c.baseAddress, size: c.count, pos: 0)
                    let r = ZSTD_decompressStream(ds, &outBuf, &inBuf)
                    return (r, outBuf.pos)
                }
                if ZSTD_isError(ret) != 0 { return DetectError(.corruptCompression, "zstd decode error") }
                if out.count + produced > limit { return DetectError(.tooLarge, "decoded body exceeds \(limit) bytes") }
                out.append(contentsOf: chunk[0..<produced])
                last = ret
                if inBuf.pos >= inBuf.size && produced == 0 && ret != 0 { return DetectError(.corruptCompression, "truncated zstd stream") }
            }
            return nil
        }
        if let err { throw err }
        return out
    }
}

extension Substring {
    /// Drops ASCII spaces and tabs at both ends (header values, form parameters).
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
