import Coverage
import Geometry
import Planning
import Propagation

/// What switching technologies off would cost (`--sunset 2G`): per commune the residents covered now whom the other
/// technologies leave without coverage, and the area they leave (the switched-off technologies' coverage less the
/// others', GEOS difference).
struct SunsetLoss {
    let technologies: [Technology]
    /// In the layer's unit order: the residents losing coverage.
    let communes: [Double]
    /// The area losing coverage, on the grid's CRS.
    let area: MultiPolygon

    /// From the coverage masks, the residents per cell and each technology's coverage union.
    init(
        switchingOff technologies: Set<Technology>, residents: ResidentGrid, coverage: CoverageMasks,
        unions: [(technology: String, shape: MultiPolygon)]
    ) throws(GeometryError) {
        self.technologies = Technology.allCases.filter(technologies.contains)
        let kept = Technology.allCases.filter { !technologies.contains($0) }.map { coverage.masks[$0.rawValue]! }
        let any = coverage.masks["any"]!
        communes = residents.unitResidents { cell in any[cell] && !kept.contains { $0[cell] } }
        let names = Set(self.technologies.map(\.rawValue))
        let lost = try GeometryOperations.union(unions.filter { names.contains($0.technology) }.map(\.shape))
        let remaining = try GeometryOperations.union(unions.filter { !names.contains($0.technology) }.map(\.shape))
        area = try GeometryOperations.difference(lost, remaining)
    }
}

extension UnitStatistics {
    /// Whether the commune, covered now, would have no coverage left were `losing` of its covered residents to lose it.
    func isLeftWithoutCoverage(losing: Double) -> Bool {
        let covered = figures.coveredResidents["any"] ?? 0
        return covered > 0 && losing >= covered - 1e-9 * max(1, covered)
    }
}
