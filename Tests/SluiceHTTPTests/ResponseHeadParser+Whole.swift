import SluiceHTTP

extension ResponseHeadParser {
    /// Parses text in one call with a fresh parser.
    static func parseWhole(_ text: String, limits: HTTPLimits = HTTPLimits()) throws(HTTPParseError) -> (head: ResponseHead, consumed: Int)? {
        var parser = ResponseHeadParser(limits: limits)
        return try parser.parse(Array(text.utf8))
    }
}
