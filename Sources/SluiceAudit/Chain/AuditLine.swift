import Foundation

/// One line read back from a log file: its chain fields, its canonical bytes, and the record or header it carries.
public struct AuditLine: Sendable {
    public var seq: UInt64
    public var prev: String
    public var hash: String
    public var mac: String?
    /// Set for the header line that starts each file.
    public var header: AuditHeader?
    /// Set for every other line.
    public var record: AuditRecord?
    /// The bytes `hash` and `mac` are computed over.
    public var canonicalBytes: [UInt8]

    /// The time of the record or header.
    public var time: Date { record?.time ?? header?.time ?? Date(timeIntervalSince1970: 0) }

    /// Parses one line without its newline; the error string says why it is not a Sluice audit line.
    public static func parse(_ bytes: ArraySlice<UInt8>, decoder: JSONDecoder = JSONDecoder()) -> Result<AuditLine, LineFault> {
        let envelope: Envelope
        do {
            envelope = try decoder.decode(Envelope.self, from: Data(bytes))
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            return .failure(LineFault("not valid JSON"))
        } catch DecodingError.keyNotFound(let key, _) {
            return .failure(LineFault("missing field \"\(key.stringValue)\""))
        } catch {
            return .failure(LineFault("not a Sluice audit line (\(Self.describe(error)))"))
        }
        guard Hex.isDigest(envelope.hash) else { return .failure(LineFault("hash is not 64 hex digits")) }
        guard Hex.isDigest(envelope.prev) else { return .failure(LineFault("prev is not 64 hex digits")) }
        var suffix = Array(#","hash":""#.utf8) + Array(envelope.hash.utf8) + [UInt8(ascii: "\"")]
        if let mac = envelope.mac { suffix += Array(#","mac":""#.utf8) + Array(mac.utf8) + [UInt8(ascii: "\"")] }
        suffix.append(UInt8(ascii: "}"))
        guard bytes.count > suffix.count, bytes.suffix(suffix.count).elementsEqual(suffix) else {
            return .failure(LineFault("not in canonical form (hash and mac must be the last fields)"))
        }
        let canonical = Array(bytes.dropLast(suffix.count)) + [UInt8(ascii: "}")]
        return .success(AuditLine(
            seq: envelope.seq, prev: envelope.prev, hash: envelope.hash, mac: envelope.mac,
            header: envelope.header, record: envelope.record, canonicalBytes: canonical
        ))
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "field \(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    /// Why a line could not be read.
    public struct LineFault: Error, Sendable, Equatable {
        public var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Decodes the chain fields and then the header or record from the same JSON object.
    private struct Envelope: Decodable {
        var seq: UInt64, prev: String, hash: String, mac: String?
        var header: AuditHeader?, record: AuditRecord?

        enum Keys: String, CodingKey { case seq, prev, hash, mac, event, time, previousFile, previousHash }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            seq = try c.decode(UInt64.self, forKey: .seq)
            prev = try c.decode(String.self, forKey: .prev)
            hash = try c.decode(String.self, forKey: .hash)
            mac = try c.decodeIfPresent(String.self, forKey: .mac)
            if try c.decodeIfPresent(String.self, forKey: .event) == "header" {
                let text = try c.decode(String.self, forKey: .time)
                guard let time = RFC3339.parse(text) else {
                    throw DecodingError.dataCorruptedError(forKey: .time, in: c, debugDescription: "not RFC 3339")
                }
                header = AuditHeader(
                    time: time,
                    previousFile: try c.decodeIfPresent(String.self, forKey: .previousFile),
                    previousHash: try c.decode(String.self, forKey: .previousHash)
                )
            } else {
                record = try AuditRecord(from: decoder)
            }
        }
    }
}
