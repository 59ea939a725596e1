import Coverage
import Terrain

/// A site's coverage as a polygon in the grid's metric CRS (the power raster itself is not kept).
public struct SiteFootprint: Sendable {
    public let site: Site
    /// The received power that counted as covered, dBm.
    public let threshold: Double
    public let shape: MultiPolygon
    /// The same covered cells as runs along grid rows, for exact cell arithmetic.
    public let cells: CellRuns
    /// Cell size in metres.
    public let spacing: Double
    public let warnings: [String]
    /// The window of the grid the footprint was traced on, and the tracer placed on it.
    public let window: TracedWindow

    public var siteID: String { site.id }
    public var coveredCells: Int { cells.cellCount }

    /// Area in square kilometres.
    public var areaKm2: Double { shape.area / 1e6 }

    /// Traces the covered cells of `coverage` (a window of `grid`) into polygons.
    public init(coverage: SiteCoverage, grid: TerrainGrid) {
        let tracer = MaskTracer(grid: grid, column: coverage.column, row: coverage.row)
        site = coverage.site
        threshold = coverage.threshold
        cells = CellRuns(mask: coverage.coveredMask, width: coverage.width, height: coverage.height, column: coverage.column, row: coverage.row)
        shape = tracer.polygons(of: cells, column: coverage.column, width: coverage.width, height: coverage.height)
        spacing = grid.spacing
        warnings = coverage.warnings
        window = TracedWindow(column: coverage.column, row: coverage.row, width: coverage.width, height: coverage.height, tracer: tracer)
    }
}

/// A window of the grid (cells) and the tracer that turns masks of it into polygons.
public struct TracedWindow: Sendable {
    public let column: Int
    public let row: Int
    public let width: Int
    public let height: Int
    public let tracer: MaskTracer
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

    /// Unions the footprints with GEOS, in vertical bands on all cores, each footprint without the parts other
    /// footprints make redundant (`UnionPieces`); a single footprint is its own union (traced footprints are valid,
    /// so GEOS would only hand back the same region). Pairwise overlaps are counted on the cells themselves — the
    /// polygons are exact unions of grid cells, so this equals the area of their GEOS intersection, at a fraction
    /// of the cost.
    public init(footprints: [SiteFootprint]) throws(GeometryError) {
        self.footprints = footprints
        union = footprints.count == 1
            ? footprints[0].shape : try GeometryOperations.unionOfAxisParallel(UnionPieces(footprints).pieces)
        // Each footprint's cells counted once, against every later footprint (the last has none).
        let shared = parallelMap(count: footprints.count - 1, chunkSize: 1) { i in
            let counts = CoveredCellCounts(footprints[i].cells)
            return footprints.indices.dropFirst(i + 1).map { counts.commonCells(with: footprints[$0].cells) }
        }
        var overlaps: [Overlap] = []
        for (i, laterCells) in shared.enumerated() {
            for (j, cells) in zip(footprints.indices.dropFirst(i + 1), laterCells) where cells > 0 {
                let area = Double(cells) * footprints[i].spacing * footprints[i].spacing / 1e6
                overlaps.append(Overlap(first: footprints[i].siteID, second: footprints[j].siteID, areaKm2: area))
            }
        }
        self.overlaps = overlaps
    }
}
