/// The light separator between two digit groups (at most three of space, no-break space, - . / ( ) –), packed into one
/// integer so comparing separators costs no `String`.
struct Separator: Hashable {
    /// Up to three 16-bit code points, first in the low bits, and the length in the top byte.
    private let packed: UInt64

    init(_ t: ScanText, _ r: Range<Int>) {
        var p: UInt64 = 0
        var n: UInt64 = 0
        for i in r where n < 3 {
            p |= UInt64(t[i] & 0xFFFF) << (16 * n)
            n += 1
        }
        packed = p | (n << 56)
    }

    private init(_ scalars: [UInt32]) {
        var p: UInt64 = 0
        for (n, v) in scalars.enumerated() { p |= UInt64(v) << (16 * UInt64(n)) }
        packed = p | (UInt64(scalars.count) << 56)
    }

    static let space = Separator([32])
    static let hyphen = Separator([45])
    static let dot = Separator([46])
    static let slash = Separator([47])

    private var count: Int { Int(packed >> 56) }
    /// The first code point (0 when empty).
    var first: UInt32 { UInt32(packed & 0xFFFF) }
    /// The last code point (0 when empty).
    var last: UInt32 { count == 0 ? 0 : UInt32((packed >> (16 * UInt64(count - 1))) & 0xFFFF) }

    /// Whether every separator is the same one (true for none or one).
    static func uniform(_ seps: [Separator]) -> Separator? {
        guard let f = seps.first else { return nil }
        return seps.allSatisfy({ $0 == f }) ? f : nil
    }
}
