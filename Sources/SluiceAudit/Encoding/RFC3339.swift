import Foundation

/// RFC 3339 UTC timestamps with milliseconds (`2026-11-23T21:32:23.123Z`), without Calendar or locale costs.
public enum RFC3339 {
    /// Formats `date` as `YYYY-MM-DDTHH:MM:SS.mmmZ` (RFC 3339 §5.6, always UTC, always milliseconds).
    public static func format(_ date: Date) -> String {
        let totalMs = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let days = epochDay(milliseconds: totalMs)
        let msOfDay = totalMs - days * 86_400_000
        let (y, m, d) = civil(fromDays: days)
        guard (0...9999).contains(y) else { return "0000-01-01T00:00:00.000Z" }
        var out = [UInt8](repeating: 0, count: 24)
        func put(_ value: Int64, _ at: Int, _ width: Int) {
            var v = value
            for k in stride(from: at + width - 1, through: at, by: -1) { out[k] = UInt8(48 + v % 10); v /= 10 }
        }
        put(y, 0, 4); out[4] = 45; put(m, 5, 2); out[7] = 45; put(d, 8, 2); out[10] = 84
        put(msOfDay / 3_600_000, 11, 2); out[13] = 58; put((msOfDay / 60_000) % 60, 14, 2); out[16] = 58
        put((msOfDay / 1000) % 60, 17, 2); out[19] = 46; put(msOfDay % 1000, 20, 3); out[23] = 90
        return String(decoding: out, as: UTF8.self)
    }

    /// Days since 1970-01-01 (UTC) of `date`; cheap comparison for daily rotation.
    public static func epochDay(_ date: Date) -> Int64 {
        epochDay(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    static func epochDay(milliseconds ms: Int64) -> Int64 {
        ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
    }

    /// The UTC day `YYYY-MM-DD` of `date`, used for rotation and per-day charts.
    public static func day(_ date: Date) -> String { String(format(date).prefix(10)) }

    /// Parses RFC 3339 with or without fraction and offset, or a bare `YYYY-MM-DD` (midnight UTC); nil when malformed.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func num(_ from: Int, _ len: Int) -> Int64? {
            guard from + len <= b.count else { return nil }
            var v: Int64 = 0
            for i in from..<(from + len) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard let y = num(0, 4), b.count >= 10, b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var seconds = days(fromCivil: y, mo, d) * 86_400
        if b.count == 10 { return Date(timeIntervalSince1970: Double(seconds)) }
        guard b.count >= 20, b[10] == 84 || b[10] == 116 || b[10] == 32, let h = num(11, 2), b[13] == 58,
              let mi = num(14, 2), b[16] == 58, let s = num(17, 2), h < 24, mi < 60, s < 61 else { return nil }
        seconds += h * 3600 + mi * 60 + s
        var i = 19
        var fraction = 0.0
        if b[i] == 46 {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { fraction += Double(b[i] - 48) * scale; scale /= 10; i += 1 }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        if b[i] == 90 || b[i] == 122 {
            guard i + 1 == b.count else { return nil }
        } else if b[i] == 43 || b[i] == 45, i + 6 == b.count, let oh = num(i + 1, 2), b[i + 3] == 58, let om = num(i + 4, 2) {
            let offset = oh * 3600 + om * 60
            seconds += b[i] == 43 ? -offset : offset
        } else {
            return nil
        }
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Days since 1970-01-01 to (year, month, day); Howard Hinnant's civil_from_days.
    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// (year, month, day) to days since 1970-01-01; Howard Hinnant's days_from_civil.
    private static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
