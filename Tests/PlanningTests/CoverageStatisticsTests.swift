import Coverage
import Foundation
import Geometry
import Planning
import Propagation
import Terrain
import TestSupport
import Testing

@Suite("Coverage of residents per technology and level", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct CoverageStatisticsTests {
    /// Footprints of three sites (2G, 2G, 4G) on `grid`, line of sight within `radius`.
    func footprints(_ sites: [Site], on grid: TerrainGrid, radius: Double) throws -> [SiteFootprint] {
        let parameters = CoverageParameters(radius: radius)
        let positions = try CoverageEngine.positions(of: sites, on: grid)
        return try zip(sites, positions).map { site, position in
            SiteFootprint(coverage: try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters), grid: grid)
        }
    }

    @Test("Raster OR of the footprints' cells and the GEOS union of their polygons agree on covered area within 0.5 %")
    func rasterOrMatchesGEOSUnion() throws {
        let sites = [
            Site(id: "A", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 60, technology: .gsm),
            Site(id: "B", location: GeoPoint(latitude: 44.48, longitude: -71.40), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 60, technology: .gsm),
            Site(id: "C", location: GeoPoint(latitude: 44.455, longitude: -71.445), antennaHeight: 40, frequencyMHz: 1_800, eirpDBm: 60, technology: .lte),
        ]
        let source = try DEMSource.open(SharedData.path("terrain/N44W072.hgt"))
        let grid = try source.metricGrid(around: sites.map(\.location), radius: 6_000).grid
        let prints = try footprints(sites, on: grid, radius: 6_000)
        let masks = CoverageMasks(footprints: prints, gridWidth: grid.width, cellCount: grid.elevations.count)
        let cellArea = grid.spacing * grid.spacing
        for (key, group) in [("2G", prints.filter { $0.site.technology == .gsm }), ("4G", prints.filter { $0.site.technology == .lte }), ("any", prints)] {
            let union = try GeometryOperations.union(group.map(\.shape)).area
            let raster = Double(masks.coveredCells(key)) * cellArea
            #expect(union > 0 && abs(raster - union) / union < 0.005, "\(key): raster \(raster) m², GEOS \(union) m²")
        }
        #expect(masks.coveredCells("3G") == 0)
        #expect(masks.coveredCells("any") < masks.coveredCells("2G") + masks.coveredCells("4G"), "the 2G and 4G footprints overlap")
    }

    @Test("Bát Xát: statistics are stable, covered ≤ residents, any ≥ each technology, districts and province add up")
    func batXatStatistics() throws {
        let layer = try AdminLayer.load(SharedData.path("population/laocai_communes_census2009.geojson"))
        let sites = [
            Site(id: "BX-1", location: GeoPoint(latitude: 22.53, longitude: 103.88), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 60, technology: .gsm),
            Site(id: "BX-2", location: GeoPoint(latitude: 22.50, longitude: 103.83), antennaHeight: 30, frequencyMHz: 1_800, eirpDBm: 58, technology: .lte),
        ]
        let source = try DEMSource.open(SharedData.path("terrain/batxat_copernicus_glo30.tif"))
        let grid = try source.metricGrid(
            around: sites.map(\.location), radius: 8_000, region: layer.bounds, resolution: 30,
            policy: VoidPolicy(maxVoidFraction: 0.7)
        ).grid
        let masks = CoverageMasks(footprints: try footprints(sites, on: grid, radius: 8_000), gridWidth: grid.width, cellCount: grid.elevations.count)
        let first = ResidentStatistics(residents: try ResidentGrid.spread(layer, over: grid), coverage: masks)
        let second = ResidentStatistics(residents: try ResidentGrid.spread(layer, over: grid), coverage: masks)
        #expect(first == second)

        for commune in first.communes {
            let f = commune.figures
            for key in CoverageMasks.keys {
                #expect((f.coveredResidents[key] ?? 0) <= f.residents * (1 + 1e-12) + 1e-9)
                #expect((f.coveredResidents["any"] ?? 0) >= (f.coveredResidents[key] ?? 0) - 1e-9)
                #expect((f.coveredAreaKm2[key] ?? 0) <= f.areaKm2 + 1e-9)
            }
        }
        let province = try #require(first.provinces.first)
        #expect(first.provinces.count == 1 && province.name == "Lao Cai")
        #expect(province.figures.population == 516_058)
        #expect(first.districts.count == 9)
        #expect(abs(first.districts.reduce(0) { $0 + $1.figures.residents } - province.figures.residents) < 1e-6)
        #expect(abs(province.figures.residents - first.total.residents) < 1e-6)
        let covered = try #require(province.figures.residentsPercent("any"))
        #expect(covered > 10 && covered < 100, "\(covered) %")
        // The town of Bát Xát, wholly on the DEM near BX-1, is judged; communes mostly off the DEM are not.
        let town = try #require(first.communes.first { $0.name == "Bat Xat" })
        #expect(town.isJudged && town.terrainFraction == 1)
        #expect(!first.partlyOnTerrain.isEmpty && first.outsideTerrain.count > 100)
        #expect(Set(first.meetingTarget["any"]!).isSubset(of: Set(first.communes.filter(\.isJudged).map(\.id))))
        for id in first.meetingTarget["any"]! {
            let commune = try #require(first.communes.first { $0.id == id })
            #expect(commune.figures.residentsPercent("any")! >= 97)
        }
    }

    @Test("Priority communes are totalled apart; a repaired commune still gets its residents")
    func priorityCommunes() throws {
        var fields = AdminFields()
        fields.priority = "poor"
        let layer = try AdminLayer.load(Fixtures.path("population/synthetic_bowtie_communes.geojson"), fields: fields)
        let site = Site(id: "P", location: GeoPoint(latitude: 22.52, longitude: 103.875), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 60, technology: .gsm)
        let grid = try DEMSource.open(SharedData.path("terrain/batxat_copernicus_glo30.tif")).metricGrid(
            around: [site.location], radius: 3_000, region: layer.bounds, resolution: 30, policy: VoidPolicy(maxVoidFraction: 0.9)
        ).grid
        let masks = CoverageMasks(footprints: try footprints([site], on: grid, radius: 3_000), gridWidth: grid.width, cellCount: grid.elevations.count)
        let statistics = ResidentStatistics(residents: try ResidentGrid.spread(layer, over: grid), coverage: masks)
        #expect(statistics.priorityCommunes == ["2"])
        let bowTie = try #require(statistics.communes.last)
        #expect(bowTie.priorityWeight == 2 && bowTie.figures.residents > 0)
        #expect(statistics.priority == bowTie.figures)
        #expect(statistics.repairs.count == 1)
        #expect(abs(statistics.total.population - 2_000) < 1e-9)
    }
}
