import Coverage
import Geometry
import Propagation

/// Which grid cells each technology covers, and which any technology covers, built from site footprints.
public struct CoverageMasks: Sendable {
    /// The layers reported: one per technology, then "any".
    public static let keys = Technology.allCases.map(\.rawValue) + ["any"]

    /// Per key of `keys`, one flag per grid cell (row-major).
    public let masks: [String: [Bool]]

    /// ORs the footprints' covered cells per technology; `gridWidth` × `cellCount` is the run's grid.
    public init(footprints: [SiteFootprint], gridWidth: Int, cellCount: Int) {
        var masks = Dictionary(uniqueKeysWithValues: Self.keys.map { ($0, [Bool](repeating: false, count: cellCount)) })
        for footprint in footprints {
            for cell in footprint.cells.cellIndices(gridWidth: gridWidth) {
                masks[footprint.site.technology.rawValue]![cell] = true
                masks["any"]![cell] = true
            }
        }
        self.masks = masks
    }

    /// Covered cells of one layer.
    public func coveredCells(_ key: String) -> Int { masks[key]?.reduce(0) { $0 + ($1 ? 1 : 0) } ?? 0 }
}
