/// A `model_rules:` entry: deny requests that ask any gateway for a model whose id contains one of `match`.
public struct ModelRule: Sendable {
    public let name: String
    /// Lower-case substrings of a model id ("deepseek" catches `deepseek-chat`, `deepseek.r1-v1:0`, `@cf/deepseek-ai/...`).
    public let match: [String]
    public let service: String?
    public let reason: LocalizedText?
    public let line: Int

    public init(name: String, match: [String], service: String? = nil, reason: LocalizedText? = nil, line: Int = 0) {
        self.name = name
        self.match = match.map { $0.lowercased() }
        self.service = service
        self.reason = reason
        self.line = line
    }

    /// True when the (already decoded) model id contains one of the patterns, ignoring case.
    public func matches(modelID: String) -> Bool {
        let lowered = modelID.lowercased()
        return match.contains { lowered.contains($0) }
    }
}
