import Foundation
import Testing
@testable import SluiceTLS

@Test func createThenLoadGivesTheSameAuthority() throws {
    let (created, directory) = try CertificateAuthority.make(commonName: "Acme Sluice CA", organisation: "Acme")
    let loaded = try CertificateAuthority.load(directory: directory)
    #expect(loaded.fingerprintSHA256 == created.fingerprintSHA256)
    #expect(loaded.certificatePEM == created.certificatePEM)
    #expect(loaded.subject == "O=Acme,CN=Acme Sluice CA")
    #expect(loaded.notAfter == created.notAfter)
    #expect(created.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
    #expect(created.fingerprintSHA256.split(separator: ":").count == 32)
    let expectedExpiry = Date().addingTimeInterval(30 * 24 * 3600)
    #expect(abs(created.notAfter.timeIntervalSince(expectedExpiry)) < 120)
}

@Test func keyFileIsOwnerOnlyAndCertificateIsPublic() throws {
    let (_, directory) = try CertificateAuthority.make()
    var status = stat()
    #expect(stat(directory + "/ca.key", &status) == 0)
    #expect(status.st_mode & 0o777 == 0o600)
    #expect(stat(directory + "/ca.pem", &status) == 0)
    #expect(status.st_mode & 0o777 == 0o644)
    let key = try String(contentsOfFile: directory + "/ca.key", encoding: .utf8)
    #expect(key.hasPrefix("-----BEGIN PRIVATE KEY-----"))
}

@Test func existingAuthorityIsNotReplacedWithoutForce() throws {
    let (first, directory) = try CertificateAuthority.make()
    #expect(throws: TLSError(.configuration, "")) {
        try CertificateAuthority.create(
            directory: directory, commonName: "Other", organisation: nil, validityDays: 30, permittedDomains: [], force: false)
    }
    #expect(try CertificateAuthority.load(directory: directory).fingerprintSHA256 == first.fingerprintSHA256)
    let replaced = try CertificateAuthority.create(
        directory: directory, commonName: "Other", organisation: nil, validityDays: 30, permittedDomains: [], force: true)
    #expect(replaced.fingerprintSHA256 != first.fingerprintSHA256)
    #expect(try CertificateAuthority.load(directory: directory).fingerprintSHA256 == replaced.fingerprintSHA256)
}

/// The profile Python 3.13's VERIFY_X509_STRICT demands of a root, parsed back by OpenSSL.
@Test func authorityHasTheStrictCAProfile() throws {
    let (authority, _) = try CertificateAuthority.make(permittedDomains: ["example.com", "Example.ORG."])
    let summary = authority.summary
    #expect(summary.isCA)
    #expect(summary.basicConstraintsCritical)
    #expect(summary.allowsCertificateSigning)
    #expect(!summary.allowsDigitalSignature)
    #expect(summary.hasSubjectKeyIdentifier)
    #expect(summary.hasNameConstraints)
    #expect(summary.serialBits >= 64)
    #expect(summary.subject == summary.issuer)
    #expect(try CertificateAuthority.make().authority.summary.hasNameConstraints == false)
}

@Test func serialsDifferBetweenAuthorities() throws {
    let first = try CertificateAuthority.make().authority
    let second = try CertificateAuthority.make().authority
    #expect(first.fingerprintSHA256 != second.fingerprintSHA256)
}

@Test(arguments: [
    (0, "Sluice CA", [String]()), (-5, "Sluice CA", []), (3651, "Sluice CA", []),
    (30, "", []), (30, String(repeating: "x", count: 65), []),
    (30, "Sluice CA", ["10.0.0.1"]), (30, "Sluice CA", ["a,permitted;DNS:evil.com"]), (30, "Sluice CA", ["*.example.com"]),
])
func invalidAuthorityParametersAreRefused(_ days: Int, _ name: String, _ permitted: [String]) throws {
    let directory = makeTemporaryDirectory()
    #expect(throws: TLSError.self) {
        try CertificateAuthority.create(
            directory: directory, commonName: name, organisation: nil, validityDays: days, permittedDomains: permitted, force: false)
    }
    #expect(access(directory + "/ca.key", F_OK) != 0)
}

@Test func loadRefusesAKeyReadableByOthers() throws {
    let (_, directory) = try CertificateAuthority.make()
    #expect(chmod(directory + "/ca.key", 0o644) == 0)
    #expect(throws: TLSError(.configuration, "")) { try CertificateAuthority.load(directory: directory) }
}

@Test func loadRefusesAKeyFromAnotherAuthority() throws {
    let (_, directory) = try CertificateAuthority.make()
    let (_, other) = try CertificateAuthority.make()
    #expect(rename(other + "/ca.key", directory + "/ca.key") == 0)
    #expect(throws: TLSError(.configuration, "")) { try CertificateAuthority.load(directory: directory) }
}

@Test(arguments: ["", "not a pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"])
func loadRefusesACorruptCertificate(_ contents: String) throws {
    let (_, directory) = try CertificateAuthority.make()
    try contents.write(toFile: directory + "/ca.pem", atomically: false, encoding: .utf8)
    #expect(throws: TLSError(.configuration, "")) { try CertificateAuthority.load(directory: directory) }
}

@Test func loadOfAMissingDirectoryExplainsHowToCreateOne() throws {
    let error = #expect(throws: TLSError.self) { try CertificateAuthority.load(directory: "/nonexistent/sluice-ca") }
    #expect(error?.code == .configuration)
    #expect(error?.detail.contains("sluice ca init") == true)
}
