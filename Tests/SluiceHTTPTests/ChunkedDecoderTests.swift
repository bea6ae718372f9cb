import Testing
import SluiceHTTP

/// The chunked transfer coding (RFC 9112 §7.1): any split decodes the same, hostile framing is invalidChunk.
@Suite struct ChunkedDecoderTests {
    /// Decodes `input` fed as the given pieces; the error, or the body and total consumed.
    static func decode(_ pieces: [[UInt8]], decoder: ChunkedDecoder = ChunkedDecoder())
        -> (body: [UInt8], consumed: Int, finished: Bool, error: HTTPParseError?) {
        var decoder = decoder
        var body: [UInt8] = []
        var consumed = 0
        var finished = false
        for piece in pieces where !finished {
            do {
                let step = try decoder.decode(piece[...], into: &body)
                consumed += step.consumed
                finished = step.finished
                #expect(step.finished == decoder.isFinished)
            } catch {
                return (body, consumed, finished, error)
            }
        }
        return (body, consumed, finished, nil)
    }

    static let valid: [(String, String)] = [
        ("5\r\nhello\r\n0\r\n\r\n", "hello"),
        ("0\r\n\r\n", ""),
        ("A\r\n0123456789\r\n0\r\n\r\n", "0123456789"),
        ("a\r\n0123456789\r\n0\r\n\r\n", "0123456789"),
        ("1\r\nx\r\n1\r\ny\r\n2\r\nzz\r\n0\r\n\r\n", "xyzz"),
        ("000005\r\nhello\r\n0000\r\n\r\n", "hello"),
        ("5;name=value\r\nhello\r\n0;last\r\n\r\n", "hello"),
        ("5 ;ext\r\nhello\r\n0\r\n\r\n", "hello"),
        ("5\t; a=\"b c\"; d\r\nhello\r\n0\r\n\r\n", "hello"),
        ("3\r\n\r\n\r\r\n0\r\n\r\n", "\r\n\r"),
        ("5\r\nhello\r\n0\r\nExpires: never\r\nX-Checksum: abc\r\n\r\n", "hello"),
        ("1F\r\n" + String(repeating: "z", count: 31) + "\r\n0\r\n\r\n", String(repeating: "z", count: 31)),
    ]

    @Test(arguments: valid)
    func wholeInputDecodes(input: String, body: String) {
        let result = Self.decode([Array(input.utf8)])
        #expect(result.error == nil)
        #expect(result.body == Array(body.utf8))
        #expect(result.finished)
        #expect(result.consumed == input.utf8.count)
    }

