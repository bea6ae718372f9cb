/// Policy text given once or per language (`reason: {en: ..., nl: ...}`), so block pages speak the reader's language.
public struct LocalizedText: Sendable, Hashable {
    /// Language code → text; "" holds the text given without a language.
    public let values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    public init(_ text: String) { self.values = ["": text] }

    /// The text in `language`, falling back to unlabelled text, then English, then any.
    public func text(for language: String) -> String {
        values[language] ?? values[""] ?? values["en"] ?? values.sorted { $0.key < $1.key }.first?.value ?? ""
    }
}
