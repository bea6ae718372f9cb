import Crypto
import _CryptoExtras
import Foundation

/// A salted PBKDF2-HMAC-SHA256 password hash, stored as `pbkdf2-sha256$ROUNDS$SALT$HASH` (base64), never plaintext.
public struct PasswordHash: Sendable, Equatable, CustomStringConvertible {
    /// OWASP 2023 minimum for PBKDF2-HMAC-SHA256, also swift-crypto's floor for `rounds:`.
    public static let defaultRounds = 210_000

    public let rounds: Int
    public let salt: [UInt8]
    public let hash: [UInt8]

    /// Hashes `password` with a fresh 16-byte CSPRNG salt.
    public static func make(password: String, rounds: Int = defaultRounds) throws(UserStoreError) -> PasswordHash {
        guard !password.isEmpty else { throw UserStoreError(.weakPassword, "the password is empty") }
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return PasswordHash(rounds: rounds, salt: salt, hash: derive(password, salt: salt, rounds: rounds))
    }

    init(rounds: Int, salt: [UInt8], hash: [UInt8]) {
        self.rounds = rounds
        self.salt = salt
        self.hash = hash
    }

    /// Parses the stored text form; nil when it is not one this build writes.
    public init?(encoded: String) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds >= 1, rounds <= 10_000_000,
              let salt = Data(base64Encoded: String(parts[2])), salt.count >= 8,
              let hash = Data(base64Encoded: String(parts[3])), hash.count == 32 else { return nil }
        self.init(rounds: rounds, salt: Array(salt), hash: Array(hash))
    }

    public var description: String {
        "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    /// Recomputes and compares in constant time.
    public func verify(_ password: String) -> Bool {
        let candidate = Self.derive(password, salt: salt, rounds: rounds)
        guard candidate.count == hash.count else { return false }
        var difference: UInt8 = 0
        for index in hash.indices { difference |= candidate[index] ^ hash[index] }
        return difference == 0
    }

    /// PBKDF2 from swift-crypto's _CryptoExtras; rounds are checked when the file is read, so the unchecked entry is used.
    private static func derive(_ password: String, salt: [UInt8], rounds: Int) -> [UInt8] {
        guard let key = try? KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                             outputByteCount: 32, unsafeUncheckedRounds: rounds) else { return [] }
        return key.withUnsafeBytes { Array($0) }
    }
}