    @Test(arguments: valid)
    func splittingAtEveryPositionDecodesTheSame(input: String, body: String) {
        let bytes = Array(input.utf8)
        for split in 0...bytes.count {
            let result = Self.decode([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(result.error == nil, "split at \(split)")
            #expect(result.body == Array(body.utf8), "split at \(split)")
            #expect(result.finished)
            #expect(result.consumed == bytes.count)
        }
    }

    @Test(arguments: valid)
    func byteAtATimeDecodesTheSame(input: String, body: String) {
        let result = Self.decode(Array(input.utf8).map { [$0] })
        #expect(result.error == nil)
        #expect(result.body == Array(body.utf8))
        #expect(result.finished)
    }

    @Test(arguments: valid)
    func everyHostileByteAtEveryPositionDecodesTheSameWholeAndByteByByte(input: String, body: String) {
        let original = Array(input.utf8)
        for position in 0..<original.count {
            for byte: UInt8 in [0x00, 0x0A, 0x0D, 0x20, 0x3B, 0x46, 0x67, 0xFF] {
                var bytes = original
                bytes[position] = byte
                let whole = Self.decode([bytes])
                let byByte = Self.decode(bytes.map { [$0] })
                #expect(whole.error?.code == byByte.error?.code, "byte \(byte) at \(position) of \(input.debugDescription)")
                #expect(whole.body == byByte.body)
                #expect(whole.finished == byByte.finished)
                if whole.error == nil { #expect(whole.consumed == byByte.consumed) }
            }
        }
    }

    @Test func bytesAfterTheLastChunkAreNotConsumed() throws {
        let message = Array("5\r\nhello\r\n0\r\n\r\n".utf8)
        var decoder = ChunkedDecoder()
        var body: [UInt8] = []
        let step = try decoder.decode((message + Array("GET / HTTP/1.1\r\n".utf8))[...], into: &body)
        #expect(step == (message.count, true))
        let after = try decoder.decode(Array("more".utf8)[...], into: &body)
        #expect(after == (0, true))
        #expect(body == Array("hello".utf8))
    }

    @Test func sliceWithNonZeroStartIndexDecodes() throws {
        let bytes = Array("junk5\r\nhello\r\n0\r\n\r\n".utf8)
        var decoder = ChunkedDecoder()
        var body: [UInt8] = []
        let step = try decoder.decode(bytes[4...], into: &body)
        #expect(step == (bytes.count - 4, true))
        #expect(body == Array("hello".utf8))
    }

    @Test func incompleteInputIsNotFinished() throws {
        var decoder = ChunkedDecoder()
        var body: [UInt8] = []
        let step = try decoder.decode(Array("5\r\nhel".utf8)[...], into: &body)
        #expect(step == (6, false))
        #expect(!decoder.isFinished)
        #expect(body == Array("hel".utf8))
    }

    @Test(arguments: [
        "5\r\nhelloX\r\n0\r\n\r\n",
        "5\r\nhello\n0\r\n\r\n",
        "5\r\nhello0\r\n\r\n",
        "5\r\nhell\r\n0\r\n\r\n\r\n",
        "5\nhello\r\n0\r\n\r\n",
        "5\r\nhello\r\n0\n\r\n",
        "5\r\nhello\r\n0\r\n\n",
        "5\r\nhello\r\n0\r\nX: y\n\r\n",
        "\r\nhello\r\n0\r\n\r\n",
        "g\r\n",
        "-5\r\nhello\r\n",
        "+5\r\nhello\r\n",
        "0x5\r\nhello\r\n",
        " 5\r\nhello\r\n",
        "5 5\r\nhello\r\n",
        "5,\r\nhello\r\n",
        "5;\u{0}\r\nhello\r\n",
        "5;a\u{7F}\r\nhello\r\n",
        "5;a\rb\r\nhello\r\n",
        "1234567890ABCDEF\r\n",
        "FFFFFFFFFFFFFFFF\r\n",
        "10000000000000000\r\n",
        "0000000000000000\r\n\r\n",
        "\u{663}\r\n",
    ])
    func hostileChunkIsInvalid(input: String) {
        let bytes = Array(input.utf8)
        let whole = Self.decode([bytes])
        #expect(whole.error?.code == .invalidChunk, "\(input.debugDescription)")
        #expect(whole.error?.status == 400)
        let byByte = Self.decode(bytes.map { [$0] })
        #expect(byByte.error?.code == .invalidChunk, "\(input.debugDescription) byte by byte")
    }

    @Test func fifteenHexDigitsAreTheLargestSize() throws {
        var decoder = ChunkedDecoder()
        var body: [UInt8] = []
        let step = try decoder.decode(Array("FFFFFFFFFFFFFFF\r\nab".utf8)[...], into: &body)
        #expect(step == (19, false))
        #expect(body == Array("ab".utf8))
    }

    @Test func longSizeLineIsInvalid() {
        let line = "5;" + String(repeating: "e", count: 200) + "\r\nhello\r\n0\r\n\r\n"
        let result = Self.decode([Array(line.utf8)], decoder: ChunkedDecoder(maxLineLength: 64))
        #expect(result.error?.code == .invalidChunk)
        let endless = Self.decode([[UInt8](repeating: UInt8(ascii: "1"), count: 5000)])
        #expect(endless.error?.code == .invalidChunk)
    }

    @Test func oversizedTrailerSectionIsInvalid() {
        let trailers = (0..<10).map { "X-T\($0): \(String(repeating: "t", count: 20))\r\n" }.joined()
        let input = Array("0\r\n\(trailers)\r\n".utf8)
        let small = Self.decode([input], decoder: ChunkedDecoder(maxTrailerBytes: 100))
        #expect(small.error?.code == .invalidChunk)
        let large = Self.decode([input], decoder: ChunkedDecoder(maxTrailerBytes: 1000))
        #expect(large.error == nil)
        #expect(large.finished)
    }

    @Test func trailerLineIsBoundedByTheLineLimit() {
        let input = Array("0\r\nX: \(String(repeating: "t", count: 100))\r\n\r\n".utf8)
        let result = Self.decode([input], decoder: ChunkedDecoder(maxLineLength: 50))
        #expect(result.error?.code == .invalidChunk)
    }

    // MARK: Encoder

    @Test(arguments: [1, 2, 15, 16, 255, 256, 4096, 65_537])
    func encodedChunksDecodeBack(size: Int) throws {
        let data = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let encoded = ChunkedEncoder.chunk(data[...]) + ChunkedEncoder.chunk(data[1...]) + ChunkedEncoder.lastChunk
        let result = Self.decode([encoded])
        #expect(result.error == nil)
        #expect(result.body == data + data[1...])
        #expect(result.finished)
        #expect(result.consumed == encoded.count)
        #expect(encoded.starts(with: Array(String(size, radix: 16).utf8) + [0x0D, 0x0A]))
    }

    @Test func emptyDataGivesNoChunk() {
        #expect(ChunkedEncoder.chunk([][...]).isEmpty)
        #expect(ChunkedEncoder.lastChunk == Array("0\r\n\r\n".utf8))
    }
}
