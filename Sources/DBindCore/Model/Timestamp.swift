/// A point in time with the UTC offset it was written with.
///
/// Exports carry the exporting machine's local offset; ordering and storage use the UTC
/// milliseconds, the offset is kept so nothing of the source is lost.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: Int64
    /// Offset from UTC, in minutes, of the original text.
    public var offsetMinutes: Int16

    public init(milliseconds: Int64, offsetMinutes: Int16 = 0) {
        self.milliseconds = milliseconds
        self.offsetMinutes = offsetMinutes
    }

    /// Days in `month` (1–12) of the proleptic Gregorian `year`: 2026-02-30 is no date.
    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }
    public static func == (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds == b.milliseconds }
    public func hash(into h: inout Hasher) { h.combine(milliseconds) }

    /// Parses ISO 8601 as DiscordChatExporter writes it: `2021-11-24T16:16:57.001+00:00`,
    /// with 0–7 fraction digits and an offset (`Z` accepted too). Nil if malformed.
    public init?(iso8601 text: some StringProtocol) {
        var utf8 = Array(text.utf8)
        guard utf8.count >= 19 else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= utf8.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                let d = Int(utf8[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard let year = digits(0, 4), utf8[4] == 0x2D, let month = digits(5, 2), utf8[7] == 0x2D,
              let day = digits(8, 2), utf8[10] == 0x54 || utf8[10] == 0x20,
              let hour = digits(11, 2), utf8[13] == 0x3A, let minute = digits(14, 2), utf8[16] == 0x3A,
              let second = digits(17, 2),
              (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day), hour < 24, minute < 60,
              second < 61
        else { return nil }
        var i = 19
        var millis = 0
        if i < utf8.count, utf8[i] == 0x2E {
            i += 1
            var scale = 100
            let start = i
            while i < utf8.count, utf8[i] >= 0x30, utf8[i] <= 0x39 {
                millis += Int(utf8[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offset = 0
        if i < utf8.count, utf8[i] == 0x5A {
            i += 1
        } else if i < utf8.count, utf8[i] == 0x2B || utf8[i] == 0x2D {
            let sign = utf8[i] == 0x2D ? -1 : 1
            guard let oh = digits(i + 1, 2), i + 3 < utf8.count, utf8[i + 3] == 0x3A,
                  let om = digits(i + 4, 2) else { return nil }
            offset = sign * (oh * 60 + om)
            i += 6
        } else {
            return nil
        }
        guard i == utf8.count else { return nil }
        utf8 = []
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset * 60)
        self.milliseconds = seconds * 1000 + Int64(millis)
        self.offsetMinutes = Int16(offset)
    }

    /// The instant in UTC as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public var iso8601UTC: String {
        let t = CivilTime(milliseconds: milliseconds)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2))T\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2)).\(pad(t.millisecond, 3))Z"
    }

    public var description: String { iso8601UTC }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// The UTC calendar fields of an instant, proleptic Gregorian: what every writer of dates needs.
public struct CivilTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int

    /// `milliseconds` since 1970-01-01T00:00:00Z; instants before it floor correctly.
    public init(milliseconds: Int64) {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        (year, month, day) = Timestamp.civilFromDays(Int(days))
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
        millisecond = Int(milliseconds - seconds * 1000)
    }
}
