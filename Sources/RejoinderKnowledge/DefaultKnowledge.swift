/// The knowledge base that ships with Rejoinder: the `.rj` files of the
/// project's `Knowledge/` folder, embedded at build time by the
/// EmbedKnowledge plugin (`Knowledge` here is a link to that folder), so that
/// the binary carries them wherever it is copied.
public enum DefaultKnowledge {
    /// Each file's path under `Knowledge/` and its text, in path order.
    public static var files: [(path: String, text: String)] { EmbeddedKnowledge.files }
}
