/// Per-category actions, placeholder style and the limits that make a body uninspectable.
public struct RedactionOptions: Sendable {
    /// Action per category; a category missing here is redacted.
    public var actions: [PIIType: CategoryAction]
    public var placeholder: PlaceholderStyle
    public var minimumConfidence: Double
    /// Largest decoded body we inspect; bigger bodies are reported uninspectable.
    public var maxInspectBytes: Int
    /// Largest decoded/encoded size ratio accepted from a compressed body (decompression bombs).
    public var maxDecompressionRatio: Int
    /// Largest multipart file part we scan as text; bigger files make the body uninspectable.
    public var maxTextFileBytes: Int

    public init(actions: [PIIType: CategoryAction] = [:], placeholder: PlaceholderStyle = .typed, minimumConfidence: Double = 0.5,
                maxInspectBytes: Int = 1 << 20, maxDecompressionRatio: Int = 100, maxTextFileBytes: Int = 256 * 1024) {
        self.actions = actions
        self.placeholder = placeholder
        self.minimumConfidence = minimumConfidence
        self.maxInspectBytes = maxInspectBytes
        self.maxDecompressionRatio = maxDecompressionRatio
        self.maxTextFileBytes = maxTextFileBytes
    }

    /// The action for a category (missing means redact).
    public func action(for type: PIIType) -> CategoryAction { actions[type] ?? .redact }
}
