/// Hands out replacements so the same value gets the same placeholder within one request.
struct PlaceholderBook {
    let style: PlaceholderStyle
    /// A value of one type.
    struct Key: Hashable { let type: PIIType; let value: String }
    /// One table keyed by type and value: one hash per finding.
    private var assigned: [Key: String] = [:]
    private var counters: [PIIType: Int] = [:]

    init(style: PlaceholderStyle) { self.style = style }

    mutating func replacement(for type: PIIType, value: String) -> String {
        let key = Key(type: type, value: value)
        if let r = assigned[key] { return r }
        let r: String
        switch style {
        case .mask: r = "[REDACTED]"
        case .pseudonym(let f): r = f(type, value)
        case .typed:
            let n = (counters[type] ?? 0) + 1
            counters[type] = n
            r = "[" + type.placeholderLabel + "_" + String(n) + "]"
        }
        assigned[key] = r
        return r
    }
}
