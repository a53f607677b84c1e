import EventGraphCore
import Foundation

/// `PREFIX.merges.json`: why entities from different articles became one node, one record per
/// merged entity, sorted.
public enum MergeLog {
    public static func encode(_ records: [MergeRecord]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var bytes = [UInt8](try! encoder.encode(records.sorted()))
        bytes.append(0x0A)
        return bytes
    }
}
