import Coverage
import Propagation
import Terrain

/// `sites` with the values of a per-site plan read from `path` (a channel or PCI plan), which may list sites of
/// `sites` of `technology` only; `kind` names the plan and `what` what it gives them, which `set` gives.
func applyPlan<Value>(
    _ plan: [String: Value], to sites: [Site], path: String, technology: Technology, kind: String, what: String,
    set: (inout Site, Value) -> Void
) throws(InputError) -> [Site] {
    let known = Dictionary(sites.map { ($0.id, $0.technology) }, uniquingKeysWith: { first, _ in first })
    for id in plan.keys.sorted() {
        guard let listed = known[id] else { throw InputError(path: path, reason: "site '\(id)' is not in the site list") }
        guard listed == technology else {
            throw InputError(path: path, reason: "site '\(id)' is a \(listed.rawValue) site: a \(kind) plan gives \(technology.rawValue) sites their \(what)")
        }
    }
    return sites.map { site in
        var planned = site
        if let value = plan[site.id] { set(&planned, value) }
        return planned
    }
}
