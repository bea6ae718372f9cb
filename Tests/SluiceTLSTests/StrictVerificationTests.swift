import Foundation
import Testing
@testable import SluiceTLS

/// An independent verifier: the `openssl` CLI with -x509_strict, the checks Python 3.13's VERIFY_X509_STRICT runs.
@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")),
      arguments: [("chat.example.com", "-verify_hostname"), ("10.1.2.3", "-verify_ip")])
func leafPassesOpenSSLStrictVerification(_ host: String, _ flag: String) throws {
    let (authority, directory) = try CertificateAuthority.make()
    let context = try TLSServerContext(authority: authority)
    let leaf = try context.leaf(for: host)
    let leafPath = directory + "/leaf.pem"
    try Data(try CertificateAuthority.pem(of: leaf.certificate)).write(to: URL(fileURLWithPath: leafPath))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = ["verify", "-x509_strict", "-purpose", "sslserver", flag, host, "-CAfile", directory + "/ca.pem", leafPath]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(text)")
    #expect(text.contains(": OK"))
}

/// The SPKI hash matches what `openssl pkey -pubout | openssl dgst -sha256 -binary | base64` computes.
@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/sh")))
func publicKeyHashMatchesOpenSSLCommandLine() throws {
    let (authority, directory) = try CertificateAuthority.make()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "openssl x509 -in '\(directory)/ca.pem' -noout -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == authority.publicKeySHA256Base64)
    #expect(authority.publicKeySHA256Base64.count == 44)
}
