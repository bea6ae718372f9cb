import Crypto
import Foundation

/// Signs warn-page acknowledgements: HMAC-SHA256 of principal, host and UTC day under a per-process key.
public struct WarnTokenSigner: Sendable {
    private let keyBytes: [UInt8]

    /// A fresh random key, so tokens die with the process.
    public init() {
        var generator = SystemRandomNumberGenerator()
        keyBytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// A fixed key, for tests.
    public init(keyBytes: [UInt8]) { self.keyBytes = keyBytes }

    /// URL-safe token (22 base64url characters, 128 bits) for one principal, host and day.
    public func token(principal: String, host: String, day: Int) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(principal)|\(host)|\(day)".utf8), using: SymmetricKey(data: keyBytes))
        let encoded = Data(mac).prefix(16).base64EncodedString()
        return String(encoded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").prefix(22))
    }

    /// Constant-time comparison of a presented token with the expected one.
    public func verify(_ presented: String, principal: String, host: String, day: Int) -> Bool {
        let expected = Array(token(principal: principal, host: host, day: day).utf8)
        let given = Array(presented.utf8)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }
}
