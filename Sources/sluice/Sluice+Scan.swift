import ArgumentParser
import Foundation
import SluiceDetect

extension Sluice {
    /// `sluice scan`: runs the personal-data detector over a file, stdin or a JSONL corpus.
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract: "Find personal data in text, print findings or the redacted text, or score a JSONL corpus."
        )

        @Argument(help: ArgumentHelp("Text file to scan; '-' or nothing reads stdin.", valueName: "file"))
        var file: String?

        @Flag(help: "Print the redacted text instead of the findings.")
        var redact = false

        @Option(help: ArgumentHelp("Read {\"id\",\"text\"} lines and write scorer predictions.", valueName: "in.jsonl"))
        var jsonl: String?

        @Option(help: ArgumentHelp("Write predictions here instead of stdout (with --jsonl).", valueName: "file"))
        var out: String?

        @Option(help: ArgumentHelp("Drop findings below this confidence (0...1).", valueName: "confidence"))
        var minConfidence: Double = 0.5

        @Option(help: ArgumentHelp("Treat the input as a request body of this Content-Type and run the proxy's body redaction.", valueName: "type"))
        var contentType: String?

        @Option(help: ArgumentHelp("Content-Encoding of the body given with --content-type (gzip, deflate, br, zstd).", valueName: "coding"))
        var contentEncoding: String?

        @Option(help: ArgumentHelp("Repeat the scan N times and print the mean time per run to stderr (benchmarking).", valueName: "n"))
        var `repeat`: Int = 1

        func validate() throws {
            if jsonl != nil && (file != nil || redact) { throw ValidationError("--jsonl cannot be combined with a file or --redact") }
            if out != nil && jsonl == nil { throw ValidationError("--out needs --jsonl") }
            if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be within 0...1") }
            if contentEncoding != nil && contentType == nil { throw ValidationError("--content-encoding needs --content-type") }
            if `repeat` < 1 { throw ValidationError("--repeat must be at least 1") }
        }

        func run() throws {
            let detector = PIIDetector(minimumConfidence: minConfidence)
            if let jsonl { try scanCorpus(jsonl, detector: detector); return }
            if let contentType { try scanBody(contentType: contentType, detector: detector); return }
            let text = try readInput()
            if `repeat` > 1 { timeRuns { _ = detector.findings(in: text) } }
            if redact {
                let redactor = TextRedactor(detector: detector, options: RedactionOptions(minimumConfidence: minConfidence))
                print(redactor.redact(text).text, terminator: "")
                return
            }
            for f in detector.findings(in: text) {
                print("\(f.type.rawValue)\t\(f.scalarRange.lowerBound)-\(f.scalarRange.upperBound)\t\(String(format: "%.2f", f.confidence))")
            }
        }

        /// Runs the proxy's body redaction on the input and prints the outcome, findings summary and redacted body.
        private func scanBody(contentType: String, detector: PIIDetector) throws {
            let body = Array(try readData())
            let redactor = BodyRedactor(detector: detector, options: RedactionOptions(minimumConfidence: minConfidence))
            if `repeat` > 1 { timeRuns { _ = redactor.redact(body: body, contentType: contentType, contentEncoding: contentEncoding) } }
            let result = redactor.redact(body: body, contentType: contentType, contentEncoding: contentEncoding)
            for f in result.findings { FileHandle.standardError.write(Data("\(f.type.rawValue)\t\(f.count)\t\(f.action.rawValue)\n".utf8)) }
            switch result.outcome {
            case .unchanged: FileHandle.standardOutput.write(Data(body))
            case .redacted(let out, _): FileHandle.standardOutput.write(Data(out))
            case .blocked(let categories): throw ValidationError("blocked: \(categories.map(\.rawValue).joined(separator: ","))")
            case .uninspectable(let reason): throw ValidationError("uninspectable: \(reason)")
            }
        }

        private func timeRuns(_ body: () -> Void) {
            let clock = ContinuousClock()
            let elapsed = clock.measure { for _ in 0..<`repeat` { body() } }
            let perRun = elapsed / `repeat`
            let micros = Double(perRun.components.attoseconds) / 1e12 + Double(perRun.components.seconds) * 1e6
            FileHandle.standardError.write(Data("mean \(String(format: "%.1f", micros)) µs per run over \(`repeat`) runs\n".utf8))
        }

        private func readData() throws -> Data {
            if let file, file != "-" {
                guard let d = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file):0: cannot read file") }
                return d
            }
            return FileHandle.standardInput.readDataToEndOfFile()
        }

        private func readInput() throws -> String {
            let data: Data
            if let file, file != "-" {
                guard let d = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file):0: cannot read file") }
                data = d
            } else {
                data = FileHandle.standardInput.readDataToEndOfFile()
            }
            return String(decoding: data, as: UTF8.self)
        }

        private func scanCorpus(_ path: String, detector: PIIDetector) throws {
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("\(path):0: cannot read file") }
            var output = Data()
            var lineNumber = 0
            for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
                lineNumber += 1
                guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                      let id = obj["id"] as? String, let text = obj["text"] as? String
                else { throw ValidationError("\(path):\(lineNumber): not a {\"id\",\"text\"} JSON object") }
                let spans: [[String: Any]] = detector.findings(in: text).map {
                    ["start": $0.scalarRange.lowerBound, "end": $0.scalarRange.upperBound, "type": $0.type.rawValue, "score": $0.confidence]
                }
                let row: [String: Any] = ["id": id, "spans": spans]
                output.append(try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]))
                output.append(UInt8(ascii: "\n"))
            }
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: output) else { throw ValidationError("\(out):0: cannot write file") }
            } else {
                FileHandle.standardOutput.write(output)
            }
        }
    }
}
