import Foundation

/// The proxy's users (from the file `sluice user add` writes) and the cached Basic credential check.
public final class UserStore: Sendable {
    /// One account: name, salted hash and group memberships.
    public struct User: Sendable, Equatable {
        public let name: String
        public let hash: PasswordHash
        public let groups: [String]

        public init(name: String, hash: PasswordHash, groups: [String] = []) {
            self.name = name
            self.hash = hash
            self.groups = groups
        }

        /// The users-file line: `name:pbkdf2-sha256$...:group1,group2`.
        public var line: String { "\(name):\(hash):\(groups.joined(separator: ","))" }
    }

    public let users: [String: User]
    private let cache: CredentialCache

    public init(users: [User], cacheCapacity: Int = 1024) {
        var byName: [String: User] = [:]
        for user in users { byName[user.name] = user }
        self.users = byName
        self.cache = CredentialCache(capacity: cacheCapacity)
    }

    /// Reads a users file; every bad line is an error with its line number.
    public static func load(path: String) throws(UserStoreError) -> UserStore {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw UserStoreError(.unreadable, file: path, line: 0, "cannot read the users file")
        }
        return UserStore(users: try parse(text, file: path))
    }

    /// Parses users-file text: one user per line, `#` comments and blank lines ignored.
    public static func parse(_ text: String, file: String = "") throws(UserStoreError) -> [User] {
        var users: [User] = []
        var seen = Set<String>()
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { throw UserStoreError(.badLine, file: file, line: offset + 1, "expected name:hash:groups") }
            guard isValidName(fields[0]) else { throw UserStoreError(.badName, file: file, line: offset + 1, "bad user name '\(fields[0])'") }
            guard let hash = PasswordHash(encoded: fields[1]) else {
                throw UserStoreError(.badHash, file: file, line: offset + 1, "unrecognised password hash for '\(fields[0])'")
            }
            guard seen.insert(fields[0]).inserted else {
                throw UserStoreError(.duplicateUser, file: file, line: offset + 1, "user '\(fields[0])' appears twice")
            }
            let groups = fields[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            users.append(User(name: fields[0], hash: hash, groups: groups))
        }
        return users
    }

    /// Names are 1–64 characters of letters, digits, `.`, `_`, `-` and `@` (no `:` so Basic credentials split cleanly).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_@".unicodeScalars.contains(scalar))
        }
    }

    /// Checks a raw `Proxy-Authorization` value (RFC 7617 Basic); successful checks are cached by the header's SHA-256.
    public func authenticate(proxyAuthorization header: String) -> User? {
        if let name = cache.user(for: header), let user = users[name] { return user }
        guard let (name, password) = Self.decodeBasic(header), let user = users[name], user.hash.verify(password) else { return nil }
        cache.remember(header, user: name)
        return user
    }

    /// Number of cached credential checks.
    public var cachedCredentials: Int { cache.count }

    /// Splits `Basic base64(user:password)`; the scheme is case-insensitive (RFC 9110 §11.1).
    static func decodeBasic(_ header: String) -> (String, String)? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.count > 6, trimmed.prefix(6).lowercased() == "basic " else { return nil }
        let token = trimmed.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
