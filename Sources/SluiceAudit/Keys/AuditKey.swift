import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A local secret (32 random bytes, hex in a 0600 file) for value fingerprints or for the chain's HMAC.
public struct AuditKey: Sendable {
    /// Raw key bytes; kept as bytes because `SymmetricKey` is not `Sendable`.
    let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Loads the key at `path`, creating a fresh one (0600, directory 0700) when the file does not exist.
    public static func loadOrCreate(path: String) throws(AuditError) -> AuditKey {
        if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw AuditError(.openFailed, path: directory, reason: "cannot create key directory: \(error)")
            }
        }
        var generator = SystemRandomNumberGenerator()
        let key = AuditKey(bytes: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            let err = errno
            if err == EEXIST { return try load(path: path) }  // another process created it first
            throw AuditError(.openFailed, path: path, errno: err, reason: "cannot create key file")
        }
        defer { close(fd) }
        let text = Array((Hex.encode(key.bytes) + "\n").utf8)
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written != text.count || fsync(fd) != 0 {
            let err = errno
            unlink(path)
            throw AuditError(.writeFailed, path: path, errno: err, reason: "cannot write key file")
        }
        return key
    }

    /// Loads an existing key; refuses a file that group or others can read, as ssh does.
    public static func load(path: String) throws(AuditError) -> AuditKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let err = errno
            throw AuditError(err == ENOENT ? .keyFileMissing : .readFailed, path: path, errno: err, reason: "cannot read key file")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw AuditError(.keyFileTooOpen, path: path,
                             reason: "key file is readable by others (mode \(String(info.st_mode & 0o777, radix: 8))); chmod 600 it")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditError(.readFailed, path: path, reason: "cannot read key file")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Hex.decode(text), bytes.count >= 16 else {
            throw AuditError(.keyFileInvalid, path: path, reason: "key file must hold at least 32 hex digits")
        }
        return AuditKey(bytes: bytes)
    }

    /// Keyed fingerprint of a personal-data value: searchable with the key, meaningless without it.
    public func fingerprint(_ value: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Array(("fp1:" + Self.normalize(value)).utf8), using: SymmetricKey(data: bytes))
        return Hex.encode(Array(mac).prefix(16))
    }

    /// HMAC-SHA256 over `bytes`, hex; used for the chain's `mac` field.
    public func mac(_ data: [UInt8]) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: bytes)))
    }

    /// Same value, same fingerprint: lower-cased, whitespace, hyphens and brackets removed ("NL91 ABNA…" = "nl91abna…").
    public static func normalize(_ value: String) -> String {
        String(value.lowercased().unicodeScalars.filter {
            !CharacterSet.whitespacesAndNewlines.contains($0) && !"-()".unicodeScalars.contains($0)
        }.map(Character.init))
    }
}

extension AuditKey {
    /// Where `sluice serve` keeps the fingerprint key when none is named: a `-keys` directory beside the
    /// log directory (`audit/audit.jsonl` → `audit-keys/fingerprint.key`), so copying or shipping the log
    /// directory never carries the key that makes its fingerprints searchable.
    public static func defaultFingerprintPath(forLog logPath: String) -> String {
        var directory = (logPath as NSString).deletingLastPathComponent
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        let keys = directory.isEmpty || directory == "." ? "sluice-keys" : directory + "-keys"
        return (keys as NSString).appendingPathComponent("fingerprint.key")
    }
}
