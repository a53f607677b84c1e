import Foundation  // canonical decomposition only; Core does no I/O

/// Turns names into ID segments that are valid XML NMTOKENs and IRI path segments: lowercase ASCII
/// letters and digits joined by single hyphens, diacritics folded ("Manëz" → "manez").
public enum Slug {
    /// The slug of `name`; never empty (a name with no letters or digits falls back to a short hash).
    public static func make(_ name: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var pendingHyphen = false
        for scalar in name.unicodeScalars {
            for folded in fold(scalar) {
                if let ascii = asciiSlugByte(folded) {
                    if pendingHyphen && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                    pendingHyphen = false
                    out.append(ascii)
                } else if !isIgnorable(folded) {
                    pendingHyphen = true
                }
            }
        }
        if out.isEmpty { return "x" + String(SHA256.hexDigest(of: name).prefix(8)) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func asciiSlugByte(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7a: return UInt8(scalar.value)
        case 0x41...0x5a: return UInt8(scalar.value + 0x20)
        default: return nil
        }
    }

    /// Apostrophes and combining marks vanish inside a word ("Ka'nani" → "kanani") instead of
    /// splitting it.
    private static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x27, 0x2019, 0x2018, 0x02BC, 0x60, 0xB4: return true
        default: return scalar.properties.generalCategory == .nonspacingMark
        }
    }

    /// Canonical decomposition without Foundation, then letters that do not decompose but have an
    /// obvious ASCII spelling.
    private static func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if scalar.isASCII { return [scalar] }
        switch scalar {
        case "ß": return ["s", "s"]
        case "æ", "Æ": return ["a", "e"]
        case "œ", "Œ": return ["o", "e"]
        case "ø", "Ø": return ["o"]
        case "đ", "Đ", "ð", "Ð": return ["d"]
        case "ł", "Ł": return ["l"]
        case "ı": return ["i"]
        case "þ", "Þ": return ["t", "h"]
        default: break
        }
        return Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
    }
}

extension String {
    /// Curly apostrophes (U+2019) made straight, so that "Albania’s" and "Albania's" are one name.
    /// Returns the string itself, without copying, when it has none.
    public var straightApostrophes: String {
        guard utf8.contains(0xE2) else { return self }
        var out = ""
        out.unicodeScalars.append(contentsOf: unicodeScalars.map { $0 == "\u{2019}" ? "'" : $0 })
        return out
    }
}
