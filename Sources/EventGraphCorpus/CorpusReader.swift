import EventGraphCore
import Foundation

/// What reading a corpus gave: the documents, sorted by id, and everything that went wrong, sorted
/// by location.
public struct CorpusReadResult: Sendable {
    public var documents: [SourceDocument]
    public var errors: [CorpusError]
    public var warnings: [CorpusWarning]
}

/// Reads files and folders (recursively) into documents, choosing the reader by extension.
///
/// In folders, hidden entries, files of other types and the corpus's own notes (README, LICENSE,
/// NOTICE, CHANGELOG) are skipped; a file named explicitly is read whatever its name. A document's id
/// is its path relative to the folder given (a file given alone: its name), so the same corpus gives
/// the same ids wherever it lies.
public struct CorpusReader: Sendable {
    /// Used for documents that carry no publication date of their own.
    public var defaultPublished: CalendarDay?
    /// Larger files are reported and not read (they are read whole). A JSONL archive counts as one file.
    public var maximumFileBytes: Int

    /// 512 MiB: far above any article, below what would exhaust a small machine's memory.
    public static let defaultMaximumFileBytes = 512 << 20

    public static let extensions: Set<String> = ["txt", "md", "markdown", "json", "jsonl", "ndjson", "html", "htm"]
    static let notesNames: Set<String> = ["readme", "license", "licence", "notice", "changelog", "copying"]
    /// EventGraph's own outputs, which may sit beside the articles.
    static let outputSuffixes = [".graph.json", ".merges.json", ".timeline.json", ".jsonld"]

    public init(defaultPublished: CalendarDay? = nil, maximumFileBytes: Int = CorpusReader.defaultMaximumFileBytes) {
        self.defaultPublished = defaultPublished
        self.maximumFileBytes = maximumFileBytes
    }

    /// One file to read: where it is and the id it will get.
    public struct Entry: Sendable, Hashable {
        public var path: String
        public var id: String

        public init(path: String, id: String) {
            self.path = path
            self.id = id
        }
    }

