import ArgumentParser
import Foundation
import SluiceDetect
import SluicePolicy
import SluiceTLS

extension Sluice {
    /// `sluice bench`: micro-benchmarks of the pure decision path and TLS, so `make bench` can put numbers
    /// next to the end-to-end proxy runs and a regression in one stage is visible on its own.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Time policy matching, the detector, body redaction and TLS (leaf minting, handshakes)."
        )

        @Flag(help: "Print one JSON line {\"target\":\"sluice\",\"test\":\"micro\",\"r\":{...}} for bench/report.py.")
        var json = false

        @Option(help: ArgumentHelp("PII corpus (JSONL with a \"text\" field); default ../shared/pii-corpus/dev.jsonl, else generated text.", valueName: "file"))
        var corpus: String?

        @Option(help: ArgumentHelp("Seconds spent on each timed loop (the whole run is about 8 loops).", valueName: "seconds"))
        var seconds: Double = 1.5

        func validate() throws {
            if !(0.05...30).contains(seconds) { throw ValidationError("--seconds must be within 0.05...30") }
        }

        func run() throws {
            var results: [(key: String, value: Double, digits: Int)] = []
            func record(_ key: String, _ value: Double, digits: Int = 1) { results.append((key, value, digits)) }

            for rules in [100, 10_000] {
                // Warm-up, then enough lookups that the clock's resolution does not matter.
                _ = PolicyBenchmark.run(rules: rules, lookups: 10_000)
                record("policy_ns_per_decision_\(rules)_rules", PolicyBenchmark.run(rules: rules, lookups: 2_000_000))
            }

            let (texts, source) = loadTexts()
            let detector = PIIDetector()
            let textBytes = texts.reduce(0) { $0 + $1.utf8.count }
            var found = 0
            let detectorRate = rate(budget: seconds) {
                for text in texts { found += detector.findings(in: text).count }
                return textBytes
            }
            guard found > 0 else { throw ValidationError("detector found nothing in \(source): the benchmark input is wrong") }
            record("detector_MBps_\(source)", detectorRate / 1e6)

            let body = chatRequest(texts: texts, targetBytes: 4096)
            let redactor = BodyRedactor()
            let check = redactor.redact(body: body, contentType: "application/json", contentEncoding: nil)
            guard case .redacted = check.outcome else {
                throw ValidationError("the 4 KB chat request was not redacted (\(check.outcome)): the benchmark input is wrong")
            }
            let redactionsPerSecond = rate(budget: seconds) {
                _ = redactor.redact(body: body, contentType: "application/json", contentEncoding: nil)
                return 1
            }
            record("redact_4KB_openai_chat_us", 1e6 / redactionsPerSecond)

            let tls = try measureTLS()
            record("tls_leaf_mint_ms", tls.mintMilliseconds, digits: 3)
            record("tls_handshakes_per_s_warm_cache", tls.handshakesPerSecond, digits: 0)
            record("tls_https_request_response_per_s_in_memory", tls.exchangesPerSecond, digits: 0)

            if json {
                let fields = results.map { "\"\($0.key)\":\(String(format: "%.\($0.digits)f", $0.value))" }
                print("{\"target\":\"sluice\",\"test\":\"micro\",\"r\":{\(fields.joined(separator: ","))}}")
            } else {
                print("micro-benchmark".padding(toLength: 48, withPad: " ", startingAt: 0) + "result")
                for r in results {
                    print(r.key.padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: "%.\(r.digits)f", r.value))
                }
            }
        }

        /// Runs `body` repeatedly for about `budget` seconds; returns units (what `body` returns) per second.
        private func rate(budget: Double, _ body: () throws -> Int) rethrows -> Double {
            _ = try body()  // warm-up: first-call allocations and lazily built tables are not the steady state
            var units = 0
            let start = DispatchTime.now().uptimeNanoseconds
            var elapsed: UInt64 = 0
            repeat {
                units += try body()
                elapsed = DispatchTime.now().uptimeNanoseconds - start
            } while Double(elapsed) < budget * 1e9
            return Double(units) / (Double(elapsed) / 1e9)
        }

        /// Prompt texts from the PII corpus, or generated prompts with the same kinds of data when it is absent.
        private func loadTexts() -> (texts: [String], source: String) {
            let path = corpus ?? "../shared/pii-corpus/dev.jsonl"
            if let data = FileManager.default.contents(atPath: path) {
                var texts: [String] = []
                for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
                    if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                       let text = object["text"] as? String { texts.append(text) }
                }
                if !texts.isEmpty { return (texts, "pii_corpus") }
            }
            let texts = (0..<500).map { index in
                "Please write to Jan de Vries (jan.devries\(index)@example.nl, +31 6 1234 \(String(format: "%04d", index))) about "
                    + "invoice \(10_000 + index); he lives at Keizersgracht \(index + 1), 1015 CJ Amsterdam. "
                    + "Summarise the attached meeting notes in three bullet points and keep the tone friendly."
            }
            return (texts, "generated")
        }

        /// An OpenAI chat-completions request of about `targetBytes`, its user turns taken from `texts`.
        private func chatRequest(texts: [String], targetBytes: Int) -> [UInt8] {
            var messages: [[String: String]] = [["role": "system", "content": "You are a helpful assistant."]]
            var index = 0
            while index < texts.count {
                let candidate = messages + [["role": index % 2 == 0 ? "user" : "assistant", "content": texts[index]]]
                let object: [String: Any] = ["model": "gpt-4o", "stream": true, "messages": candidate]
                guard let size = try? JSONSerialization.data(withJSONObject: object).count, size <= targetBytes else { break }
                messages = candidate
                index += 1
            }
            let object: [String: Any] = ["model": "gpt-4o", "stream": true, "messages": messages]
            return Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data())
        }

        /// Leaf minting (fresh host each time), full in-memory handshakes with the leaf cached, and a
        /// request/response over an established session; both ends run on this thread, so each figure
        /// includes the client's work too.
        private func measureTLS() throws -> (mintMilliseconds: Double, handshakesPerSecond: Double, exchangesPerSecond: Double) {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-bench-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let authority = try CertificateAuthority.create(
                directory: directory, commonName: "Sluice Bench CA", organisation: nil, validityDays: 2,
                permittedDomains: [], force: false)
            let server = try TLSServerContext(authority: authority, leafCacheSize: 100_000)
            let client = try TLSClientContext(extraTrustPEMFile: directory + "/ca.pem")

            var minted = 0
            let mintsPerSecond = try rate(budget: seconds / 2) {
                minted += 1
                _ = try TLSSession.server(context: server, hostName: "h\(minted).bench.test")
                return 1
            }

            let handshakesPerSecond = try rate(budget: seconds) {
                _ = try handshake(server: server, client: client)
                return 1
            }

            let (serverSession, clientSession) = try handshake(server: server, client: client)
            let request = Array("GET /small HTTP/1.1\r\nHost: bench.test\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n".utf8)
            let response = Array(("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\n" + String(repeating: "x", count: 100)).utf8)
            var plaintext: [UInt8] = []
            let exchangesPerSecond = try rate(budget: seconds / 2) {
                try clientSession.write(request)
                serverSession.feed(clientSession.takeOutput())
                plaintext.removeAll(keepingCapacity: true)
                _ = try serverSession.read(into: &plaintext)
                guard plaintext.count == request.count else { throw ValidationError("TLS request arrived as \(plaintext.count) bytes") }
                try serverSession.write(response)
                clientSession.feed(serverSession.takeOutput())
                plaintext.removeAll(keepingCapacity: true)
                _ = try clientSession.read(into: &plaintext)
                guard plaintext.count == response.count else { throw ValidationError("TLS response arrived as \(plaintext.count) bytes") }
                return 1
            }
            return (1000 / mintsPerSecond, handshakesPerSecond, exchangesPerSecond)
        }

        /// One full handshake between a fresh client and server session, shuttling bytes until both are done.
        private func handshake(server: TLSServerContext, client: TLSClientContext) throws -> (server: TLSSession, client: TLSSession) {
            let serverSession = try TLSSession.server(context: server, hostName: "bench.test")
            let clientSession = try TLSSession.client(context: client, serverName: "bench.test")
            var clientDone = false
            var serverDone = false
            for _ in 0..<10 {
                clientDone = try clientSession.handshake() == .done
                serverSession.feed(clientSession.takeOutput())
                serverDone = try serverSession.handshake() == .done
                clientSession.feed(serverSession.takeOutput())
                if clientDone && serverDone && !serverSession.hasPendingOutput && !clientSession.hasPendingOutput { break }
            }
            guard clientDone, serverDone else { throw ValidationError("in-memory TLS handshake did not finish in 10 flights") }
            // TLS 1.3 session tickets arrive after the handshake; read them so they do not count as application data.
            var scratch: [UInt8] = []
            _ = try clientSession.read(into: &scratch)
            return (serverSession, clientSession)
        }
    }
}
