import Foundation
import SluicePolicy

extension Engine {
    /// Warn rules: an interstitial until the principal clicks through, then allowed for that host until the UTC day ends.
    func warnFlow(_ verdict: Verdict, target: RequestTarget, client: String, format: PageFormat, language: String,
                  now: Date) -> RequestDecision {
        var verdict = verdict
        let principal = verdict.user ?? client
        let day = Self.day(now)
        let (cleanQuery, token) = Self.removeAcknowledgement(from: target.query)
        if let token {
            verdict.forwardTarget = forwardTarget(target, query: cleanQuery)
            if signer.verify(token, principal: principal, host: verdict.host, day: day) {
                ledger.record(principal: principal, host: verdict.host, day: day)
            }
        }
        if ledger.isAcknowledged(principal: principal, host: verdict.host, day: day) {
            verdict.acknowledged = true
            verdict.inspectBody = false
            return .forward(verdict)
        }
        var query = cleanQuery.map { $0 + "&" } ?? ""
        query += "\(Self.acknowledgementParameter)=\(signer.token(principal: principal, host: verdict.host, day: day))"
        let response = renderer.warnResponse(host: verdict.host, service: verdict.service, reason: verdict.reason,
                                             continueURL: target.url(query: query), referenceID: verdict.referenceID,
                                             format: format, language: language)
        return .respond(response, verdict)
    }

    /// The target to send upstream once the acknowledgement parameter is gone, in the form it was received.
    private func forwardTarget(_ target: RequestTarget, query: String?) -> String {
        if target.isOriginForm { return target.rawPath + (query.map { "?\($0)" } ?? "") }
        return target.url(query: query)
    }

    /// Splits `sluice_ack=...` out of a query, keeping the other parameters in order.
    static func removeAcknowledgement(from query: String?) -> (String?, String?) {
        guard let query else { return (nil, nil) }
        var kept: [Substring] = []
        var token: String?
        for item in query.split(separator: "&", omittingEmptySubsequences: false) {
            if item.hasPrefix(acknowledgementParameter + "=") {
                token = String(item.dropFirst(acknowledgementParameter.count + 1))
            } else {
                kept.append(item)
            }
        }
        return (kept.isEmpty ? nil : kept.joined(separator: "&"), token)
    }

    /// Days since 1970-01-01 UTC.
    static func day(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }
}
