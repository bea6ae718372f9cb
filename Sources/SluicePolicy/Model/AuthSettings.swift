/// The `auth:` section: proxy Basic authentication (RFC 7617 over RFC 9110 §11.7.1 Proxy-Authorization).
public struct AuthSettings: Sendable, Equatable {
    public let realm: String
    /// Users file written by `sluice user add`, resolved relative to the policy file.
    public let usersFile: String

    public init(realm: String, usersFile: String) {
        self.realm = realm
        self.usersFile = usersFile
    }
}
