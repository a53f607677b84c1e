/// Content-derived identifiers. The same facts always get the same IDs, whatever the order in which
/// articles were read, and an article that does not touch a fact cannot change its ID: diff and merge
/// rely on both.
public enum StableID {
    /// `type:slug`, e.g. `organization:mko`. Valid as an XML NMTOKEN and as an IRI path segment.
    public static func entity(type: EntityType, canonicalName: String) -> String {
        "\(type.rawValue):\(Slug.make(canonicalName))"
    }

    /// `event:TYPE-HASH`, hashing the type, the date value and the sorted role-tagged participants.
    /// An asserted event's key is its type, date and participants; another modality and the one
    /// who reports it are added, so that "X raided Y" and "X did not raid Y" are two events (and an
    /// asserted event keeps the id it had before events had a modality).
    public static func event(type: String, date: TimeValue?, participants: [Participant], modality: Modality = .asserted, by: String? = nil,
                             label: String? = nil) -> String {
        let ends = participants.map { "\($0.role.rawValue)=\($0.entity)" }.sorted()
        var key = ["event", type, date?.value ?? "-"] + ends
        if modality != .asserted || by != nil { key += ["modality=" + modality.rawValue, "by=" + (by ?? "-")] }
        if let label { key += ["label=" + label] }
        return "event:\(Slug.make(type))-\(shortHash(key))"
    }

    /// `relation:TYPE-HASH`, hashing the type, the time, source, target, label, speaker and modality.
    /// Modality is part of identity on purpose: "X raided Y" and "X did not raid Y" are two claims,
    /// and merging would hide exactly the disagreement users study.
    public static func relation(
        type: String, source: String, target: String?, label: String?, by: String?,
        time: TemporalInterval?, modality: Modality
    ) -> String {
        let key = [
            "relation", type, source, target ?? "-", label ?? "-", by ?? "-",
            time?.normalizedText ?? "-", modality.rawValue,
        ]
        return "relation:\(Slug.make(type))-\(shortHash(key))"
    }

    /// The first 12 hex digits (48 bits) of the SHA-256 of the fields joined by U+001F, a separator
    /// that cannot occur in names or TIMEX3 values.
    public static func shortHash(_ fields: [String]) -> String {
        String(SHA256.hexDigest(of: fields.joined(separator: "\u{1F}")).prefix(12))
    }
}