    /// Lists what `paths` hold, in a fixed order (arguments as given, each folder sorted by name).
    public func entries(for paths: [String]) -> (entries: [Entry], errors: [CorpusError]) {
        var entries: [Entry] = []
        var errors: [CorpusError] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append(.notFound(SourceLocation(path: path)))
                continue
            }
            if isDirectory.boolValue {
                var visited = Set<String>()
                walk(directory: path, relative: "", visited: &visited, into: &entries, errors: &errors)
            } else {
                let name = (path as NSString).lastPathComponent
                entries.append(Entry(path: path, id: name))
            }
        }
        return (entries, errors)
    }

    private func walk(directory: String, relative: String, visited: inout Set<String>, into entries: inout [Entry], errors: inout [CorpusError]) {
        // Symlinked folders are followed once: a loop ends where it would revisit a real path.
        let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            errors.append(.unreadable(SourceLocation(path: directory), reason: "cannot list folder"))
            return
        }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !name.hasPrefix(".") {
            let full = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }  // dangling link
            if isDirectory.boolValue {
                walk(directory: full, relative: rel, visited: &visited, into: &entries, errors: &errors)
                continue
            }
            let ext = (name as NSString).pathExtension.lowercased()
            let stem = (name as NSString).deletingPathExtension.lowercased()
            guard CorpusReader.extensions.contains(ext), !CorpusReader.notesNames.contains(stem),
                  !CorpusReader.outputSuffixes.contains(where: { name.hasSuffix($0) }) else { continue }
            entries.append(Entry(path: full, id: rel))
        }
    }

    /// Reads one file; a JSON array or JSONL file gives several results.
    public func read(_ entry: Entry) -> [Result<SourceDocument, CorpusError>] {
        let location = SourceLocation(path: entry.path)
        // Checked before opening: opening a FIFO blocks until something writes to it.
        var status = stat()
        if stat(entry.path, &status) == 0 {
            let kinds: [mode_t: String] = [S_IFIFO: "a FIFO", S_IFSOCK: "a socket", S_IFCHR: "a character device", S_IFBLK: "a block device"]
            if status.st_mode & S_IFMT != S_IFREG {
                return [.failure(.notARegularFile(location, kind: kinds[status.st_mode & S_IFMT] ?? "not a file"))]
            }
            if Int(status.st_size) > maximumFileBytes {
                return [.failure(.fileTooLarge(location, bytes: Int(status.st_size), limit: maximumFileBytes))]
            }
        }
        guard let handle = FileHandle(forReadingAtPath: entry.path) else {
            let reason = FileManager.default.isReadableFile(atPath: entry.path) ? "cannot open" : "permission denied"
            return [.failure(.unreadable(location, reason: reason))]
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.readToEnd() ?? Data() } catch {
            return [.failure(.unreadable(location, reason: "read failed"))]
        }
        let bytes = [UInt8](data)
        let ext = (entry.path as NSString).pathExtension.lowercased()
        switch ext {
        case "txt", "md", "markdown":
            return [Result { () throws(CorpusError) in
                try FrontMatterTextReader.read(bytes, path: entry.path, id: entry.id, defaultPublished: defaultPublished)
            }]
        case "json":
            return JSONArticleReader.read(bytes, path: entry.path, id: entry.id, lineDelimited: false, defaultPublished: defaultPublished)
        case "jsonl", "ndjson":
            return JSONArticleReader.read(bytes, path: entry.path, id: entry.id, lineDelimited: true, defaultPublished: defaultPublished)
        case "html", "htm":
            return [Result { () throws(CorpusError) in
                try HTMLArticleReader.read(bytes, path: entry.path, id: entry.id, defaultPublished: defaultPublished)
            }]
        default:
            return [.failure(.unsupportedFile(location, fileExtension: ext.isEmpty ? "(none)" : "." + ext))]
        }
    }

    /// What reading one entry gave, with the checks `read(paths:)` makes: documents without a
    /// publication date get a warning. For readers that go entry by entry in parallel.
    public func readChecked(_ entry: Entry) -> (documents: [SourceDocument], errors: [CorpusError], warnings: [CorpusWarning]) {
        var documents: [SourceDocument] = []
        var errors: [CorpusError] = []
        var warnings: [CorpusWarning] = []
        for result in read(entry) {
            switch result {
            case .failure(let error): errors.append(error)
            case .success(let source):
                if source.document.published == nil { warnings.append(.noPublicationDate(SourceLocation(path: source.document.path))) }
                documents.append(source)
            }
        }
        return (documents, errors, warnings)
    }

    /// Entries whose id an earlier entry already has (two folders given that hold the same relative
    /// path), by index, with the first one's path: they are reported and not read.
    public static func duplicateEntries(_ entries: [Entry]) -> [Int: String] {
        var first: [String: String] = [:]
        var duplicates: [Int: String] = [:]
        for (index, entry) in entries.enumerated() {
            if let path = first[entry.id] { duplicates[index] = path } else { first[entry.id] = entry.path }
        }
        return duplicates
    }

    /// Reads everything under `paths`. Never stops at a bad file: each failure becomes an error and
    /// the rest is read.
    public func read(paths: [String]) -> CorpusReadResult {
        let (entries, listingErrors) = entries(for: paths)
        var errors = listingErrors
        var warnings: [CorpusWarning] = []
        var documents: [SourceDocument] = []
        var seen: [String: String] = [:]
        for entry in entries {
            for result in read(entry) {
                switch result {
                case .failure(let error): errors.append(error)
                case .success(let source):
                    let doc = source.document
                    if let first = seen[doc.id] {
                        errors.append(.duplicateDocumentID(SourceLocation(path: doc.path), id: doc.id, firstPath: first))
                        continue
                    }
                    seen[doc.id] = doc.path
                    if doc.published == nil { warnings.append(.noPublicationDate(SourceLocation(path: doc.path))) }
                    documents.append(source)
                }
            }
        }
        documents.sort { $0.document.id < $1.document.id }
        return CorpusReadResult(documents: documents, errors: errors, warnings: Array(Set(warnings)).sorted { $0.location < $1.location })
    }
}
