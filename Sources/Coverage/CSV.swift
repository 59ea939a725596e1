/// Minimal RFC 4180 CSV reading: commas, double-quoted fields with "" escapes, CRLF or LF line ends.
public enum CSV {
    public static func rows(_ text: String) -> [[String]] {
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
            case ",": row.append(field); field = ""
            case "\n", "\r\n", "\r": row.append(field); field = ""; rows.append(row); row = []
            default: field.append(character)
            }
        }
    }
}
