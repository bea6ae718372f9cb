/// multipart/form-data (RFC 7578): scans text fields and small text, CSV and JSON files; other files make the body uninspectable.
enum MultipartCodec {
    static let textExtensions: Set<String> = ["txt", "csv", "tsv", "json", "jsonl", "md", "log", "xml", "html", "htm", "yaml", "yml", "ini", "eml", "vcf"]

    private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        var i = from
        let first = needle[0]
        while i + needle.count <= hay.count {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func redact(_ body: [UInt8], boundary: String, maxFileBytes: Int, session: inout RedactionSession) throws(DetectError) -> [UInt8] {
        let delimiter = Array(("--" + boundary).utf8)
        guard !boundary.isEmpty, let firstDelim = find(delimiter, in: body, from: 0) else {
            throw DetectError(.malformedBody, "multipart boundary not found")
        }
        var out = Array(body[0..<firstDelim])
        var pos = firstDelim
        while true {
            // pos is at a delimiter line.
            let afterDelim = pos + delimiter.count
            if afterDelim + 1 < body.count && body[afterDelim] == 45 && body[afterDelim + 1] == 45 {
                out += body[pos...] // closing delimiter and epilogue
                return out
            }
            guard let headerStart = find([13, 10], in: body, from: afterDelim).map({ $0 + 2 }),
                  let headerEnd = find([13, 10, 13, 10], in: body, from: headerStart - 2) else {
                throw DetectError(.malformedBody, "multipart part without headers")
            }
            let contentStart = headerEnd + 4
            guard let next = find([13, 10] + delimiter, in: body, from: contentStart) else {
                throw DetectError(.malformedBody, "multipart part without closing delimiter")
            }
            out += body[pos..<contentStart]
            let headers = String(decoding: body[headerStart..<headerEnd], as: UTF8.self)
            let content = Array(body[contentStart..<next])
            out += try redactPart(content, headers: headers, base: contentStart, maxFileBytes: maxFileBytes, session: &session)
            out += [13, 10]
            pos = next + 2
        }
    }

    private static func redactPart(_ content: [UInt8], headers: String, base: Int, maxFileBytes: Int, session: inout RedactionSession) throws(DetectError) -> [UInt8] {
        var filename: String?
        var partType: MediaType?
        for line in headers.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = String(line[line.index(after: colon)...])
            if name == "content-disposition" {
                let params = MediaType("x/x;" + value.split(separator: ";", maxSplits: 1).dropFirst().joined())?.parameters ?? [:]
                filename = params["filename"]
            } else if name == "content-type" {
                partType = MediaType(value)
            }
        }
        if let filename {
            let ext = filename.split(separator: ".").last.map { $0.lowercased() } ?? ""
            let textual = partType.map { $0.isText || $0.isJSON } ?? false || textExtensions.contains(ext)
            guard textual else { throw DetectError(.binaryPart, "file part of type \(partType?.essence ?? "unknown")") }
            guard content.count <= maxFileBytes else { throw DetectError(.tooLarge, "file part over \(maxFileBytes) bytes") }
        }
        if let partType, !partType.charsetIsUTF8 { throw DetectError(.unsupportedCharset, "part charset \(partType.parameters["charset"] ?? "")") }
        guard let text = String(validating: content, as: UTF8.self) else {
            throw DetectError(.binaryPart, "part is not UTF-8 text")
        }
        let before = session.changed
        session.changed = false
        let new = session.process(text, base: base)
        let changed = session.changed
        session.changed = before || changed
        return changed ? Array(new.utf8) : content
    }
}
