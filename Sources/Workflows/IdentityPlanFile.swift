import Coverage
import Foundation
import Terrain

/// The plan in `path` giving sites an identity (columns `id` and `column`, as `writer` writes): each listed site's
/// identity, a whole number in `range` (`what` names it in errors).
func loadIdentityPlan(_ path: String, column: String, range: ClosedRange<Int>, what: String, writer: String) throws(InputError) -> [String: Int] {
    let csv = CSV(try readTextInput(path))
    guard let columns = csv.columns(["id", column]) else {
        throw InputError(path: path, reason: "needs the columns id and \(column): a \(what) plan such as \(writer) writes")
    }
    return try sitePlanRows(csv, path: path, idColumn: columns[0], columns: columns) { row, line, id throws(InputError) in
        guard let code = Int(row[columns[1]].trimmingCharacters(in: .whitespaces)), range.contains(code) else {
            throw InputError(path: path, reason: "line \(line): site '\(id)' has no \(what) (a whole number \(range.lowerBound)–\(range.upperBound))")
        }
        return code
    }
}
