import EventGraphCore

/// The store's own encoding of a fragment: every field the graph JSON holds, in a fixed order,
/// with each distinct string written once in a table at the front and referred to by number.
///
/// Why not the graph JSON: a fragment repeats its document id, rule names, tool version and
/// sentences in every piece of evidence, so its JSON is about 15 times the article, and decoding it
/// was most of a rebuild's time (226 CPU s for 100,000 fragments). This is a cache format, never
/// read by anything but the store: a change of layout is a new `version`, and the store's schema
/// version changes with it, so an old store is rebuilt rather than misread.
///
/// Layout: the magic `EGF`, the version byte, the string table (a count, then each string's UTF-8
/// length and bytes), then documents, entities, time expressions, events and relations, each a
/// count and its records. Numbers are LEB128 varints (signed ones zigzag-coded), confidences the
/// eight bytes of their IEEE 754 bit pattern, optional strings 0 for none or the index plus one.
public enum FragmentCodec {
    public static let version: UInt8 = 1
    static let magic: [UInt8] = Array("EGF".utf8)

    /// The bytes of a fragment.
    public static func encode(_ fragment: Graph) -> [UInt8] {
        var body = Writer()
        body.documents(fragment.documents)
        body.count(fragment.entities.count)
        for entity in fragment.entities { body.entity(entity) }
        body.count(fragment.timexes.count)
        for timex in fragment.timexes { body.timex(timex) }
        body.count(fragment.events.count)
        for event in fragment.events { body.event(event) }
        body.count(fragment.relations.count)
        for relation in fragment.relations { body.relation(relation) }
        var out = magic + [version]
        out.reserveCapacity(body.bytes.count + body.strings.count * 16)
        Writer.varint(UInt64(body.strings.count), to: &out)
        for string in body.strings {
            let utf8 = Array(string.utf8)
            Writer.varint(UInt64(utf8.count), to: &out)
            out += utf8
        }
        out += body.bytes
        return out
    }

    /// The fragment, or nil when the bytes are not one this version wrote whole (truncated,
    /// damaged, another version): the store then extracts the article again.
    public static func decode(_ bytes: [UInt8]) -> Graph? {
        var reader = Reader(bytes: bytes)
        do {
            guard try reader.bytes(magic.count) == magic[...], try reader.byte() == version else { return nil }
            try reader.stringTable()
            let documents = try reader.list { (r: inout Reader) throws(Reader.Malformed) in try r.document() }
            let entities = try reader.list { (r: inout Reader) throws(Reader.Malformed) in try r.entity() }
            let timexes = try reader.list { (r: inout Reader) throws(Reader.Malformed) in try r.timex() }
            let events = try reader.list { (r: inout Reader) throws(Reader.Malformed) in try r.event() }
            let relations = try reader.list { (r: inout Reader) throws(Reader.Malformed) in try r.relation() }
            guard reader.atEnd else { return nil }
            return Graph(documents: documents, entities: entities, timexes: timexes, events: events, relations: relations)
        } catch {
            return nil
        }
    }
}

// MARK: Writing

private struct Writer {
    var bytes: [UInt8] = []
    var strings: [String] = []
    private var indexOf: [String: Int] = [:]

