/// One detected personal-data value with offsets in code points and in UTF-8 bytes of the scanned text.
public struct Finding: Sendable, Equatable {
    public var type: PIIType
    /// Unicode code point offsets into the scanned text (the corpus convention).
    public var scalarRange: Range<Int>
    /// Byte offsets into the UTF-8 of the scanned text (what the proxy splices).
    public var utf8Range: Range<Int>
    /// How sure the detector is, 0...1; checksummed identifiers are near 1, names lower.
    public var confidence: Double
    /// The matched text; callers must never log it.
    public var value: String

    public init(type: PIIType, scalarRange: Range<Int>, utf8Range: Range<Int>, confidence: Double, value: String) {
        self.type = type
        self.scalarRange = scalarRange
        self.utf8Range = utf8Range
        self.confidence = confidence
        self.value = value
    }
}
