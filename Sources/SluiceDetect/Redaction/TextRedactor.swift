/// Redacts plain text (used by `sluice scan --redact` and by every text field of a body).
public struct TextRedactor: Sendable {
    public var detector: PIIDetector
    public var options: RedactionOptions

    public init(detector: PIIDetector = PIIDetector(), options: RedactionOptions = RedactionOptions()) {
        self.detector = detector
        self.options = options
    }

    /// The text with every non-monitored finding replaced, and all findings (offsets into the input).
    public func redact(_ text: String) -> (text: String, findings: [Finding]) {
        var book = PlaceholderBook(style: options.placeholder)
        let found = detector.findings(in: text).filter { $0.confidence >= options.minimumConfidence }
        return (apply(found, to: text, book: &book), found)
    }

    /// Replaces the findings whose action is not monitor, using and updating a shared placeholder book.
    func apply(_ found: [Finding], to text: String, book: inout PlaceholderBook) -> String {
        // Splice on UTF-8 byte ranges: one copy of the text, no per-scalar work.
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pos = 0
        for f in found where options.action(for: f.type) != .monitor {
            guard f.utf8Range.lowerBound >= pos, f.utf8Range.upperBound <= bytes.count else { continue }
            out.append(contentsOf: bytes[pos..<f.utf8Range.lowerBound])
            out.append(contentsOf: book.replacement(for: f.type, value: f.value).utf8)
            pos = f.utf8Range.upperBound
        }
        out.append(contentsOf: bytes[pos...])
        return String(decoding: out, as: UTF8.self)
    }
}
