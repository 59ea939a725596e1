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
    var plan: [String: Int] = [:]
    for (line, row) in csv.dataRows {
        guard row.count > columns.max()!, !row[columns[0]].isEmpty else { throw InputError(path: path, reason: "line \(line): no site id") }
        let id = row[columns[0]]
        guard let code = Int(row[columns[1]].trimmingCharacters(in: .whitespaces)), range.contains(code) else {
            throw InputError(path: path, reason: "line \(line): site '\(id)' has no \(what) (a whole number \(range.lowerBound)–\(range.upperBound))")
        }
        guard plan.updateValue(code, forKey: id) == nil else { throw InputError(path: path, reason: "line \(line): site '\(id)' is listed twice") }
    }
    return plan
}
