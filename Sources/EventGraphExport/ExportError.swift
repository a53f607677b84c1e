import EventGraphCore

/// Why a graph could not be read or an export could not be written.
public enum ExportError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalidGraphJSON(path: String, line: Int, column: Int, problem: String)
    case writeFailed(path: String, reason: String)

    /// `path:line:col: error: message`
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(DisplayText.diagnosticPath(path)):1:1: error: cannot read graph: \(reason)"
        case .invalidGraphJSON(let path, let line, let column, let problem): return "\(DisplayText.diagnosticPath(path)):\(line):\(column): error: invalid graph JSON: \(problem)"
        case .writeFailed(let path, let reason): return "\(DisplayText.diagnosticPath(path)):1:1: error: cannot write: \(reason)"
        }
    }
}
