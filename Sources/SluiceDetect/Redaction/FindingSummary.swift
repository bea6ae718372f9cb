/// Per-category result of a body scan: how many values, where (UTF-8 byte ranges into the decoded body) and what was done.
public struct FindingSummary: Sendable, Equatable {
    public var type: PIIType
    public var count: Int
    public var action: CategoryAction
    /// Byte ranges into the decoded body; exact for unescaped text, approximate inside JSON strings with escapes before the value.
    public var ranges: [Range<Int>]

    public init(type: PIIType, count: Int, action: CategoryAction, ranges: [Range<Int>]) {
        self.type = type
        self.count = count
        self.action = action
        self.ranges = ranges
    }
}
