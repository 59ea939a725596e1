/// The printed lines of the road length and the facilities covered before and after a plan or a tilt search (each when
/// the run has them; `before` and `after` name the two states), with what each counted in the objective.
func coveredAlongLines(
    roadsKm: (before: Double?, after: Double?), roadWeight: Double?, facilities: (before: Int?, after: Int?), facilityWeight: Double?,
    before: String, after: String
) -> [String] {
    var lines: [String] = []
    if let roadsBefore = roadsKm.before, let roadsAfter = roadsKm.after {
        lines.append(String(format: "  road covered: %.2f km %@, %.2f km %@", roadsBefore, before, roadsAfter, after)
            + (roadWeight.map { $0 > 0 ? String(format: " (each km counting %g residents)", $0) : "" } ?? ""))
    }
    if let facilitiesBefore = facilities.before, let facilitiesAfter = facilities.after {
        lines.append("  facilities covered: \(facilitiesBefore) \(before), \(facilitiesAfter) \(after)"
            + (facilityWeight.map { $0 > 0 ? String(format: " (each counting %g residents)", $0) : "" } ?? ""))
    }
    return lines
}
