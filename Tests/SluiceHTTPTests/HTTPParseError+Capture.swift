import SluiceHTTP

extension HTTPParseError {
    /// The error `body` throws, or nil, so a table row can check both the code and the status.
    static func capture<T>(_ body: () throws(HTTPParseError) -> T) -> HTTPParseError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }
}
