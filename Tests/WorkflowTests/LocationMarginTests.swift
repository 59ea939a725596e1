import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Coverage at a percentage of locations", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct LocationMarginTests {
    let terrain = SharedData.path("terrain/N44W072.hgt")
    let site = Site(
        id: "NH-1", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 60,
        technology: .gsm
    )

    /// The site's received power over N44W072 (5 km) with `model` at `location` percent of locations.
    func power(_ model: PathLossModel, location: Double, sigma: Double? = nil) throws -> [Float] {
        let grid = try DEMSource.open(terrain).metricGrid(around: [site.location], radius: 5_000).grid
        var parameters = CoverageParameters(radius: 5_000, model: model)
        parameters.environment.itm.location = location
        parameters.environment.locationSigmaDB = sigma
        let position = try CoverageEngine.positions(of: [site], on: grid)[0]
        return try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters).power
    }

    @Test("""
        hata at 90 % of locations: every cell 1.28 × Okumura's 6.44 dB (900 MHz) below the median; p526 with σ 8 dB, \
        10.25 dB below; ITM's own variability changes its powers unevenly
        """)
    func marginOffEveryCell() throws {
        for (model, sigma) in [(PathLossModel.hata, nil), (.p526, 8.0)] {
            let median = try power(model, location: 50), reliable = try power(model, location: 90, sigma: sigma)
            let expected = LocationVariability.marginDB(percent: 90, sigma: sigma ?? LocationVariability.okumuraUrbanSigmaDB(frequencyMHz: 900))
            let differences = zip(median, reliable).filter { !$0.0.isNaN }.map { Double($0.0 - $0.1) }
            #expect(differences.count > 5_000 && zip(median, reliable).allSatisfy { $0.0.isNaN == $0.1.isNaN }, "\(model)")
            #expect(differences.allSatisfy { abs($0 - expected) < 1e-3 }, "\(model): \(differences.min()!)–\(differences.max()!) against \(expected)")
        }
        #expect(abs(LocationVariability.marginDB(percent: 90, sigma: LocationVariability.okumuraUrbanSigmaDB(frequencyMHz: 900)) - 8.256) < 0.01)
        let itm = zip(try power(.itm, location: 50), try power(.itm, location: 90)).filter { !$0.0.isNaN }.map { Double($0.0 - $0.1) }
        #expect(itm.min()! > -1e-3 && itm.max()! - itm.min()! > 1, "ITM's location variability grows with distance and terrain: \(itm.min()!)–\(itm.max()!)")
    }

    @Test("A run at 90 % gives each site's margin in summary.json; p526 without a σ is refused naming the option")
    func summaryAndRefusal() throws {
        let folder = try temporaryFolder("location-margin")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var parameters = CoverageParameters(radius: 5_000, model: .hata)
        parameters.environment.itm.location = 90
        parameters.environment.allowExtrapolation = true  // NH-2 is at 1800 MHz
        let summary = try FootprintJob.run(FootprintRequest(
            terrainPath: terrain, sitesPath: Fixtures.path("sites/nh_two_sites.csv"), outputDirectory: folder + "/run", parameters: parameters
        ))
        let margins = summary.siteAreas.map(\.locationMarginDB)
        #expect(abs(margins[0] - 8.256) < 0.01, "NH-1: 900 MHz, Okumura's σ 6.44 dB")
        #expect(abs(margins[1] - LocationVariability.marginDB(percent: 90, sigma: LocationVariability.okumuraUrbanSigmaDB(frequencyMHz: 1_800))) < 1e-9)
        #expect(summary.settings.locationPercent == 90 && summary.settings.locationSigmaDB == nil)
        let refused = try runProgram(phusongExecutable, [
            "footprint", "--terrain", terrain, "--sites", Fixtures.path("sites/nh_two_sites.csv"), "--out", folder + "/p526",
            "--model", "p526", "--location", "90",
        ])
        #expect(refused.status != 0 && refused.stderr.contains("--location 90.0 needs --location-sigma-db"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/p526"))
    }

    @Test("phusong path: hata's loss at 90 % is the median's plus the margin, given among the components")
    func pathMargin() throws {
        func loss(location: Double) throws -> PathReport {
            var environment = RadioEnvironment()
            environment.itm.location = location
            return try PathJob.run(PathRequest(
                terrainPath: terrain, from: site.location, to: GeoPoint(latitude: 44.48, longitude: -71.42),
                link: LinkSettings(transmitterHeight: 30, receiverHeight: 1.5, frequencyMHz: 900, environment: environment, earth: EarthModel())
            ), model: .hata)
        }
        let median = try loss(location: 50), reliable = try loss(location: 90)
        let margin = try #require(reliable.components["location_margin_db"])
        #expect(abs(margin - 8.256) < 0.01 && median.components["location_margin_db"] == nil)
        #expect(abs(try #require(reliable.lossDB) - (try #require(median.lossDB) + margin)) < 1e-9)
        #expect(reliable.components["location_sigma_db"] == LocationVariability.okumuraUrbanSigmaDB(frequencyMHz: 900))
    }
}
