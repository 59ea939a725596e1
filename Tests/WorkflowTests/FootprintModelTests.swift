import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("phusong footprint with each model", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct FootprintModelTests {
    let terrain = SharedData.path("terrain/N44W072.hgt")

    func run(
        _ model: PathLossModel, allowExtrapolation: Bool = false, radius: Double = 3_000, locationPercent: Double = 50,
        sightProbability: Bool = false
    ) throws -> (FootprintSummary, String) {
        let out = try temporaryFolder("model-\(model.rawValue)")
        var parameters = CoverageParameters(radius: radius, model: model)
        parameters.environment.allowExtrapolation = allowExtrapolation
        parameters.environment.itm.location = locationPercent
        parameters.environment.sightProbability = sightProbability
        let summary = try FootprintJob.run(FootprintRequest(
            terrainPath: terrain, sitesPath: Fixtures.path("sites/nh_two_sites.geojson"), outputDirectory: out,
            parameters: parameters
        ))
        return (summary, out)
    }

    /// The per-site power raster written by a run, read back with GDAL.
    func power(_ folder: String, site: String) throws -> [Float] {
        let source = try DEMSource.open(folder + "/sites/\(site).tif")
        return try #require(try source.read(covering: source.describe().frame.bounds)).values
    }

    @Test("Every model writes a footprint; P.526 and LOS never cover a cell free space does not")
    func allModels() throws {
        var folders: [PathLossModel: String] = [:]
        defer { folders.values.forEach { try? FileManager.default.removeItem(atPath: $0) } }
        for model in PathLossModel.allCases {
            let (summary, folder) = try run(model, allowExtrapolation: true)
            folders[model] = folder
            #expect(summary.model == model.rawValue)
            #expect(summary.unionAreaKm2 > 0, "\(model)")
            #expect(FileManager.default.fileExists(atPath: folder + "/footprints.geojson"))
        }
        for site in ["NH-1", "NH-2"] {
            let free = try power(folders[.fspl]!, site: site)
            for model in [PathLossModel.p526, .los] {
                let other = try power(folders[model]!, site: site)
                #expect(free.count == other.count)
                for (a, b) in zip(free, other) where !b.isNaN {
                    #expect(a >= b - 1e-3, "\(model) exceeds free space at \(site)")
                }
            }
        }
    }

    @Test("Hata refuses a 1800 MHz site unless extrapolation is allowed, then warns")
    func hataRange() throws {
        let error = try #require(throws: InputError.self) { _ = try run(.hata) }
        #expect(error.reason.contains("site 'NH-2'"))
        #expect(error.reason.contains("frequency 1800 MHz is outside 150–1500 MHz"))
        let (summary, folder) = try run(.hata, allowExtrapolation: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(summary.warnings.contains { $0.contains("NH-2") && $0.contains("extrapolated") })
    }

    /// Checks that each cell of `model`'s footprints took its line-of-sight or NLOS formula as the los model's exact line
    /// of sight finds it in sight or not, telling them by their margins at 90 % of locations (`sigmas`: the σ in sight,
    /// each a whole dB, and out of it, of which `hidden` is the one out of sight); returns the runs' summaries.
    func checkSight(
        _ model: PathLossModel, sigmas: [Double], hidden: Double, allowExtrapolation: Bool = false
    ) throws -> (median: FootprintSummary, ninety: FootprintSummary) {
        let (median, medianFolder) = try run(model, allowExtrapolation: allowExtrapolation)
        let (ninety, ninetyFolder) = try run(model, allowExtrapolation: allowExtrapolation, locationPercent: 90)
        let (_, sightFolder) = try run(.los)
        defer { [medianFolder, ninetyFolder, sightFolder].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        #expect(ninety.siteAreas.allSatisfy { $0.locationMarginDB == 0 }, "\(model)'s margins are per cell, in its losses")
        let z90 = 1.2816  // ITM's normal deviate, to 1e-3: the division below is rounded to 0.01 dB
        for site in ["NH-1", "NH-2"] {
            let (powers, shadowed, sight) = try (power(medianFolder, site: site), power(ninetyFolder, site: site), power(sightFolder, site: site))
            var cells: [Double: Int] = [:]
            for ((p50, p90), seen) in zip(zip(powers, shadowed), sight) where !p50.isNaN {
                let sigma = (Double(p50 - p90) / z90 * 100).rounded() / 100
                #expect((sigma == hidden) == seen.isNaN, "\(site): σ \(sigma) where los found the cell \(seen.isNaN ? "hidden" : "in sight")")
                cells[sigma, default: 0] += 1
            }
            #expect(cells.keys.sorted() == sigmas, "\(site): \(cells)")
            #expect(powers.filter { !$0.isNaN }.count == sight.count - sight.filter(\.isNaN).count + cells[hidden, default: 0])
        }
        return (median, ninety)
    }

    @Test("rma: each cell takes the LOS or NLOS formula as the los model's exact line of sight finds it in sight or not")
    func ruralMacro() throws {
        let median = try checkSight(.rma, sigmas: [4, 6, 8], hidden: 8).median
        #expect(median.warnings.isEmpty && median.settings.ruralBuildingHeightM == 5 && median.settings.ruralStreetWidthM == 20)
        // Beyond 5 km a footprint's hidden cells lie outside the table's range.
        let error = try #require(throws: InputError.self) { _ = try run(.rma, radius: 6_000) }
        #expect(error.reason.contains("distance 6 km is outside 0.01–5 km") && error.reason.contains("or allow extrapolation"), "\(error.reason)")
        let (stretched, stretchedFolder) = try run(.rma, allowExtrapolation: true, radius: 6_000)
        defer { try? FileManager.default.removeItem(atPath: stretchedFolder) }
        #expect(stretched.warnings.contains { $0.contains("rma: distance 6 km") && $0.hasSuffix("(extrapolated)") }, "\(stretched.warnings)")
    }

    @Test("uma and umi: each cell takes the LOS or NLOS formula as the los model's exact line of sight finds it; the NH sites' 30 m masts, not the scenarios' 25 and 10 m, are refused unless extrapolation is allowed, then warned of")
    func urbanCells() throws {
        for (model, hidden, height) in [(PathLossModel.uma, 6.0, 25), (.umi, 7.82, 10)] {
            let error = try #require(throws: InputError.self) { _ = try run(model) }
            #expect(error.reason.contains("\(model.rawValue): base-station height 30 m is not the model's \(height) m"), "\(error.reason)")
            let median = try checkSight(model, sigmas: [4, hidden], hidden: hidden, allowExtrapolation: true).median
            #expect(median.warnings.contains { $0.contains("\(model.rawValue): base-station height 30 m") && $0.hasSuffix("(extrapolated)") }, "\(median.warnings)")
        }
    }

    @Test("uma with the probability of line of sight: cells the terrain hides keep the NLOS loss, cells in sight lose more than line of sight's and less than NLOS's; summary.json says so; with itm it is refused (exit 64)")
    func urbanSightProbability() throws {
        let (plain, plainFolder) = try run(.uma, allowExtrapolation: true, locationPercent: 90)
        let (mixed, mixedFolder) = try run(.uma, allowExtrapolation: true, locationPercent: 90, sightProbability: true)
        let (_, sightFolder) = try run(.los)
        defer { [plainFolder, mixedFolder, sightFolder].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        #expect(mixed.settings.sightProbability && !plain.settings.sightProbability)
        #expect(mixed.unionAreaKm2 < plain.unionAreaKm2, "\(mixed.unionAreaKm2) km² against \(plain.unionAreaKm2)")
        for site in ["NH-1", "NH-2"] {
            let (before, after, sight) = try (power(plainFolder, site: site), power(mixedFolder, site: site), power(sightFolder, site: site))
            var lowered = 0
            for ((a, b), seen) in zip(zip(before, after), sight) where !a.isNaN {
                if seen.isNaN {
                    #expect(a == b, "\(site): a hidden cell changed")
                } else {
                    // Within 0.01 dB: the mixture's normal is exact, the margins' deviate Abramowitz and Stegun's.
                    #expect(b <= a + 0.01, "\(site): a cell in sight gained")
                    if b < a - 0.1 { lowered += 1 }
                }
            }
            #expect(lowered > 100, "\(site): \(lowered) cells in sight lowered")
        }
        let refused = try runProgram(phusongExecutable, [
            "footprint", "--terrain", terrain, "--sites", Fixtures.path("sites/nh_two_sites.geojson"), "--out", plainFolder + "/itm",
            "--model", "itm", "--los-probability",
        ])
        #expect(refused.status == 64 && refused.stderr.contains("--los-probability (los_probability) is for 3GPP's scenarios"), "\(refused.stderr)")
    }
}