    static func varint(_ value: UInt64, to out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    mutating func count(_ value: Int) { Self.varint(UInt64(value), to: &bytes) }

    /// Offsets and indices may be negative in a hand-made graph: zigzag keeps them small and exact.
    mutating func int(_ value: Int) {
        let signed = Int64(value)
        Self.varint(UInt64(bitPattern: (signed << 1) ^ (signed >> 63)), to: &bytes)
    }

    mutating func double(_ value: Double) {
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(bits & 0xFF))
            bits >>= 8
        }
    }

    /// The string's index in the table, added at the end the first time it is met.
    private mutating func tableIndex(_ value: String) -> Int {
        if let index = indexOf[value] { return index }
        indexOf[value] = strings.count
        strings.append(value)
        return strings.count - 1
    }

    mutating func string(_ value: String) { count(tableIndex(value)) }

    mutating func optional(_ value: String?) { count(value.map { tableIndex($0) + 1 } ?? 0) }

    mutating func documents(_ documents: [Document]) {
        count(documents.count)
        for d in documents {
            string(d.id); string(d.path); optional(d.url); optional(d.title); optional(d.source)
            optional(d.published?.iso); optional(d.license); string(d.sha256)
        }
    }

    mutating func evidence(_ list: [Evidence]) {
        count(list.count)
        for e in list {
            string(e.document); int(e.sentence); int(e.start); int(e.end); int(e.byteStart); int(e.byteEnd)
            string(e.text); string(e.sentenceText); string(e.rule); double(e.confidence); string(e.toolVersion)
        }
    }

    mutating func entity(_ e: Entity) {
        string(e.id); string(e.type.rawValue); string(e.name)
        count(e.aliases.count)
        for alias in e.aliases { string(alias) }
        evidence(e.mentions)
    }

    mutating func timeValue(_ value: TimeValue?) {
        guard let value else { count(0); return }
        count(1)
        string(value.value); optional(value.precision?.rawValue); optional(value.earliest?.iso); optional(value.latest?.iso)
    }

    mutating func interval(_ interval: TemporalInterval?) {
        guard let interval else { count(0); return }
        count(1)
        timeValue(interval.start); timeValue(interval.end); optional(interval.duration)
    }

    mutating func timex(_ t: Timex) {
        string(t.document); string(t.text); string(t.type.rawValue); string(t.value); int(t.start); int(t.end)
        interval(t.interval); string(t.rule); double(t.confidence)
    }

    mutating func event(_ e: Event) {
        string(e.id); string(e.type); timeValue(e.date)
        count(e.participants.count)
        for p in e.participants { string(p.role.rawValue); string(p.entity) }
        string(e.modality.rawValue); optional(e.by); optional(e.label)
        evidence(e.evidence)
    }

    mutating func relation(_ r: Relation) {
        string(r.id); string(r.type); string(r.source); optional(r.target); optional(r.label); optional(r.by)
        interval(r.time); string(r.modality.rawValue)
        evidence(r.evidence)
    }
}

// MARK: Reading

private struct Reader {
    struct Malformed: Error {}

    let bytes: [UInt8]
    var position = 0
    var strings: [String] = []
    /// The table's strings that evidence refers to, interned once each, when first used: evidence
    /// keeps interned strings, and the ids and names of facts need not grow the table.
    var interned: [InternedString?] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func byte() throws(Malformed) -> UInt8 {
        guard position < bytes.count else { throw Malformed() }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func bytes(_ count: Int) throws(Malformed) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else { throw Malformed() }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    mutating func varint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw Malformed() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    /// A count or index: bounded by what is left to read, so that damage cannot ask for a huge array.
    mutating func count() throws(Malformed) -> Int {
        let value = try varint()
        guard value <= UInt64(bytes.count) else { throw Malformed() }
        return Int(value)
    }

    mutating func int() throws(Malformed) -> Int {
        let raw = try varint()
        return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    mutating func double() throws(Malformed) -> Double {
        var bits: UInt64 = 0
        for (shift, byte) in zip(stride(from: 0, to: 64, by: 8), try bytes(8)) { bits |= UInt64(byte) << UInt64(shift) }
        return Double(bitPattern: bits)
    }

    mutating func stringTable() throws(Malformed) {
        let count = try count()
        strings.reserveCapacity(count)
        for _ in 0..<count {
            let length = try self.count()
            guard let text = String(validating: try bytes(length), as: UTF8.self) else { throw Malformed() }
            strings.append(text)
        }
        interned = Array(repeating: nil, count: count)
    }

    mutating func index() throws(Malformed) -> Int {
        let index = try count()
        guard index < strings.count else { throw Malformed() }
        return index
    }

    mutating func string() throws(Malformed) -> String { strings[try index()] }

    mutating func key() throws(Malformed) -> InternedString {
        let index = try index()
        if let known = interned[index] { return known }
        let key = InternedString(strings[index])
        interned[index] = key
        return key
    }

    mutating func optional() throws(Malformed) -> String? {
        let index = try count()
        guard index > 0 else { return nil }
        guard index <= strings.count else { throw Malformed() }
        return strings[index - 1]
    }

    mutating func enumValue<T: RawRepresentable>(_: T.Type) throws(Malformed) -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw Malformed() }
        return value
    }

