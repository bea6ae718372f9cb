import Foundation
import Testing
@testable import SluiceAudit

/// Keys live in 0600 files, load back identically, and fingerprint the same value the same way however it is typed.
struct AuditKeyTests {
    @Test func createdKeyIsPrivateAndLoadsBackTheSame() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let path = dir.file("keys/fp.key")
        let created = try AuditKey.loadOrCreate(path: path)
        let loaded = try AuditKey.loadOrCreate(path: path)
        #expect(created.bytes == loaded.bytes)
        #expect(created.bytes.count == 32)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: dir.file("keys"))[.posixPermissions] as? Int) == 0o700)
    }

    @Test func keyReadableByOthersIsRefused() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let path = dir.file("fp.key")
        _ = try AuditKey.loadOrCreate(path: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: AuditError(.keyFileTooOpen, reason: "")) { try AuditKey.load(path: path) }
    }

    @Test(arguments: ["", "zz", "abcd", String(repeating: "g", count: 64)])
    func malformedKeyFileIsRefused(content: String) throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let path = dir.file("fp.key")
        _ = FileManager.default.createFile(atPath: path, contents: Data(content.utf8), attributes: [.posixPermissions: 0o600])
        #expect(throws: AuditError(.keyFileInvalid, reason: "")) { try AuditKey.load(path: path) }
    }

    @Test func missingKeyFileSaysSo() {
        #expect(throws: AuditError(.keyFileMissing, reason: "")) { try AuditKey.load(path: "/nonexistent/sluice.key") }
    }

    @Test(arguments: [
        ("jan@example.nl", "JAN@Example.NL "), ("NL91ABNA0417164300", "nl91 abna 0417 1643 00"), ("+31612345678", "+31 (6) 1234-5678"),
    ])
    func sameValueTypedDifferentlyHasOneFingerprint(a: String, b: String) {
        let key = AuditKey(bytes: Array(repeating: 3, count: 32))
        #expect(key.fingerprint(a) == key.fingerprint(b))
        #expect(key.fingerprint(a).count == 32)
    }

    @Test func fingerprintsDependOnTheKeyAndTheValue() {
        let a = AuditKey(bytes: Array(repeating: 3, count: 32)), b = AuditKey(bytes: Array(repeating: 4, count: 32))
        #expect(a.fingerprint("jan@example.nl") != b.fingerprint("jan@example.nl"))
        #expect(a.fingerprint("jan@example.nl") != a.fingerprint("jan@example.com"))
        #expect(!a.fingerprint("jan@example.nl").contains("jan"))
    }
}
