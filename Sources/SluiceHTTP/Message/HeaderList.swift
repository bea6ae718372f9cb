/// One header field as received: the original spelling of the name is kept.
public struct HeaderField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Header fields in order, duplicates kept (RFC 9110 §5.3); lookups ignore ASCII case.
public struct HeaderList: Sendable, Equatable, Sequence {
    private var fields: [HeaderField] = []

    public init() {}

    /// An empty list with room for `capacity` fields, so a parsed head fills it without regrowing.
    public init(capacity: Int) { fields.reserveCapacity(capacity) }

    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { HeaderField(name: $0.0, value: $0.1) }
    }

    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[HeaderField]> { fields.makeIterator() }

    /// The first value of `name`.
    public subscript(_ name: String) -> String? {
        fields.first { $0.name.equalsIgnoringASCIICase(name) }?.value
    }

    public func values(_ name: String) -> [String] {
        var result: [String] = []
        for field in fields where field.name.equalsIgnoringASCIICase(name) { result.append(field.value) }
        return result
    }

    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// The comma-separated list elements of every `name` field, trimmed and lower-cased (RFC 9110 §5.6.1).
    public func tokens(_ name: String) -> [String] {
        var result: [String] = []
        for field in fields where field.name.equalsIgnoringASCIICase(name) {
            for element in field.value.utf8.split(separator: UInt8(ascii: ",")) {
                let token = element.trimmingOWSBytes()
                if !token.isEmpty { result.append(String(decoding: token.map(lowercaseASCII), as: UTF8.self)) }
            }
        }
        return result
    }

    /// True when some `name` field lists `token` (compared ignoring ASCII case), without building the list.
    public func hasToken(_ name: String, _ token: String) -> Bool {
        for field in fields where field.name.equalsIgnoringASCIICase(name) {
            for element in field.value.utf8.split(separator: UInt8(ascii: ",")) where element.trimmingOWSBytes().equalsIgnoringASCIICase(token.utf8) {
                return true
            }
        }
        return false
    }

    public mutating func append(_ name: String, _ value: String) {
        fields.append(HeaderField(name: name, value: value))
    }

    /// Replaces every `name` field by one.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        append(name, value)
    }

    public mutating func remove(_ name: String) {
        guard contains(name) else { return }   // the common case writes nothing
        fields.removeAll { $0.name.equalsIgnoringASCIICase(name) }
    }

    public mutating func removeAll(where predicate: (HeaderField) -> Bool) {
        fields.removeAll(where: predicate)
    }

    /// The fields in wire form: "Name: value\r\n" each.
    /// CR, LF and NUL in a value become spaces, so an edited value can never start a new field.
    func write(into bytes: inout [UInt8]) {
        for field in fields { Self.write(field.name, field.value, into: &bytes) }
    }

    /// The fields in wire form, leaving out those `omit` names: forwarding a head this way copies no list.
    public func write(into bytes: inout [UInt8], omitting omit: (String) -> Bool) {
        for field in fields where !omit(field.name) { Self.write(field.name, field.value, into: &bytes) }
    }

    /// One field line; the name is a token (the parser or the code set it), the value is sanitised.
    public static func write(_ name: String, _ value: String, into bytes: inout [UInt8]) {
        bytes.append(contentsOf: name.utf8)
        bytes.append(0x3A)
        bytes.append(0x20)
        var value = value
        value.withUTF8 { utf8 in
            if !utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
                bytes.append(contentsOf: utf8)
            } else {
                for byte in utf8 { bytes.append(byte == 0x0D || byte == 0x0A || byte == 0x00 ? 0x20 : byte) }
            }
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }
}

extension String {
    /// ASCII case-insensitive equality without allocating lower-cased copies.
    public func equalsIgnoringASCIICase(_ other: String) -> Bool {
        utf8.equalsIgnoringASCIICase(other.utf8)
    }
}

@inline(__always) func lowercaseASCII(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
}

extension Collection where Element == UInt8 {
    /// Byte-wise comparison ignoring ASCII case; contiguous storage is compared without iterators.
    func equalsIgnoringASCIICase<Other: Collection<UInt8>>(_ other: Other) -> Bool {
        guard count == other.count else { return false }
        let fast = withContiguousStorageIfAvailable { a in
            other.withContiguousStorageIfAvailable { b in
                for i in 0..<a.count where a[i] != b[i] && lowercaseASCII(a[i]) != lowercaseASCII(b[i]) { return false }
                return true
            }
        }
        if let fast = fast ?? nil { return fast }
        for (x, y) in zip(self, other) where x != y && lowercaseASCII(x) != lowercaseASCII(y) { return false }
        return true
    }
}

extension Collection where Element == UInt8 {
    /// Without leading and trailing spaces and tabs (RFC 9110 §5.6.3 OWS).
    func trimmingOWSBytes() -> SubSequence {
        var start = startIndex
        while start != endIndex, self[start] == 0x20 || self[start] == 0x09 { formIndex(after: &start) }
        // Trailing OWS is rare and short: the last byte that is not OWS, in one forward pass.
        var cut = start
        var i = start
        while i != endIndex {
            let byte = self[i]
            formIndex(after: &i)
            if byte != 0x20 && byte != 0x09 { cut = i }
        }
        return self[start..<cut]
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (RFC 9110 §5.6.3 OWS).
    func trimmingOWS() -> String {
        String(Substring(Substring(self).utf8.trimmingOWSBytes()))
    }
}
