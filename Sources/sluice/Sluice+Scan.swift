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

        func validate() throws {
            if jsonl != nil && (file != nil || redact) { throw ValidationError("--jsonl cannot be combined with a file or --redact") }
            if out != nil && jsonl == nil { throw ValidationError("--out needs --jsonl") }
            if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be within 0...1") }
        }

        func run() throws {
            let detector = PIIDetector(minimumConfidence: minConfidence)
            if let jsonl { try scanCorpus(jsonl, detector: detector); return }
            let text = try readInput()
            if redact {
                let redactor = TextRedactor(detector: detector, options: RedactionOptions(minimumConfidence: minConfidence))
                print(redactor.redact(text).text, terminator: "")
                return
            }
            for f in detector.findings(in: text) {
                print("\(f.type.rawValue)\t\(f.scalarRange.lowerBound)-\(f.scalarRange.upperBound)\t\(String(format: "%.2f", f.confidence))")
            }
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
