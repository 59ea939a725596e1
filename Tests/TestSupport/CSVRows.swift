import Foundation

/// A run's CSV file (plain comma-separated, no quoting) as rows of named fields, by their first column.
public func csvRows(_ path: String) throws -> [String: [String: String]] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    return Dictionary(uniqueKeysWithValues: lines.dropFirst().map { row in (row[0], Dictionary(uniqueKeysWithValues: zip(lines[0], row))) })
}
