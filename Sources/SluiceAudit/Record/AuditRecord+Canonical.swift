/// The record's fields in canonical order; the chain adds `seq` before and `prev`, `hash`, `mac` after.
extension AuditRecord {
    func writeFields(into json: inout CanonicalJSON) {
        json.string("time", RFC3339.format(time))
        json.string("id", id)
        json.string("event", event)
        json.string("client", client)
        json.string("user", user)
        json.string("method", method)
        json.string("scheme", scheme)
        json.string("host", host)
        json.int("port", port.map(Int64.init))
        json.string("path", path)
        json.string("action", action)
        json.string("rule", rule)
        json.int("status", status.map(Int64.init))
        json.int("bytesUp", bytesUp)
        json.int("bytesDown", bytesDown)
        json.milli("durationMs", durationMs)
        if !pii.isEmpty {
            var list: [UInt8] = [UInt8(ascii: "[")]
            for (index, entry) in pii.enumerated() {
                if index > 0 { list.append(UInt8(ascii: ",")) }
                var item = CanonicalJSON(capacity: 96)
                item.string("type", entry.type)
                item.int("count", Int64(entry.count))
                item.string("action", entry.action)
                var fps: [UInt8] = [UInt8(ascii: "[")]
                for (i, fp) in entry.fingerprints.enumerated() {
                    if i > 0 { fps.append(UInt8(ascii: ",")) }
                    CanonicalJSON.appendString(fp, to: &fps)
                }
                fps.append(UInt8(ascii: "]"))
                item.raw("fingerprints", fps)
                list.append(contentsOf: item.closed)
            }
            list.append(UInt8(ascii: "]"))
            json.raw("pii", list)
        }
        json.string("note", note)
    }

    /// Fingerprints kept per type and line; a body with thousands of values must not make a megabyte line.
    static let maxFingerprints = 256

    /// The record with what must never reach the log removed: query strings (unless kept), over-long notes.
    func sanitized(includeQuery: Bool) -> AuditRecord {
        var copy = self
        if !includeQuery, let path, let cut = path.utf8.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            copy.path = String(path[..<cut])
        }
        if let note, note.utf8.count > 240, note.count > 240 { copy.note = String(note.prefix(240)) + "…" }
        for i in copy.pii.indices where copy.pii[i].fingerprints.count > Self.maxFingerprints {
            copy.pii[i].fingerprints.removeLast(copy.pii[i].fingerprints.count - Self.maxFingerprints)  // count keeps the total
        }
        return copy
    }
}
