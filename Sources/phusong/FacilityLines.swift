import Planning
import Workflows

/// The report's lines on the facilities: all of them, each operator's sites, then each kind with facilities in the area
/// (the first ten) and those without, with the share of those in the area covered by each of the run's `technologies`
/// and by any; then the first of those no technology covers.
func facilityLines(_ facilities: FootprintSummary.Facilities, technologies: Set<String>) -> [String] {
    let keys = CoverageMasks.keys.filter { $0 == "any" || technologies.contains($0) }
    func line(_ group: FootprintSummary.Facilities.Group, name: String) -> String {
        let shares = keys.compactMap { key in group.coveredPercent[key].map { String(format: "%@ %.1f %%", key, $0) } }
        return "  \(name): \(group.covered["any"] ?? 0) of the \(group.inArea) in the area covered (\(group.count) in all): " + shares.joined(separator: ", ")
    }
    let operators = (facilities.operators ?? [:]).sorted { $0.key < $1.key }.map { name, network in
        line(network.total, name: "all facilities, \(name)'s sites")
    }
    let shown = 10
    let inArea = facilities.byType.count > 1 ? facilities.byType.filter { $0.inArea > 0 } : []
    var kinds = inArea.prefix(shown).map { "  " + line($0, name: $0.type) }
    if inArea.count > shown { kinds.append("    … and \(inArea.count - shown) more types in summary.json") }
    let outside = facilities.byType.filter { $0.inArea == 0 }
    if !outside.isEmpty {
        let count = outside.reduce(0) { $0 + $1.count }
        kinds.append(outside.count <= 5
            ? "    none in the area: " + outside.map { "\($0.type) (\($0.count))" }.joined(separator: ", ")
            : "    none in the area: \(count) facilities of \(outside.count) types")
    }
    let missing = facilities.total.inArea - (facilities.total.covered["any"] ?? 0)
    let uncovered = facilities.notCovered.isEmpty ? [] : [
        "    without coverage: " + facilities.notCovered.joined(separator: ", ") + (missing > facilities.notCovered.count ? ", … (facilities.csv)" : "")
    ]
    return [line(facilities.total, name: "all facilities")] + operators + kinds + uncovered
}
