import EventGraphCore
import Foundation

/// What reading a corpus gave: the documents, sorted by id, and everything that went wrong, sorted
/// by location.
public struct CorpusReadResult: Sendable {
    public var documents: [SourceDocument]
    public var errors: [CorpusError]
    public var warnings: [CorpusWarning]
}

extension SourceDocument {
    /// Records the document's path as its file's path below the corpus root given on the command
    /// line (the entry's id: a folder's files by their path inside it, a file given alone by its
    /// name), so that the same corpus gives the same graph wherever it lives. Diagnostics are made
    /// before this, with the path as given.
    public mutating func recordPathRelativeToRoot(of entry: CorpusReader.Entry) {
        document.path = entry.id
    }
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

    /// What the corpus arguments hold: the files to read, in a fixed order (arguments as given, each
    /// folder sorted by name), and what was found wrong or left out while listing them.
    public struct Listing: Sendable {
        public var entries: [Entry] = []
        public var errors: [CorpusError] = []
        public var warnings: [CorpusWarning] = []
    }

    /// Lists what `paths` hold. A symbolic link found in a folder is followed only when its target
    /// lies inside one of the corpus roots (the arguments, links resolved), or with
    /// `followSymlinks`; others are left out with a warning, so a link to `/etc/passwd` in a
    /// scraped archive never becomes a document. A path given on the command line is the user's
    /// own choice and is read wherever it points.
    public func listing(for paths: [String]) -> Listing {
        var listing = Listing()
        let roots = paths.compactMap(Self.realPath)
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                listing.errors.append(.notFound(SourceLocation(path: path)))
                continue
            }
            if status.st_mode & S_IFMT == S_IFDIR {
                var visited = Set<String>()
                walk(directory: path, relative: "", roots: roots, visited: &visited, into: &listing)
            } else {
                let name = (path as NSString).lastPathComponent
                listing.entries.append(Entry(path: path, id: name))
            }
        }
        return listing
    }

    /// Whether to follow symbolic links whose target lies outside the corpus roots
    /// (`--follow-symlinks`).
    public var followSymlinks = false

    /// The path with every link resolved, or nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether a resolved path is one of the roots or lies below one.
    public static func isInside(_ path: String, roots: [String]) -> Bool {
        roots.contains { root in path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/") }
    }

    private func walk(directory: String, relative: String, roots: [String], visited: inout Set<String>, into listing: inout Listing) {
        // Symlinked folders are followed once: a loop ends where it would revisit a real path.
        guard let real = Self.realPath(directory), visited.insert(real).inserted else { return }
        let names: [DirectoryName]
        do { names = try Self.names(in: directory) } catch {
            listing.errors.append(.unreadable(SourceLocation(path: directory), reason: "cannot list folder"))
            return
        }
        for entry in names where entry.bytes.first != UInt8(ascii: ".") {
            let folder = directory.hasSuffix("/") ? directory : directory + "/"
            guard let name = entry.name else {
                // Reported when it would have been read (an article's extension, or a folder);
                // other files are passed over as any file of another type is.
                let ext = (String(decoding: entry.bytes, as: UTF8.self) as NSString).pathExtension.lowercased()
                if CorpusReader.extensions.contains(ext) || Self.isFolder(Array(folder.utf8) + entry.bytes) {
                    listing.errors.append(.invalidFileName(SourceLocation(path: folder + entry.shown)))
                }
                continue
            }
            let full = folder + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var link = stat()
            guard lstat(full, &link) == 0 else { continue }
            if link.st_mode & S_IFMT == S_IFLNK {
                guard let target = Self.realPath(full) else { continue }  // dangling link, or a loop of links
                if !followSymlinks && !Self.isInside(target, roots: roots) {
                    listing.warnings.append(.symlinkOutsideCorpus(SourceLocation(path: full), target: target))
                    continue
                }
            }
            var status = stat()
            guard stat(full, &status) == 0 else { continue }
            if status.st_mode & S_IFMT == S_IFDIR {
                walk(directory: full, relative: rel, roots: roots, visited: &visited, into: &listing)
                continue
            }
            let ext = (name as NSString).pathExtension.lowercased()
            let stem = (name as NSString).deletingPathExtension.lowercased()
            guard CorpusReader.extensions.contains(ext), !CorpusReader.notesNames.contains(stem),
                  !CorpusReader.outputSuffixes.contains(where: { name.hasSuffix($0) }) else { continue }
            listing.entries.append(Entry(path: full, id: rel))
        }
    }

    /// Whether the path, given as raw bytes (a name that is not UTF-8), is a folder.
    static func isFolder(_ path: [UInt8]) -> Bool {
        var status = stat()
        let found = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { stat($0, &status) == 0 }
        }
        return found && status.st_mode & S_IFMT == S_IFDIR
    }

    /// One name in a folder as the file system has it: bytes, which need not be UTF-8.
    struct DirectoryName {
        var bytes: [UInt8]
        /// The name, when its bytes are valid UTF-8.
        var name: String? { String(validating: bytes, as: UTF8.self) }
        /// The name with each byte that is not part of valid UTF-8 written `\x{FF}`.
        var shown: String {
            var out = ""
            var index = 0
            while index < bytes.count {
                let length = Self.sequenceLength(bytes, at: index)
                if length > 0, let piece = String(validating: bytes[index..<index + length], as: UTF8.self) {
                    out += piece
                    index += length
                } else {
                    out += "\\x{" + String(bytes[index], radix: 16, uppercase: true) + "}"
                    index += 1
                }
            }
            return out
        }

        static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            return index + length <= bytes.count ? length : 0
        }
    }

    /// A folder's names, sorted by their bytes. Read with readdir, because Foundation drops (or
    /// mangles) names that are not UTF-8, and a dropped file must be reported, not lost.
    static func names(in directory: String) throws -> [DirectoryName] {
        guard let stream = opendir(directory) else { throw CocoaError(.fileReadUnknown) }
        defer { closedir(stream) }
        var names: [DirectoryName] = []
        // The name is read in place: a record is only as long as its name (`d_reclen`), so copying
        // the whole `dirent` (as `record.pointee` does) can read past the end of readdir's buffer.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let record = readdir(stream) {
            let name = UnsafeRawPointer(record).advanced(by: nameOffset).assumingMemoryBound(to: UInt8.self)
            let bytes = Array(UnsafeBufferPointer(start: name, count: strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))))
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            names.append(DirectoryName(bytes: bytes))
        }
        return names.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    /// Reads one file; a JSON array or JSONL file gives several results.
    public func read(_ entry: Entry) -> [Result<SourceDocument, CorpusError>] {
        var warnings: [CorpusWarning] = []
        return read(entry, warnings: &warnings)
    }

    /// As `read`, adding the warnings of documents that were read regardless to `warnings`.
    public func read(_ entry: Entry, warnings: inout [CorpusWarning]) -> [Result<SourceDocument, CorpusError>] {
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
                try HTMLArticleReader.read(bytes, path: entry.path, id: entry.id, defaultPublished: defaultPublished, warnings: &warnings)
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
        for result in read(entry, warnings: &warnings) {
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
        read(listing(for: paths))
    }

    /// Reads the files of a listing (whose ids the caller may have changed).
    public func read(_ listing: Listing) -> CorpusReadResult {
        let entries = listing.entries
        var errors = listing.errors
        var warnings = listing.warnings
        var documents: [SourceDocument] = []
        var seen: [String: String] = [:]
        for entry in entries {
            for result in read(entry, warnings: &warnings) {
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
