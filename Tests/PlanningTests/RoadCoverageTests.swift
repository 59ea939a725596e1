import Coverage
import Geometry
import Planning
import Propagation
import Terrain
import Testing

/// Roads walked over a grid of 4 × 3 cells of 100 m whose coverage is known cell by cell.
@Suite("Roads walked over a run's coverage")
struct RoadCoverageTests {
    /// The grid: cell (row 1, column 3) a void. A 2G site covers column 1, a 4G site the cell (row 2, column 0).
    let grid = TerrainGrid(
        epsg: 32648, width: 4, height: 3, spacing: 100, cornerX: 500_000, cornerY: 2_500_000,
        elevations: [100, 100, 100, 100, 100, 100, 100, .nan, 100, 100, 100, 100]
    )

    var coverage: CoverageMasks {
        func footprint(_ technology: Technology, threshold: Double, column: Int, row: Int, width: Int, height: Int, power: [Float]) -> SiteFootprint {
            let site = Site(id: technology.rawValue, location: GeoPoint(latitude: 22.6, longitude: 105), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 60, technology: technology)
            return SiteFootprint(
                coverage: SiteCoverage(site: site, threshold: threshold, column: column, row: row, width: width, height: height, power: power, warnings: []),
                grid: grid
            )
        }
        return CoverageMasks(footprints: [
            footprint(.gsm, threshold: -95, column: 1, row: 0, width: 1, height: 3, power: [-50, -50, -50]),
            footprint(.lte, threshold: -110, column: 0, row: 2, width: 2, height: 1, power: [-60, -200]),
        ], gridWidth: grid.width, cellCount: grid.elevations.count)
    }

    /// A point `x` metres east of the grid's west edge and `y` metres south of its north edge.
    func at(_ x: Double, _ y: Double) -> MapPoint { MapPoint(x: 500_000 + x, y: 2_500_000 - y) }

    @Test("""
        A road along row 1 from 50 m to 450 m: 50 m uncovered, 100 m covered by 2G, 100 m uncovered, then the void and \
        the grid's end: 400 m long, 250 m in the area, the longest gap 100 m, four stretches
        """)
    func acrossTheVoidAndOffTheGrid() throws {
        let walked = RoadCoverage(features: [("A", [[at(50, 150), at(450, 150)]])], grid: grid, coverage: coverage)
        let road = try #require(walked.roads.first)
        #expect(abs(road.lengthM - 400) < 1e-9 && abs(road.inAreaM - 250) < 1e-9 && abs(road.longestGapM - 100) < 1e-9)
        #expect(road.coveredM.mapValues { ($0 * 1e6).rounded() / 1e6 } == ["2G": 100, "3G": 0, "4G": 0, "5G": 0, "any": 100])
        #expect(walked.stretches.map(\.coveredBy) == [[], ["2G", "any"], [], nil])
        #expect(walked.stretches.map { ($0.lengthM * 1e6).rounded() / 1e6 } == [50, 100, 100, 150])
        #expect(walked.stretches.map(\.points) == [[at(50, 150), at(100, 150)], [at(100, 150), at(200, 150)], [at(200, 150), at(300, 150)], [at(300, 150), at(450, 150)]])
    }

    @Test("""
        Three features of one name meeting end to end, one drawn towards the first and one leading into it, are one road \
        whose gap runs on across the joints (198 m, not 145, 50 and 3 m); a feature without a name is a road of its own
        """)
    func featuresJoinedEndToEnd() throws {
        let walked = RoadCoverage(features: [
            ("B", [[at(395, 250), at(250, 250)]]), ("B", [[at(5, 250), at(250, 250)]]), (nil, [[at(150, 20), at(150, 80)]]),
            ("B", [[at(398, 250), at(395, 250)]]),
        ], grid: grid, coverage: coverage)
        #expect(walked.roads.map(\.name) == ["B", "feature 3"] && walked.roads.map(\.features) == [3, 1])
        let road = walked.roads[0]
        #expect(abs(road.lengthM - 393) < 1e-9 && abs(road.inAreaM - 393) < 1e-9 && abs(road.longestGapM - 198) < 1e-9)
        #expect(walked.stretches.filter { $0.road == 0 }.count == 3)
        #expect(abs(road.coveredM["4G"]! - 95) < 1e-9 && abs(road.coveredM["2G"]! - 100) < 1e-9 && abs(road.coveredM["any"]! - 195) < 1e-9)
        #expect(walked.roads[1].coveredM["2G"] == 60 && walked.roads[1].longestGapM == 0)
    }

    @Test("A diagonal road: the share of its length over column 1 covered, the longest gap the half beyond it")
    func diagonal() throws {
        let walked = RoadCoverage(features: [("C", [[at(10, 10), at(390, 290)]])], grid: grid, coverage: coverage)
        let road = try #require(walked.roads.first), length = (380.0 * 380 + 280 * 280).squareRoot()
        #expect(abs(road.lengthM - length) < 1e-9 && abs(road.inAreaM - length) < 1e-9)
        #expect(abs(road.coveredM["2G"]! - length * 100 / 380) < 1e-9 && road.coveredM["4G"] == 0)
        #expect(abs(road.longestGapM - length * 190 / 380) < 1e-9 && walked.stretches.count == 3)
    }
}
