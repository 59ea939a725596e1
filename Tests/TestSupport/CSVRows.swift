import Foundation

/// A run's CSV file (plain comma-separated, no quoting; lines ending LF or CRLF) as its rows of named fields.
public func csvTable(_ path: String) throws -> [[String: String]] {
    let lines = try csvLines(path)
    guard let header = lines.first else { return [] }
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

/// The same rows by their first column.
public func csvRows(_ path: String) throws -> [String: [String: String]] {
    let lines = try csvLines(path)
    return Dictionary(uniqueKeysWithValues: lines.dropFirst().map { row in (row[0], Dictionary(uniqueKeysWithValues: zip(lines[0], row))) })
}

private func csvLines(_ path: String) throws -> [[String]] {
    try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}
