/// When a relation holds: from `start` to `end`, either end open ("since 2016" has no end), with
/// the duration that produced it when there was one ("for ten years" → 2013 … 2023, `P10Y`).
public struct TemporalInterval: Hashable, Sendable, Codable, Comparable {
    public let start: TimeValue?
    public let end: TimeValue?
    /// The TIMEX3 duration the interval was anchored from, if any.
    public let duration: String?

    public init(start: TimeValue?, end: TimeValue?, duration: String? = nil) {
        self.start = start
        self.end = end
        self.duration = duration
    }

    /// A point in time: start and end are the same value.
    public init(point: TimeValue) { self.init(start: point, end: point) }

    /// The first day the interval may include; nil when the start is open or unbounded.
    public var earliest: CalendarDay? { start?.earliest }
    /// The last day the interval may include; nil when the end is open or unbounded.
    public var latest: CalendarDay? { end?.latest }

    public var isPoint: Bool { start != nil && start == end && duration == nil }

    /// `2023-06-20` for a point, `2013/2023` for a closed interval, `2016/..` and `../2016` for open
    /// ones (the ISO 8601-2 notation), with `;P10Y` appended when a duration anchored it. Stable, so
    /// it is part of relation IDs.
    public var normalizedText: String {
        let body = isPoint ? start!.value : "\(start?.value ?? "..")/\(end?.value ?? "..")"
        return duration.map { "\(body);\($0)" } ?? body
    }

    public static func < (lhs: TemporalInterval, rhs: TemporalInterval) -> Bool {
        switch (lhs.start, rhs.start) {
        case let (l?, r?) where l != r: return l < r
        case (nil, _?): return false
        case (_?, nil): return true
        default: break
        }
        switch (lhs.end, rhs.end) {
        case let (l?, r?) where l != r: return r < l
        case (nil, _?): return true
        case (_?, nil): return false
        default: break
        }
        return (lhs.duration ?? "") < (rhs.duration ?? "")
    }

    private enum CodingKeys: String, CodingKey { case start, end, duration }

    /// Open ends are written as explicit nulls, so readers need not guess what a missing key means.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(duration, forKey: .duration)
    }

    /// The smallest interval covering both (an unknown end stays unknown only if both are): how the
    /// time of one state relation grows as articles add periods. Associative and commutative.
    public static func join(_ a: TemporalInterval?, _ b: TemporalInterval?) -> TemporalInterval? {
        guard let a else { return b }
        guard let b else { return a }
        if a == b { return a }
        let starts = [a.start, b.start].compactMap { $0 }
        let ends = [a.end, b.end].compactMap { $0 }
        let latestEnd = ends.max { ($0.latest ?? .init(dayNumber: .min)) < ($1.latest ?? .init(dayNumber: .min)) || (($0.latest == $1.latest) && $0.value < $1.value) }
        return TemporalInterval(start: starts.min(), end: latestEnd, duration: a.duration == b.duration ? a.duration : nil)
    }
}
