import Foundation

/// Picks the page language: the reader's best supported Accept-Language, else the policy's `language`.
enum PageLanguage {
    static let supported: Set<String> = ["en", "nl"]

    /// RFC 9110 §12.5.4: highest q wins, ties keep header order; q=0 means "not this one".
    static func choose(acceptLanguage: String?, fallback: String) -> String {
        guard let acceptLanguage else { return fallback }
        var best: (String, Double)?
        for item in acceptLanguage.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let tag = parts.first?.trimmingCharacters(in: .whitespaces).lowercased() else { continue }
            let primary = String(tag.split(separator: "-").first ?? "")
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingCharacters(in: .whitespaces)
                if pair.hasPrefix("q="), let value = Double(pair.dropFirst(2)) { quality = value }
            }
            guard supported.contains(primary), quality > 0 else { continue }
            if best == nil || quality > best!.1 { best = (primary, quality) }
        }
        return best?.0 ?? fallback
    }
}
