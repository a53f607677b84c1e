import EventGraphCore
import Foundation

/// Renders an evaluation report for people (a table) or machines (JSON with sorted keys).
public enum ReportFormatter {
    public static func text(_ report: EvaluationReport) -> String {
        var lines: [String] = []
        let header = pad("document", 44) + pad("kind", 16) + lpad("P", 7) + lpad("R", 7) + lpad("F1", 7) + lpad("tp/pred/gold", 16)
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count))
        for doc in report.documents + [report.total] {
            let name = DisplayText.visible(doc.document) + (doc.missingDocument && doc.document != "TOTAL" ? " (not in graph)" : "")
            for kind in ScoreKind.allCases {
                let s = doc.score(kind)
                lines.append(pad(name, 44) + pad(kind.rawValue, 16) + lpad(fmt(s.precision), 7) + lpad(fmt(s.recall), 7)
                             + lpad(fmt(s.f1), 7) + lpad("\(s.truePositives)/\(s.predicted)/\(s.gold)", 16))
            }
            let must = doc.mustRecall.keys.sorted().map { "\($0.rawValue) \(doc.mustRecall[$0]!.truePositives)/\(doc.mustRecall[$0]!.gold)" }
            lines.append(pad(name, 44) + "must found: " + must.joined(separator: ", "))
            if !doc.notEntityHits.isEmpty {
                lines.append(pad(name, 44) + "not-entities taken for names: " + doc.notEntityHits.map(DisplayText.visible).joined(separator: "; "))
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// The total per event and relation type, most frequent in the gold first.
    public static func byType(_ report: EvaluationReport) -> String {
        let header = pad("type", 44) + lpad("P", 7) + lpad("R", 7) + lpad("F1", 7) + lpad("tp/pred/gold", 16)
        var lines = [header, String(repeating: "-", count: header.count)]
        let rows = report.total.byType.sorted { ($0.key.hasPrefix("events/") ? 0 : 1, -$0.value.gold, -$0.value.predicted, $0.key) < ($1.key.hasPrefix("events/") ? 0 : 1, -$1.value.gold, -$1.value.predicted, $1.key) }
        for (type, s) in rows {
            lines.append(pad(DisplayText.visible(type), 44) + lpad(fmt(s.precision), 7) + lpad(fmt(s.recall), 7) + lpad(fmt(s.f1), 7)
                         + lpad("\(s.truePositives)/\(s.predicted)/\(s.gold)", 16))
        }
        return lines.joined(separator: "\n")
    }

    public static func json(_ report: EvaluationReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(report), as: UTF8.self) + "\n"
    }

    private static func fmt(_ x: Double) -> String {
        let scaled = Int((x * 1000).rounded())
        let frac = String(scaled % 1000)
        return "\(scaled / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    private static func lpad(_ s: String, _ width: Int) -> String {
        s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s
    }
}
