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
    let (status, text) = try run(process)
    #expect(status == 0, "\(text)")
    #expect(text.contains(": OK"))
}

/// Clients enforce the CA's name constraints too: a leaf minted past the guard is rejected by `openssl verify`.
@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
func clientsRejectALeafOutsideTheNameConstraints() throws {
    let (authority, directory) = try CertificateAuthority.make(permittedDomains: ["example.com"])
    let leaf = try CertificateBuilder.leaf(
        for: .dns("bank.test"), key: try PrivateKey.generateP256(), issuer: authority.certificate, issuerKey: authority.key)
    let leafPath = directory + "/leaf.pem"
    try Data(try CertificateAuthority.pem(of: leaf)).write(to: URL(fileURLWithPath: leafPath))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = ["verify", "-x509_strict", "-CAfile", directory + "/ca.pem", leafPath]
    let (status, text) = try run(process)
    #expect(status != 0)
    #expect(text.contains("permitted subtree violation"), "\(text)")
}

/// Runs `process` to completion and returns its exit status and combined output.
private func run(_ process: Process) throws -> (Int32, String) {
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
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
