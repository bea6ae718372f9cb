/// Finds the lines where a known value was seen, by its keyed fingerprint: `sluice audit find`.
public enum AuditFinder {
    public struct Match: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var record: AuditRecord
        /// Personal-data types under which the value was recorded.
        public var types: [String]
    }

    public static func find(value: String, key: AuditKey, in log: AuditLog) -> [Match] {
        let fingerprint = key.fingerprint(value)
        return log.entries.compactMap { entry in
            let types = entry.record.pii.filter { $0.fingerprints.contains(fingerprint) }.map(\.type)
            return types.isEmpty ? nil : Match(file: entry.file, line: entry.line, record: entry.record, types: types)
        }
    }
}
