import Crypto
import Foundation

/// Checks the hash chain of one file or a rotated series, naming the first line that breaks it and why.
public enum AuditVerifier {
    /// Verifies `files` in chain order; with `hmacKey`, every line's `mac` must match it too; with `anchor` (a `seq` and
    /// `hash` kept elsewhere, e.g. the syslog collector's last line) the chain must reach that line unchanged.
    public static func verify(files: [String], hmacKey: AuditKey? = nil, anchor: AuditAnchor? = nil) -> AuditVerification {
        var result = AuditVerification()
        var logs: [AuditLogFile] = []
        for path in files {
            do {
                logs.append(try AuditLogFile.read(path: path))
            } catch {
                result.firstBad = .init(file: path, line: 0, reason: error.reason)
                return result
            }
        }
        return verify(logs: logs, hmacKey: hmacKey, anchor: anchor)
    }

    /// Verifies files already read; orders them by the sequence number of their first line.
    public static func verify(logs unordered: [AuditLogFile], hmacKey: AuditKey? = nil, anchor: AuditAnchor? = nil) -> AuditVerification {
        var result = AuditVerification()
        let decoder = JSONDecoder()
        let firstSeqs = unordered.map { log in log.lines.first.flatMap { try? AuditLine.parse($0, decoder: decoder).get().seq } }
        let logs = firstSeqs.allSatisfy({ $0 != nil })
            ? zip(unordered, firstSeqs).sorted { $0.1! < $1.1! }.map(\.0)
            : unordered
        result.files = logs.map(\.path)
        let macKey = hmacKey.map { SymmetricKey(data: $0.bytes) }
        var expectedSeq: UInt64?
        var lastHash: String?
        var previousName: String?

        for (fileIndex, log) in logs.enumerated() {
            func fail(_ line: Int, _ reason: String) -> AuditVerification {
                result.firstBad = .init(file: log.path, line: line, reason: reason)
                return result
            }
            if log.lines.isEmpty {
                if log.tornTail == nil { return fail(0, "empty file: no header line") }
            }
            for (index, bytes) in log.lines.enumerated() {
                let number = index + 1
                if bytes.isEmpty { return fail(number, "empty line") }
                let line: AuditLine
                switch AuditLine.parse(bytes, decoder: decoder) {
                case .success(let parsed): line = parsed
                case .failure(let fault): return fail(number, fault.reason)
                }
                if Hex.encode(SHA256.hash(data: line.canonicalBytes)) != line.hash {
                    return fail(number, "hash does not match the line's content (line edited)")
                }
                if let macKey {
                    guard let mac = line.mac else { return fail(number, "no mac on this line, but a chain key was given") }
                    let expected = Hex.encode(HMAC<SHA256>.authenticationCode(for: line.canonicalBytes, using: macKey))
                    if mac != expected {
                        return fail(number, "mac does not match (line rewritten with a recomputed hash, or the wrong key)")
                    }
                }
                if index == 0 {
                    guard let header = line.header else { return fail(number, "first line is not a header line") }
                    if header.previousHash != line.prev {
                        return fail(number, "header's previousHash differs from its prev field")
                    }
                    if let previousName {
                        if header.previousFile != previousName {
                            return fail(number, "header names previous file \(header.previousFile ?? "none"), but the series has \(previousName) before it")
                        }
                        if header.previousHash != lastHash {
                            return fail(number, "header's previousHash is not the final hash of \(previousName) (lines removed or file replaced)")
                        }
                    } else if let named = header.previousFile {
                        result.startsAfter = named
                    } else if line.seq != 0 || line.prev != AuditChain.genesis {
                        return fail(number, "first file of the chain must start at seq 0 with a zero prev")
                    }
                } else if line.header != nil {
                    return fail(number, "header line in the middle of a file")
                }
                if let expectedSeq, line.seq != expectedSeq {
                    return fail(number, "seq \(line.seq) where \(expectedSeq) was expected (line deleted, inserted or reordered)")
                }
                if let lastHash, line.prev != lastHash {
                    return fail(number, "prev does not match the hash of the line before (line deleted, inserted or reordered)")
                }
                if let anchor, line.seq == anchor.seq, line.hash != anchor.hash {
                    return fail(number, "seq \(anchor.seq) differs from the anchor kept outside the log (lines rewritten)")
                }
                expectedSeq = line.seq + 1
                lastHash = line.hash
                result.lines += 1
                result.lastSeq = line.seq
                result.lastHash = line.hash
            }
            if let tail = log.tornTail {
                if fileIndex != logs.count - 1 {
                    return fail(log.lines.count + 1, "incomplete line in a file that is not the last of the series")
                }
                result.tornTail = .init(file: log.path, line: log.lines.count + 1, bytes: tail.count)
            }
            previousName = (log.path as NSString).lastPathComponent
        }
        if let anchor, (result.lastSeq ?? 0) < anchor.seq || result.lastSeq == nil {
            result.firstBad = .init(file: logs.last?.path ?? "-", line: 0,
                                    reason: "chain ends at seq \(result.lastSeq.map(String.init) ?? "none") before the anchor seq \(anchor.seq) (lines removed from the end)")
            return result
        }
        result.macChecked = macKey != nil
        return result
    }
}
