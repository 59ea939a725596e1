import Planning
import Workflows

/// The report's lines on the facilities: all of them, each operator's sites, then each kind, with the share of those in
/// the area covered by each of the run's `technologies` and by any; then the first of those no technology covers.
func facilityLines(_ facilities: FootprintSummary.Facilities, technologies: Set<String>) -> [String] {
    let keys = CoverageMasks.keys.filter { $0 == "any" || technologies.contains($0) }
    func line(_ group: FootprintSummary.Facilities.Group, name: String) -> String {
        let shares = keys.compactMap { key in group.coveredPercent[key].map { String(format: "%@ %.1f %%", key, $0) } }
        guard group.inArea > 0 else { return "  \(name): \(group.count), none in the area" }
        return "  \(name): \(group.covered["any"] ?? 0) of the \(group.inArea) in the area covered (\(group.count) in all): " + shares.joined(separator: ", ")
    }
    let operators = (facilities.operators ?? [:]).sorted { $0.key < $1.key }.map { name, network in
        line(network.total, name: "all facilities, \(name)'s sites")
    }
    let kinds = facilities.byType.count > 1 ? facilities.byType.map { "  " + line($0, name: $0.type) } : []
    let missing = facilities.total.inArea - (facilities.total.covered["any"] ?? 0)
    let uncovered = facilities.notCovered.isEmpty ? [] : [
        "    without coverage: " + facilities.notCovered.joined(separator: ", ") + (missing > facilities.notCovered.count ? ", … (facilities.csv)" : "")
    ]
    return [line(facilities.total, name: "all facilities")] + operators + kinds + uncovered
}
