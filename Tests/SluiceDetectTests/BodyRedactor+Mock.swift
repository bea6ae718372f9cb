@testable import SluiceDetect

/// Fixtures for body redaction tests.
extension BodyRedactor {
    static func make(actions: [PIIType: CategoryAction] = [:], placeholder: PlaceholderStyle = .typed, maxInspectBytes: Int = 1 << 20,
                     maxDecompressionRatio: Int = 100) -> BodyRedactor {
        BodyRedactor(options: RedactionOptions(actions: actions, placeholder: placeholder, maxInspectBytes: maxInspectBytes,
                                               maxDecompressionRatio: maxDecompressionRatio))
    }
}

/// The body after redaction, or nil when the outcome is not `.redacted`.
func redactedBody(_ r: BodyRedaction) -> String? {
    if case .redacted(let body, _) = r.outcome { return String(decoding: body, as: UTF8.self) }
    return nil
}

/// A structural fingerprint of a JSON document: key paths and value kinds, ignoring string contents.
func shape(_ v: JSONValue) -> String {
    switch v {
    case .literal(let b): return "L" + String(decoding: b, as: UTF8.self)
    case .string: return "S"
    case .array(let items): return "[" + items.map(shape).joined(separator: ",") + "]"
    case .object(let m): return "{" + m.map { $0.key + ":" + shape($0.value) }.joined(separator: ",") + "}"
    }
}

/// All string values of a JSON document, depth first.
func strings(_ v: JSONValue) -> [String] {
    switch v {
    case .literal: return []
    case .string(let s, _): return [s]
    case .array(let items): return items.flatMap(strings)
    case .object(let m): return m.flatMap { strings($0.value) }
    }
}