    mutating func day() throws(Malformed) -> CalendarDay? {
        guard let text = try optional() else { return nil }
        guard let day = CalendarDay(iso: text) else { throw Malformed() }
        return day
    }

    mutating func list<T>(_ element: (inout Reader) throws(Malformed) -> T) throws(Malformed) -> [T] {
        let count = try count()
        var out: [T] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try element(&self)) }
        return out
    }

    mutating func document() throws(Malformed) -> Document {
        Document(id: try string(), path: try string(), url: try optional(), title: try optional(), source: try optional(),
                 published: try day(), license: try optional(), sha256: try string())
    }

    mutating func evidence() throws(Malformed) -> [Evidence] {
        try list { (r: inout Reader) throws(Malformed) in
            let document = try r.key()
            let (sentence, start, end, byteStart, byteEnd) = (try r.int(), try r.int(), try r.int(), try r.int(), try r.int())
            let (text, sentenceText, rule) = (try r.key(), try r.key(), try r.key())
            let confidence = try r.double()
            guard confidence >= 0, confidence <= 1 else { throw Malformed() }
            return Evidence(documentKey: document, sentence: sentence, start: start, end: end, byteStart: byteStart, byteEnd: byteEnd,
                            textKey: text, sentenceTextKey: sentenceText, ruleKey: rule, confidence: confidence, toolVersionKey: try r.key())
        }
    }

    mutating func entity() throws(Malformed) -> Entity {
        let (id, type, name) = (try string(), try enumValue(EntityType.self), try string())
        let aliases = try list { (r: inout Reader) throws(Malformed) in try r.string() }
        return Entity(id: id, type: type, name: name, aliases: aliases, mentions: try evidence())
    }

    mutating func timeValue() throws(Malformed) -> TimeValue? {
        guard try count() == 1 else { return nil }
        let value = try string()
        let precision = try optional().map { (text: String) throws(Malformed) -> TimePrecision in
            guard let known = TimePrecision(rawValue: text) else { throw Malformed() }
            return known
        }
        return TimeValue(value: value, precision: precision, earliest: try day(), latest: try day())
    }

    mutating func interval() throws(Malformed) -> TemporalInterval? {
        guard try count() == 1 else { return nil }
        return TemporalInterval(start: try timeValue(), end: try timeValue(), duration: try optional())
    }

    mutating func timex() throws(Malformed) -> Timex {
        Timex(document: try string(), text: try string(), type: try enumValue(TimexType.self), value: try string(), start: try int(), end: try int(),
              interval: try interval(), rule: try string(), confidence: try double())
    }

    mutating func event() throws(Malformed) -> Event {
        let (id, type, date) = (try string(), try string(), try timeValue())
        let participants = try list { (r: inout Reader) throws(Malformed) in
            Participant(role: try r.enumValue(ParticipantRole.self), entity: try r.string())
        }
        return Event(id: id, type: type, date: date, participants: participants, modality: try enumValue(Modality.self), by: try optional(),
                     label: try optional(), evidence: try evidence())
    }

    mutating func relation() throws(Malformed) -> Relation {
        Relation(id: try string(), type: try string(), source: try string(), target: try optional(), label: try optional(), by: try optional(),
                 time: try interval(), modality: try enumValue(Modality.self), evidence: try evidence())
    }
}
