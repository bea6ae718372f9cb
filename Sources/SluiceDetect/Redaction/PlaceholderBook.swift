/// Hands out replacements so the same value gets the same placeholder within one request.
struct PlaceholderBook {
    let style: PlaceholderStyle
    private var assigned: [PIIType: [String: String]] = [:]
    private var counters: [PIIType: Int] = [:]

    init(style: PlaceholderStyle) { self.style = style }

    mutating func replacement(for type: PIIType, value: String) -> String {
        if let r = assigned[type]?[value] { return r }
        let r: String
        switch style {
        case .mask: r = "[REDACTED]"
        case .pseudonym(let f): r = f(type, value)
        case .typed:
            let n = (counters[type] ?? 0) + 1
            counters[type] = n
            r = "[\(type.placeholderLabel)_\(n)]"
        }
        assigned[type, default: [:]][value] = r
        return r
    }
}
