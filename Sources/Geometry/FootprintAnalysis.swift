import Coverage
import Terrain

/// A site's coverage as a polygon in the grid's metric CRS.
public struct SiteFootprint: Sendable {
    public let siteID: String
    public let shape: MultiPolygon
    public let coveredCells: Int

    /// Area in square kilometres.
    public var areaKm2: Double { shape.area / 1e6 }
}

/// The area two sites both cover.
public struct Overlap: Sendable, Equatable {
    public let first: String
    public let second: String
    public let areaKm2: Double
}

/// Footprints of many sites, their union and their pairwise overlaps.
public struct FootprintAnalysis: Sendable {
    public let footprints: [SiteFootprint]
    public let union: MultiPolygon
    /// Pairs of sites whose footprints overlap with positive area.
    public let overlaps: [Overlap]

    public var unionAreaKm2: Double { union.area / 1e6 }

    /// Traces every coverage window into a polygon, unions them with GEOS and measures the overlaps
    /// (only pairs whose bounding boxes meet are intersected).
    public init(coverages: [SiteCoverage], grid: TerrainGrid) throws(GeometryError) {
        footprints = parallelMap(count: coverages.count, chunkSize: 1) { index in
            let coverage = coverages[index]
            let origin = grid.georeference(column: coverage.column, row: coverage.row).geoTransform
            let tracer = MaskTracer(cornerX: origin[0], cornerY: origin[3], spacing: grid.spacing)
            return SiteFootprint(
                siteID: coverage.site.id,
                shape: tracer.polygons(of: coverage.coveredMask, width: coverage.width, height: coverage.height),
                coveredCells: coverage.coveredCellCount
            )
        }
        union = try GeometryOperations.union(footprints.map(\.shape))
        var overlaps: [Overlap] = []
        let boxes = footprints.map(\.shape.bounds)
        for i in footprints.indices {
            for j in footprints.indices where j > i {
                guard let a = boxes[i], let b = boxes[j], a.minX < b.maxX, b.minX < a.maxX, a.minY < b.maxY, b.minY < a.maxY
                else { continue }
                let shared = try GeometryOperations.intersection(footprints[i].shape, footprints[j].shape).area
                if shared > 0 {
                    overlaps.append(Overlap(first: footprints[i].siteID, second: footprints[j].siteID, areaKm2: shared / 1e6))
                }
            }
        }
        self.overlaps = overlaps
    }
}
