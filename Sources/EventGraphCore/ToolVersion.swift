/// The version of EventGraph written into every piece of evidence, so that a diff can tell changes
/// made by a new extractor from changes made by new articles.
public enum ToolVersion {
    public static let current = "0.1.0"
}
