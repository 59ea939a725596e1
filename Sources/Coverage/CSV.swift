/// Minimal RFC 4180 CSV reading: double-quoted fields with "" escapes, CRLF or LF line ends (`readTextInput` has
/// dropped any byte-order mark). The separator is the comma — or, when the first line has no comma, the tab (a
/// spreadsheet's "Text (Tab delimited)" and "Unicode Text") or the semicolon (its CSV in locales whose decimal mark
/// is the comma, Vietnamese among them). Numbers in a file separated by tabs or semicolons may have a decimal comma.
public struct CSV: Sendable {
    public let rows: [[String]]
    /// True for a file separated by tabs or semicolons, whose numbers may have a decimal comma.
    public let decimalComma: Bool

    public init(_ text: String) {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        let separator: Character = firstLine.contains(",") ? "," : firstLine.contains("\t") ? "\t" : firstLine.contains(";") ? ";" : ","
        decimalComma = separator != ","
        rows = Self.rows(text, separator: separator)
    }

    /// `field` as a number: a decimal comma is taken as a point in a file separated by tabs or semicolons.
    public func number(_ field: String) -> Double? { Double(numeral(field)) }

    /// `field` with its decimal comma, in a file separated by tabs or semicolons, written as a point.
    public func numeral(_ field: String) -> String {
        decimalComma ? field.replacingOccurrences(of: ",", with: ".") : field
    }

    /// The rows of `text`, fields split at `separator`.
    public static func rows(_ text: String, separator: Character = ",") -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, iterator = text.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; consume(next) }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else {
                consume(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows

        func consume(_ character: Character) {
            switch character {
            case "\"": quoted = true
            case separator: row.append(field); field = ""
            case "\n", "\r\n", "\r": row.append(field); field = ""; rows.append(row); row = []
            default: field.append(character)
            }
        }
    }
}
