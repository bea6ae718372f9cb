/// State for one body: the shared placeholder book (same value, same placeholder) and every finding with its body offset.
struct RedactionSession {
    let redactor: TextRedactor
    var book: PlaceholderBook
    var found: [(type: PIIType, range: Range<Int>, value: String)] = []
    var changed = false

    init(redactor: TextRedactor) {
        self.redactor = redactor
        self.book = PlaceholderBook(style: redactor.options.placeholder)
    }

    /// Scans one text value found at `base` bytes into the body; JSON held inside a string is scanned field by field.
    mutating func process(_ text: String, base: Int, depth: Int = 0) -> String {
        if depth < 4, let first = text.utf8.first(where: { $0 != 32 && $0 != 10 && $0 != 9 && $0 != 13 }),
           first == UInt8(ascii: "{") || first == UInt8(ascii: "["), let tree = JSONParser.parse(Array(text.utf8)) {
            let before = changed
            changed = false
            let newTree = process(tree, base: base, depth: depth + 1)
            let inner = changed
            changed = before || inner
            return inner ? String(decoding: newTree.encoded(), as: UTF8.self) : text
        }
        if looksBinary(text) { return text }
        let findings = redactor.detector.findings(in: text).filter { $0.confidence >= redactor.options.minimumConfidence }
        guard !findings.isEmpty else { return text }
        for f in findings {
            found.append((f.type, (base + f.utf8Range.lowerBound)..<(base + f.utf8Range.upperBound), f.value))
        }
        guard findings.contains(where: { redactor.options.action(for: $0.type) != .monitor }) else { return text }
        changed = true
        return redactor.apply(findings, to: text, book: &book)
    }

    /// Walks a JSON tree and scans every string value (keys are structure, not content).
    mutating func process(_ value: JSONValue, base: Int, depth: Int) -> JSONValue {
        switch value {
        case .literal: return value
        case .string(let s, let offset): return .string(process(s, base: base + offset + 1, depth: depth), offset: offset)
        case .array(let items): return .array(items.map { process($0, base: base, depth: depth) })
        case .object(let members): return .object(members.map { ($0.key, process($0.value, base: base, depth: depth)) })
        }
    }

    /// Base64 blobs and data URLs are not prose; scanning them only yields noise.
    private func looksBinary(_ text: String) -> Bool {
        if text.hasPrefix("data:") { return true }
        guard text.utf8.count > 256 else { return false }
        return text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) || $0 == 43 || $0 == 47 || $0 == 61 || $0 == 45 || $0 == 95 }
    }

    /// Per-category summaries and distinct values.
    func summaries() -> (findings: [FindingSummary], values: [PIIType: [String]]) {
        // Per-type arrays indexed by case, so each finding costs one append and one set insertion.
        let types = PIIType.allCases
        var ranges = [[Range<Int>]](repeating: [], count: types.count)
        var distinct = [[String]](repeating: [], count: types.count)
        var seen = Set<PlaceholderBook.Key>(minimumCapacity: found.count)
        for f in found {
            let k = f.type.ordinal
            ranges[k].append(f.range)
            if seen.insert(PlaceholderBook.Key(type: f.type, value: f.value)).inserted { distinct[k].append(f.value) }
        }
        var list: [FindingSummary] = []
        var values: [PIIType: [String]] = [:]
        for (k, type) in types.enumerated() where !ranges[k].isEmpty {
            list.append(FindingSummary(type: type, count: ranges[k].count, action: redactor.options.action(for: type), ranges: ranges[k]))
            values[type] = distinct[k]
        }
        return (list, values)
    }
}
