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

    func run(_ model: PathLossModel, allowExtrapolation: Bool = false) throws -> (FootprintSummary, String) {
        let out = try temporaryFolder("model-\(model.rawValue)")
        var parameters = CoverageParameters(radius: 3_000, model: model)
        parameters.environment.allowExtrapolation = allowExtrapolation
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
}
