import ArgumentParser
import Foundation
import SluiceTLS

extension Sluice {
    /// `sluice ca`: the install's own interception CA (one per install, never shipped).
    struct CACommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ca",
            abstract: "Create or inspect the local CA that signs intercepted sites' certificates.",
            subcommands: [Init.self, Show.self]
        )
    }
}

extension Sluice.CACommand {
    /// Where the CA's `ca.key` and `ca.pem` live.
    struct DirectoryOptions: ParsableArguments {
        @Option(
            name: .customLong("dir"),
            help: ArgumentHelp("Directory holding ca.key and ca.pem.", valueName: "dir"))
        var directory: String = CertificateAuthority.defaultDirectory
    }

    /// `sluice ca init`: makes the CA, writes the key owner-only, and explains how clients trust it.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init", abstract: "Create a new local CA (ECDSA P-256) and print how to trust it.")

        @OptionGroup var location: DirectoryOptions

        @Option(name: .customLong("name"), help: ArgumentHelp("Common name of the CA.", valueName: "text"))
        var commonName = "Sluice Local CA"

        @Option(name: .customLong("org"), help: ArgumentHelp("Organisation (O) of the CA, e.g. the office's name.", valueName: "text"))
        var organisation: String?

        @Option(help: ArgumentHelp("Validity in days (1...\(CertificateAuthority.maximumValidityDays)).", valueName: "days"))
        var days = 825

        @Option(
            name: .customLong("permit"),
            help: ArgumentHelp(
                "Limit the CA to this DNS domain and its subdomains (name constraints); repeat for several. "
                    + "Without it the CA may sign for any host.", valueName: "domain"))
        var permittedDomains: [String] = []

        @Flag(help: "Replace an existing CA (every client must then trust the new one).")
        var force = false

        func validate() throws {
            guard (1...CertificateAuthority.maximumValidityDays).contains(days) else {
                throw ValidationError("--days must be between 1 and \(CertificateAuthority.maximumValidityDays)")
            }
            guard !commonName.isEmpty else { throw ValidationError("--name must not be empty") }
        }

        func run() throws {
            let directory = location.directory
            let authority: CertificateAuthority
            do {
                authority = try CertificateAuthority.create(
                    directory: directory, commonName: commonName, organisation: organisation, validityDays: days,
                    permittedDomains: permittedDomains, force: force)
            } catch {
                printError("sluice ca init: \(error.detail)")
                throw ExitCode.failure
            }
            print(Self.report(authority, directory: directory))
        }

        /// What was made and the commands that make each kind of client trust it (details in docs/tls.md).
        static func report(_ authority: CertificateAuthority, directory: String) -> String {
            let pem = "\(directory)/ca.pem"
            return """
            Created a Sluice CA in \(directory)
              certificate  \(pem)   (give this to clients)
              private key  \(directory)/ca.key   (mode 0600; keep it on this machine, never copy it)
              subject      \(authority.subject)
              SHA-256      \(authority.fingerprintSHA256)
              expires      \(formatted(authority.notAfter))

            Trust it on each client machine:
              Debian/Ubuntu system store (curl, wget, apt, most CLI tools):
                sudo cp \(pem) /usr/local/share/ca-certificates/sluice-ca.crt && sudo update-ca-certificates
              Chromium/Chrome on Linux (per-user NSS database; needs libnss3-tools):
                certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Sluice CA" -i \(pem)
              Firefox (its own NSS database per profile):
                certutil -d sql:$HOME/.mozilla/firefox/<profile> -A -t "C,," -n "Sluice CA" -i \(pem)
                or Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import
              SDKs: SSL_CERT_FILE and REQUESTS_CA_BUNDLE REPLACE the trust store, so give them a combined bundle:
                cat /etc/ssl/certs/ca-certificates.crt \(pem) > /etc/ssl/sluice-bundle.pem
                export SSL_CERT_FILE=/etc/ssl/sluice-bundle.pem        # OpenAI SDK, httpx, Python ssl
                export REQUESTS_CA_BUNDLE=/etc/ssl/sluice-bundle.pem   # Python requests
              Node.js adds to its built-in store:
                export NODE_EXTRA_CA_CERTS=\(pem)
              curl without the system store:
                curl --cacert /etc/ssl/sluice-bundle.pem https://...

            Certificate-pinned and mutual-TLS apps cannot be intercepted: list them under never_inspect: in the policy.
            See docs/tls.md.
            """
        }
    }

    /// `sluice ca show`: fingerprint, subject and expiry, to compare with what a client trusts.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print the CA's SHA-256 fingerprint, subject and expiry.")

        @OptionGroup var location: DirectoryOptions

        func run() throws {
            let authority: CertificateAuthority
            do {
                authority = try CertificateAuthority.load(directory: location.directory)
            } catch {
                printError("sluice ca show: \(error.detail)")
                throw ExitCode.failure
            }
            let remaining = Int(authority.notAfter.timeIntervalSinceNow / 86400)
            print("""
            certificate  \(location.directory)/ca.pem
            subject      \(authority.subject)
            SHA-256      \(authority.fingerprintSHA256)
            SPKI SHA-256 \(authority.publicKeySHA256Base64)
            expires      \(formatted(authority.notAfter)) (\(remaining >= 0 ? "in \(remaining) days" : "EXPIRED"))
            """)
            if remaining < 0 { throw ExitCode.failure }
        }
    }
}

/// Dates as ISO 8601 in UTC, the same on every machine.
private func formatted(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

/// Errors go to stderr so scripts can still parse stdout.
private func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
