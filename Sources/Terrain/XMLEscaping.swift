import Foundation

/// `text` safe inside an XML (or HTML) element or a double-quoted attribute: `&`, `<`, `>` and `"` as entities.
public func xmlEscaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
