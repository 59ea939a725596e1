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
        _ model: PathLossModel, allowExtrapolation: Bool = false, radius: Double = 3_000, locationPercent: Double = 50
    ) throws -> (FootprintSummary, String) {
        let out = try temporaryFolder("model-\(model.rawValue)")
        var parameters = CoverageParameters(radius: radius, model: model)
        parameters.environment.allowExtrapolation = allowExtrapolation
        parameters.environment.itm.location = locationPercent
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

    @Test("rma: each cell takes the LOS or NLOS formula as the los model's exact line of sight finds it in sight or not")
    func ruralMacro() throws {
        let (median, medianFolder) = try run(.rma)
        let (ninety, ninetyFolder) = try run(.rma, locationPercent: 90)
        let (_, sightFolder) = try run(.los)
        defer { [medianFolder, ninetyFolder, sightFolder].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        #expect(median.warnings.isEmpty && median.settings.ruralBuildingHeightM == 5 && median.settings.ruralStreetWidthM == 20)
        #expect(ninety.siteAreas.allSatisfy { $0.locationMarginDB == 0 }, "rma's margins are per cell, in its losses")
        let z90 = 1.2816  // ITM's normal deviate, to 1e-3: the division below is rounded to whole dB
        for site in ["NH-1", "NH-2"] {
            let (powers, shadowed, sight) = try (power(medianFolder, site: site), power(ninetyFolder, site: site), power(sightFolder, site: site))
            var cells: [Double: Int] = [:]
            for ((p50, p90), seen) in zip(zip(powers, shadowed), sight) where !p50.isNaN {
                // The margin tells which formula the cell took: σ 4 or 6 dB in sight, 8 out of it.
                let sigma = (Double(p50 - p90) / z90).rounded()
                #expect((sigma == 8) == seen.isNaN, "\(site): σ \(sigma) where los found the cell \(seen.isNaN ? "hidden" : "in sight")")
                cells[sigma, default: 0] += 1
            }
            #expect(cells.keys.sorted() == [4, 6, 8], "\(site): \(cells)")
            #expect(powers.filter { !$0.isNaN }.count == sight.count - sight.filter(\.isNaN).count + cells[8, default: 0])
        }
        // Beyond 5 km a footprint's hidden cells lie outside the table's range.
        let error = try #require(throws: InputError.self) { _ = try run(.rma, radius: 6_000) }
        #expect(error.reason.contains("distance 6 km is outside 0.01–5 km") && error.reason.contains("or allow extrapolation"), "\(error.reason)")
        let (stretched, stretchedFolder) = try run(.rma, allowExtrapolation: true, radius: 6_000)
        defer { try? FileManager.default.removeItem(atPath: stretchedFolder) }
        #expect(stretched.warnings.contains { $0.contains("rma: distance 6 km") && $0.hasSuffix("(extrapolated)") }, "\(stretched.warnings)")
    }
}
