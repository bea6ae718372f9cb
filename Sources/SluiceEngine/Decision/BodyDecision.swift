/// The engine's answer to a buffered request body.
public enum BodyDecision: Sendable {
    /// nil = unchanged body; non-nil = replacement body (the runtime fixes Content-Length).
    case forward([UInt8]?)
    /// For example a DeepSeek model requested through an allowed gateway: 403 in the client's shape.
    case respond(LocalResponse)
}
