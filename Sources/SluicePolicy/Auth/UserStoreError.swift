/// A users file that could not be read or a user that could not be added; `line` points into the file.
public struct UserStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable { case unreadable, badLine, badName, badHash, duplicateUser, weakPassword }

    public let code: Code
    public let file: String
    public let line: Int
    public let message: String

    public init(_ code: Code, file: String = "", line: Int = 0, _ message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { file.isEmpty ? message : "\(file):\(line): \(message)" }

    /// Equality compares the code only.
    public static func == (lhs: UserStoreError, rhs: UserStoreError) -> Bool { lhs.code == rhs.code }
}
