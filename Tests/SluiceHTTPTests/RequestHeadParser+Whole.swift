import SluiceHTTP

extension RequestHeadParser {
    /// Parses text in one call with a fresh parser, as the runtime does when a whole head arrives at once.
    static func parseWhole(_ text: String, limits: HTTPLimits = HTTPLimits()) throws(HTTPParseError) -> (head: RequestHead, consumed: Int)? {
        var parser = RequestHeadParser(limits: limits)
        return try parser.parse(Array(text.utf8))
    }

    /// The error a request line (plus a Host field) is refused with, or nil when it parses.
    static func error(requestLine: String, headers: String = "Host: a.example\r\n") -> HTTPParseError? {
        HTTPParseError.capture { () throws(HTTPParseError) in try parseWhole("\(requestLine)\r\n\(headers)\r\n") }
    }
}
