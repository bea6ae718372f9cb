extension StringProtocol {
    /// Whether `needle` (lower-case ASCII) occurs in this text, ignoring ASCII case. A byte scan: the
    /// generic `contains`/`range(of:)` cost microseconds per call on the request path.
    func containsASCII(_ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        let bytes = Array(utf8)
        guard bytes.count >= pattern.count else { return false }
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        outer: for i in 0...(bytes.count - pattern.count) {
            for j in 0..<pattern.count where lower(bytes[i + j]) != pattern[j] { continue outer }
            return true
        }
        return false
    }

    /// The index just past the first "://", if any (a byte scan; the delimiters are ASCII).
    var schemeSeparatorEnd: Index? {
        let bytes = utf8
        var previous2: UInt8 = 0, previous1: UInt8 = 0
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            index = bytes.index(after: index)
            if byte == UInt8(ascii: "/"), previous1 == UInt8(ascii: "/"), previous2 == UInt8(ascii: ":") { return index }
            previous2 = previous1
            previous1 = byte
        }
        return nil
    }
}
