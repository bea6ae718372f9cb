import Foundation
@testable import SluiceTLS

/// A fresh empty directory under /tmp for one test's CA files.
func makeTemporaryDirectory() -> String {
    var template = Array("/tmp/sluice-tls-test-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    return String(cString: path!)
}

extension CertificateAuthority {
    /// A CA created in a new temporary directory (the directory is returned for file checks).
    static func make(
        commonName: String = "Sluice Test CA", organisation: String? = "Sluice Tests", validityDays: Int = 30,
        permittedDomains: [String] = []
    ) throws -> (authority: CertificateAuthority, directory: String) {
        let directory = makeTemporaryDirectory()
        let authority = try CertificateAuthority.create(
            directory: directory, commonName: commonName, organisation: organisation, validityDays: validityDays,
            permittedDomains: permittedDomains, force: false)
        return (authority, directory)
    }
}
