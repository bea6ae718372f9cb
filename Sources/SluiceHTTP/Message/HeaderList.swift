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
        fields.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// The comma-separated list elements of every `name` field, trimmed and lower-cased (RFC 9110 §5.6.1).
    public func tokens(_ name: String) -> [String] {
        values(name).flatMap { $0.split(separator: ",") }
            .map { $0.trimmingOWS().lowercased() }
            .filter { !$0.isEmpty }
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
        fields.removeAll { $0.name.equalsIgnoringASCIICase(name) }
    }

    public mutating func removeAll(where predicate: (HeaderField) -> Bool) {
        fields.removeAll(where: predicate)
    }

    /// The fields in wire form: "Name: value\r\n" each.
    /// CR, LF and NUL in a value become spaces, so an edited value can never start a new field.
    func write(into bytes: inout [UInt8]) {
        for field in fields {
            bytes.append(contentsOf: field.name.utf8)
            bytes.append(contentsOf: [0x3A, 0x20])
            for byte in field.value.utf8 {
                bytes.append(byte == 0x0D || byte == 0x0A || byte == 0x00 ? 0x20 : byte)
            }
            bytes.append(contentsOf: [0x0D, 0x0A])
        }
    }
}

extension String {
    /// ASCII case-insensitive equality without allocating lower-cased copies.
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x != y {
            let lx = x >= 0x41 && x <= 0x5A ? x | 0x20 : x
            let ly = y >= 0x41 && y <= 0x5A ? y | 0x20 : y
            if lx != ly { return false }
        }
        return true
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (RFC 9110 §5.6.3 OWS).
    func trimmingOWS() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
