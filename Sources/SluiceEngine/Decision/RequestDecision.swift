/// The engine's answer to a request head.
public enum RequestDecision: Sendable {
    /// Plain HTTP or an inner request: open upstream verdict.host:verdict.port (scheme from the target).
    case forward(Verdict)
    /// CONNECT allowed: reply 200 and splice, or intercept when verdict.intercept and the runtime has a CA.
    case tunnel(Verdict)
    /// 403 block page, 407, 400 bad or mismatched Host, warn interstitial, the proxy's own pages.
    case respond(LocalResponse, Verdict?)
}
