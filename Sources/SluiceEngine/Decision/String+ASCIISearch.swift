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

    /// The offset just past the first "://", if any.
    var schemeSeparatorEnd: Index? {
        var previous2: Character?, previous1: Character?
        var index = startIndex
        while index != endIndex {
            let ch = self[index]
            if ch == "/", previous1 == "/", previous2 == ":" { return self.index(after: index) }
            previous2 = previous1
            previous1 = ch
            index = self.index(after: index)
        }
        return nil
    }
}
