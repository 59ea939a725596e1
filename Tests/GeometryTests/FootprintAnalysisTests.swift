import Coverage
import Geometry
import Terrain
import Testing

@Suite("Footprint analysis")
struct FootprintAnalysisTests {
    /// A site's coverage over a 200 × 150 window above the threshold: a speckled disc (holes) and lone cells
    /// around it (islands).
    func speckledCoverage() -> (SiteCoverage, TerrainGrid) {
        let (width, height) = (200, 150)
        let grid = TerrainGrid(
            epsg: 32619, width: width, height: height, spacing: 92.66, cornerX: 275_000, cornerY: 4_955_000,
            elevations: [Float](repeating: 300, count: width * height), isSynthetic: true
        )
        let power = (0..<(width * height)).map { index -> Float in
            let dx = Double(index % width - 100), dy = Double(index / width - 75)
            let speckle = (index &* 2_654_435_761) >> 7 % 5 == 0
            let island = dx * dx + dy * dy > 72 * 72 && index % 9 == 0 && index / width % 4 == 0
            return (dx * dx + dy * dy <= 70 * 70 && !speckle) || island ? -80 : -120
        }
        let site = Site(
            id: "S", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 900,
            eirpDBm: 60, technology: .gsm
        )
        let coverage = SiteCoverage(
            site: site, threshold: -95, column: 0, row: 0, width: width, height: height, power: power, warnings: []
        )
        return (coverage, grid)
    }

    @Test("One site: its traced footprint is the union, the region GEOS's union of it gives, with no overlaps")
    func singleSite() throws {
        let (coverage, grid) = speckledCoverage()
        let footprint = SiteFootprint(coverage: coverage, grid: grid)
        let analysis = try FootprintAnalysis(footprints: [footprint])
        let geos = try GeometryOperations.union([footprint.shape])
        let holes = geos.polygons.reduce(0) { $0 + $1.holes.count }
        #expect(geos.polygons.count > 10 && holes > 100, "a fragmented footprint (\(geos.polygons.count) polygons, \(holes) holes)")
        #expect(analysis.union.polygons.count == geos.polygons.count)
        #expect(try GeometryOperations.difference(geos, analysis.union).area < 1e-6)
        #expect(try GeometryOperations.difference(analysis.union, geos).area < 1e-6)
        #expect(try GeometryOperations.invalidityReason(analysis.union) == nil)
        #expect(abs(analysis.unionAreaKm2 - Double(coverage.coveredCellCount) * 92.66 * 92.66 / 1e6) < 1e-9)
        #expect(analysis.overlaps.isEmpty)
    }
}
