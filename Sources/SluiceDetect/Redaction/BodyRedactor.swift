/// Content-aware redaction of a request body: decodes the content coding, reads JSON, forms, multipart or text field by field,
/// and re-encodes so the body keeps its structure.
public struct BodyRedactor: Sendable {
    public var detector: PIIDetector
    public var options: RedactionOptions

    public init(detector: PIIDetector = PIIDetector(), options: RedactionOptions = RedactionOptions()) {
        self.detector = detector
        self.options = options
    }

    /// contentType / contentEncoding are the raw request header values (may be nil).
    public func redact(body: [UInt8], contentType: String?, contentEncoding: String?) -> BodyRedaction {
        do {
            return try inspect(body: body, contentType: contentType, contentEncoding: contentEncoding)
        } catch {
            return BodyRedaction(outcome: .uninspectable(reason: error.description))
        }
    }

    private func inspect(body: [UInt8], contentType: String?, contentEncoding: String?) throws(DetectError) -> BodyRedaction {
        guard let codings = ContentCoding.parse(contentEncoding) else {
            throw DetectError(.unsupportedEncoding, "content-encoding \(contentEncoding ?? "")")
        }
        var decoded = body
        for coding in codings.reversed() {
            let ratioCap = max(decoded.count, 1).multipliedReportingOverflow(by: max(options.maxDecompressionRatio, 1))
            let ratioLimit = ratioCap.overflow ? Int.max : ratioCap.partialValue
            let limit = min(options.maxInspectBytes, ratioLimit)
            do {
                decoded = try coding.decode(decoded, limit: limit)
            } catch let e where e.code == .tooLarge {
                if ratioLimit < options.maxInspectBytes {
                    throw DetectError(.ratioExceeded, "\(coding.rawValue) expands more than \(options.maxDecompressionRatio)x")
                }
                throw e
            }
        }
        guard decoded.count <= options.maxInspectBytes else {
            throw DetectError(.tooLarge, "body of \(decoded.count) bytes exceeds \(options.maxInspectBytes)")
        }
        if decoded.isEmpty { return BodyRedaction(outcome: .unchanged) }

        let textRedactor = TextRedactor(detector: detector, options: options)
        var session = RedactionSession(redactor: textRedactor)
        let media = MediaType(contentType)
        if let media, !media.charsetIsUTF8 { throw DetectError(.unsupportedCharset, "charset \(media.parameters["charset"] ?? "")") }

        let newBody: [UInt8]
        if let media, media.isForm {
            newBody = try FormCodec.redact(decoded, session: &session)
        } else if let media, media.isMultipart {
            guard let boundary = media.parameters["boundary"] else { throw DetectError(.malformedBody, "multipart without boundary") }
            newBody = try MultipartCodec.redact(decoded, boundary: boundary, maxFileBytes: options.maxTextFileBytes, session: &session)
        } else if media == nil || media!.isJSON || media!.isText {
            guard let text = String(validating: decoded, as: UTF8.self) else {
                throw DetectError(.unsupportedCharset, "body is not UTF-8 text")
            }
            let isJSONish = media?.isJSON ?? true
            if isJSONish, let tree = JSONParser.parse(decoded) {
                let newTree = session.process(tree, base: 0, depth: 1)
                newBody = session.changed ? newTree.encoded() : decoded
            } else if media?.essence == "application/x-ndjson" || media?.essence == "application/jsonl" {
                newBody = Array(session.process(text, base: 0).utf8)
            } else {
                // Text, or JSON that does not parse: scanned as text (the detector reads JSON escapes).
                newBody = Array(session.process(text, base: 0, depth: 4).utf8)
            }
        } else {
            throw DetectError(.unsupportedContentType, "content-type \(media!.essence)")
        }

        let (findings, values) = session.summaries()
        let blocked = findings.filter { $0.action == .block }.map(\.type)
        if !blocked.isEmpty { return BodyRedaction(outcome: .blocked(categories: blocked), findings: findings, values: values) }
        guard session.changed else { return BodyRedaction(outcome: .unchanged, findings: findings, values: values) }
        return BodyRedaction(outcome: .redacted(body: newBody, contentEncoding: nil), findings: findings, values: values)
    }
}
