import ArgumentParser
import CSluice
import Foundation
import Logging
import SluiceAudit
import SluiceEngine
import SluicePolicy
import SluiceRuntime
import SluiceTLS

extension Sluice {
    /// `sluice serve`: runs the proxy until SIGTERM/SIGINT; SIGHUP (or a change of the file) reloads the policy.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the proxy.",
            discussion: """
                Prints 'listening on ADDR:PORT' for each address once it accepts connections.
                SIGHUP or an edit of the policy file reloads the policy; a broken file is refused and the
                last good policy stays in force. SIGTERM/SIGINT stop accepting and drain in-flight requests.
                """)

        @Option(name: .customLong("listen"), help: ArgumentHelp("Address to listen on; repeatable. Port 0 picks a free port.", valueName: "ADDR:PORT"))
        var listen: [String] = ["127.0.0.1:3128"]

        @Option(help: ArgumentHelp("Policy file (YAML).", valueName: "FILE"))
        var policy: String = "policy/default.yaml"

        @Option(name: .customLong("connect-to"), help: ArgumentHelp("Connect to HOST2:PORT2 for requests to HOST1:PORT1 (curl's syntax; empty HOST1/PORT1 match any). Policy still decides on HOST1.", valueName: "H1:P1:H2:P2"))
        var connectTo: [String] = []

        @Option(help: "Event-loop threads (default: one per core).")
        var workers: Int?

        @Option(name: .customLong("audit-log"), help: ArgumentHelp("Audit log file (JSON lines, hash-chained).", valueName: "FILE"))
        var auditLog: String = "audit/audit.jsonl"

        @Flag(name: .customLong("no-audit"), help: "Run without an audit log (not recommended).")
        var noAudit = false

        @Option(name: .customLong("audit-fsync-ms"), help: "Group-commit interval for the audit log; 0 = fsync every line.")
        var auditFsyncMs: Int = 200

        @Option(name: .customLong("audit-on-failure"), help: "When the audit log cannot be written: 'closed' refuses traffic, 'alert' keeps serving and reports via the log and /healthz.")
        var auditOnFailure: String = "closed"

        @Option(name: .customLong("fingerprint-key"), help: ArgumentHelp("Key for the keyed fingerprints of personal data in the audit log (created 0600 if missing; default: audit-keys/fingerprint.key for audit/audit.jsonl, outside the log directory).", valueName: "FILE"))
        var fingerprintKey: String?

        @Option(name: .customLong("audit-hmac-key"), help: ArgumentHelp("Key file for a per-line HMAC over the chain; keep it outside the log directory.", valueName: "FILE"))
        var auditHMACKey: String?

        @Option(name: .customLong("audit-rotate-mb"), help: "Rotate the audit log when it reaches this many MiB.")
        var auditRotateMB: Int?

        @Flag(name: .customLong("audit-rotate-daily"), help: "Rotate the audit log at the first write of each UTC day.")
        var auditRotateDaily = false

        @Flag(name: .customLong("audit-include-query"), help: "Keep query strings in audit paths (off: they often carry personal data).")
        var auditIncludeQuery = false

        @Option(name: .customLong("squid-log"), help: ArgumentHelp("Also write each decision as a squid native access.log line to FILE.", valueName: "FILE"))
        var squidLog: String?

        @Option(name: .customLong("syslog"), help: ArgumentHelp("Also send each decision as RFC 5424 syslog to a collector.", valueName: "udp|tcp://HOST:PORT"))
        var syslog: String?

        @Option(name: .customLong("ca-dir"), help: ArgumentHelp("Directory of the local CA (sluice ca init); turns TLS interception on.", valueName: "DIR"))
        var caDir: String?

        @Option(name: .customLong("upstream-ca"), help: ArgumentHelp("Extra trust anchor (PEM) for upstream TLS.", valueName: "FILE"))
        var upstreamCA: String?

        @Option(name: .customLong("header-timeout"), help: "Seconds allowed for a request head (slowloris guard).")
        var headerTimeout: Double = 10

        @Option(name: .customLong("idle-timeout"), help: "Seconds a keep-alive client connection may stay idle.")
        var idleTimeout: Double = 60

        @Option(name: .customLong("connect-timeout"), help: "Seconds for DNS plus TCP connect to an origin (504 after).")
        var connectTimeout: Double = 10

        @Option(name: .customLong("upstream-timeout"), help: "Seconds to wait for an origin's response head (504 after).")
        var upstreamTimeout: Double = 60

        @Option(name: .customLong("drain-timeout"), help: "Seconds in-flight requests may finish after SIGTERM.")
        var drainTimeout: Double = 10

        @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error, critical.")
        var logLevel: String = "info"

        func validate() throws {
            for address in listen where SocketAddress(listen: address) == nil {
                throw ValidationError("invalid --listen '\(address)': expected IP:PORT or [IPv6]:PORT")
            }
            for rule in connectTo { _ = try ConnectToRule(parsing: rule) }
            if let workers, !(1...256).contains(workers) { throw ValidationError("--workers must be 1...256") }
            if !["closed", "alert"].contains(auditOnFailure) { throw ValidationError("--audit-on-failure must be 'closed' or 'alert'") }
            for (name, value) in [("header", headerTimeout), ("idle", idleTimeout), ("connect", connectTimeout), ("upstream", upstreamTimeout)] where value <= 0 {
                throw ValidationError("--\(name)-timeout must be positive")
            }
        }

        func run() throws {
            // Before any thread exists, so every thread inherits the mask and the main thread alone takes signals.
            _ = csl_block_signals()
            _ = csl_ignore_sigpipe()
            _ = csl_raise_limits()
            var logger = Logger(label: "sluice")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info

            let policyFile = PolicyFile(path: policy)
            let engine: Engine
            do {
                engine = try policyFile.loadEngine()
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(1)
            }

            var configuration = ProxyConfiguration(
                listen: listen.compactMap { SocketAddress(listen: $0) },
                workers: workers ?? Int(csl_cpu_count()))
            configuration.connectTo = try connectTo.map { try ConnectToRule(parsing: $0) }
            configuration.timeouts.headerRead = .seconds(headerTimeout)
            configuration.timeouts.clientIdle = .seconds(idleTimeout)
            configuration.timeouts.connect = .seconds(connectTimeout)
            configuration.timeouts.upstreamResponse = .seconds(upstreamTimeout)
            configuration.timeouts.drain = .seconds(drainTimeout)
            configuration.maxInspectBytes = engine.policy.redaction.maxInspectBytes

            let audit = try noAudit ? nil : openAuditLog(logger: logger)
            let fingerprint = try noAudit ? nil : fingerprintFunction()
            var tlsServer: TLSServerContext?
            var tlsClient: TLSClientContext?
            do throws(TLSError) {
                if let caDir {
                    tlsServer = try TLSServerContext(authority: try CertificateAuthority.load(directory: caDir))
                    tlsClient = try TLSClientContext(extraTrustPEMFile: upstreamCA)
                }
            } catch {
                FileHandle.standardError.write(Data("sluice: TLS interception: \(error)\n".utf8))
                throw ExitCode(1)
            }
            let context = ProxyContext(configuration: configuration, engine: engine, audit: audit,
                                       tlsServer: tlsServer, tlsClient: tlsClient, fingerprint: fingerprint)
            let group: LoopGroup
            do {
                group = try LoopGroup(context: context)
            } catch {
                FileHandle.standardError.write(Data("sluice: \(error)\n".utf8))
                throw ExitCode(1)
            }
            for address in group.boundAddresses { print("listening on \(address)") }
            fflush(nil)   // all streams: tests read the readiness line through a pipe
            logger.info("serving", metadata: ["policy": "\(policy)", "workers": "\(configuration.workers)",
                                              "audit": "\(noAudit ? "off" : auditLog)", "interception": "\(caDir ?? "off")"])

            // The main thread waits for signals and watches the policy file.
            while true {
                let signal = csl_wait_signal(1000)
                if signal == SIGTERM || signal == SIGINT {
                    logger.info("shutting down", metadata: ["drain_seconds": "\(drainTimeout)"])
                    group.shutdown(drain: configuration.timeouts.drain)
                    audit?.close()
                    return
                }
                if signal == SIGHUP || policyFile.changed() {
                    reload(policyFile, context: context, logger: logger)
                }
            }
        }

        /// Keyed fingerprints of personal data for the audit log; the key is created (0600) on first use.
        private func fingerprintFunction() throws -> @Sendable (String) -> String {
            let keyPath = fingerprintKey ?? AuditKey.defaultFingerprintPath(forLog: auditLog)
            do {
                let key = try AuditKey.loadOrCreate(path: keyPath)
                return { value in key.fingerprint(value) }
            } catch {
                FileHandle.standardError.write(Data("sluice: fingerprint key \(keyPath): \(error)\n".utf8))
                throw ExitCode(1)
            }
        }

        /// "udp://host:port" or "tcp://host:port" (port defaults to 514).
        static func syslogTarget(_ text: String) throws -> SyslogTarget {
            let parts = text.split(separator: "://", maxSplits: 1).map(String.init)
            guard parts.count == 2, let transport = SyslogTarget.Transport(rawValue: parts[0]) else {
                throw ValidationError("invalid --syslog '\(text)': expected udp://HOST:PORT or tcp://HOST:PORT")
            }
            let hostPort = parts[1]
            guard let colon = hostPort.lastIndex(of: ":") else { return SyslogTarget(host: hostPort, transport: transport) }
            guard let port = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(port) else {
                throw ValidationError("invalid --syslog port in '\(text)'")
            }
            return SyslogTarget(host: String(hostPort[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port, transport: transport)
        }

        private func reload(_ file: PolicyFile, context: ProxyContext, logger: Logger) {
            do {
                let engine = try file.loadEngine()
                context.replaceEngine(engine)
                logger.notice("policy reloaded", metadata: ["file": "\(file.path)"])
            } catch {
                logger.error("policy refused, keeping the last good one:\n\(error)")
            }
        }

        private func openAuditLog(logger: Logger) throws -> AuditWriter {
            let directory = (auditLog as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            var configuration = AuditWriterConfiguration(path: auditLog)
            configuration.fsyncIntervalMs = auditFsyncMs
            configuration.failurePolicy = auditOnFailure == "closed" ? .failClosed : .alert
            configuration.rotateBytes = auditRotateMB.map { Int64($0) << 20 }
            configuration.rotateDaily = auditRotateDaily
            configuration.includeQuery = auditIncludeQuery
            configuration.hmacKeyPath = auditHMACKey
            configuration.squidLogPath = squidLog
            var sinks: [any AuditSink] = []
            if let syslog {
                let target = try Self.syslogTarget(syslog)
                configuration.syslog = target
                sinks.append(SyslogSender(target: target))
            }
            do {
                return try AuditWriter(configuration: configuration, extraSinks: sinks)
            } catch {
                FileHandle.standardError.write(Data("sluice: cannot open audit log \(auditLog): \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}

/// The policy file the proxy serves from, and whether it changed since it was last read.
final class PolicyFile {
    let path: String
    private var lastModified: Date?

    init(path: String) { self.path = path }

    private var modificationDate: Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// Parses the file into an engine; the error text lists every problem as FILE:LINE:COL: reason.
    func loadEngine() throws -> Engine {
        lastModified = modificationDate
        let policy = try PolicyLoader.load(path: path)
        let users = try policy.auth.map { auth throws(UserStoreError) in try UserStore.load(path: auth.usersFile) }
        return Engine(policy: policy, users: users)
    }

    func changed() -> Bool {
        guard let current = modificationDate else { return false }
        return current != lastModified
    }
}
