import Foundation

/// `file` as a claim or manifest at `document` names it: absolute as written, `~/…` in the user's home folder
/// (`$HOME`, as a shell expands it), anything else relative to the document's folder.
package func resolvedPath(_ file: String, namedIn document: String) -> String {
    if file == "~" || file.hasPrefix("~/") {
        return (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + file.dropFirst()
    }
    if file.hasPrefix("/") { return file }
    return URL(fileURLWithPath: document).deletingLastPathComponent().appendingPathComponent(file).standardizedFileURL.path
}
