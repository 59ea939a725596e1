import Coverage
import Propagation
import Terrain

/// `sites` with the values of a per-site plan read from `path` (a channel or PCI plan), which may list sites of
/// `sites` of `technology` only; `kind` names the plan and `what` what it gives them, which `set` gives.
func applyPlan<Value>(
    _ plan: [String: Value], to sites: [Site], path: String, technology: Technology, kind: String, what: String,
    set: (inout Site, Value) -> Void
) throws(InputError) -> [Site] {
    try applyPlan(plan, to: sites, path: path, refusing: { site, _ in
        site.technology == technology
            ? nil : "is a \(site.technology.rawValue) site: a \(kind) plan gives \(technology.rawValue) sites their \(what)"
    }, set: set)
}

/// `sites` with the values of a per-site plan read from `path`, which may list sites of `sites` only, and none that
/// `refusing` finds a reason (following "site 'id' ") to refuse its value; `set` gives the value.
func applyPlan<Value>(
    _ plan: [String: Value], to sites: [Site], path: String, refusing: (Site, Value) -> String?, set: (inout Site, Value) -> Void
) throws(InputError) -> [Site] {
    let known = Dictionary(sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for (id, value) in plan.sorted(by: { $0.key < $1.key }) {
        guard let listed = known[id] else { throw InputError(path: path, reason: "site '\(id)' is not in the site list") }
        if let reason = refusing(listed, value) { throw InputError(path: path, reason: "site '\(id)' \(reason)") }
    }
    return sites.map { site in
        var planned = site
        if let value = plan[site.id] { set(&planned, value) }
        return planned
    }
}

/// Each data row of a per-site plan's `csv` (read from `path`) by the site id in `idColumn`, as `value` reads it from the
/// row's fields, its line number and the id; a row without an id (or shorter than `columns`) or an id listed twice is
/// refused.
func sitePlanRows<Value>(
    _ csv: CSV, path: String, idColumn: Int, columns: [Int],
    value: (_ row: [String], _ line: Int, _ id: String) throws(InputError) -> Value
) throws(InputError) -> [String: Value] {
    var plan: [String: Value] = [:]
    for (line, row) in csv.dataRows {
        guard row.count > max(idColumn, columns.max() ?? 0), !row[idColumn].isEmpty else {
            throw InputError(path: path, reason: "line \(line): no site id")
        }
        let id = row[idColumn]
        guard plan.updateValue(try value(row, line, id), forKey: id) == nil else {
            throw InputError(path: path, reason: "line \(line): site '\(id)' is listed twice")
        }
    }
    return plan
}
