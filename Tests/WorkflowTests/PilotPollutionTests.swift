import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

extension SignalQualityTests {
    /// Five 3G sites on 2100 MHz a few kilometres apart and one on 900 MHz: where the five overlap, pilots crowd.
    var crowdedSites: [Site] {
        let positions = [(44.50, -71.50), (44.52, -71.47), (44.48, -71.46), (44.51, -71.53), (44.50, -71.44), (44.45, -71.58)]
        return positions.enumerated().map { index, position in
            Site(
                id: "P\(index + 1)", location: GeoPoint(latitude: position.0, longitude: position.1), antennaHeight: 30,
                frequencyMHz: index == 5 ? 900 : 2_100, eirpDBm: 47, technology: .umts
            )
        }
    }

    @Test("""
        pilots.tif, cell by cell: how many 2100 MHz pilots covering the cell (−100 dBm) lie within the window of the \\
        strongest 3G pilot, on its carrier, counted up to one more than the active set; percent_polluted is the share of \\
        covered cells with more than the active set; the window and the active set are the user's
        """)
    func pilotPollutionPerCell() throws {
        let folder = try temporaryFolder("pilots")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = crowdedSites
        let grid = try DEMSource.open(terrain).metricGrid(around: sites.map(\.location), radius: parameters.radius).grid
        let positions = try CoverageEngine.positions(of: sites, on: grid)
        let powers: [[Float]] = try zip(sites, positions).map { site, position in
            let coverage = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
            var dBm = [Float](repeating: .nan, count: grid.width * grid.height)
            for row in 0..<coverage.height {
                for column in 0..<coverage.width {
                    dBm[(coverage.row + row) * grid.width + coverage.column + column] = coverage.power[row * coverage.width + column]
                }
            }
            return dBm
        }
        for settings in [EcIoSettings(), EcIoSettings(pilotWindowDB: 8, activeSetSize: 2)] {
            var request = FootprintRequest(terrainPath: terrain, sitesPath: "sites", outputDirectory: folder, parameters: parameters)
            request.sites = sites
            request.ecio = settings
            let summary = try FootprintJob.run(request)
            let pilots = try raster(folder + "/pilots.tif", summary)
            var counts: [Int: Int] = [:]
            for cell in pilots.indices {
                let reaching = sites.indices.filter { !powers[$0][cell].isNaN }
                let server = reaching.max { powers[$0][cell] < powers[$1][cell] || (powers[$0][cell] == powers[$1][cell] && $0 > $1) }
                guard let server, powers[server][cell] >= -100 else {
                    #expect(pilots[cell].isNaN || pilots[cell] == 0, "cell \(cell): no 3G server covers it")
                    continue
                }
                let window = reaching.filter {
                    sites[$0].frequencyMHz == sites[server].frequencyMHz && powers[$0][cell] >= -100
                        && powers[$0][cell] >= powers[server][cell] - Float(settings.pilotWindowDB)
                }
                let expected = min(window.count, settings.activeSetSize + 1)
                #expect(Int(pilots[cell]) == expected, "cell \(cell): \(pilots[cell]) pilots against \(expected)")
                counts[expected, default: 0] += 1
            }
            let covered = counts.values.reduce(0, +), polluted = counts[settings.activeSetSize + 1] ?? 0
            #expect(counts[1] ?? 0 > 1_000 && polluted > 100, "\(counts)")
            let quality = try #require(summary.umtsEcIo)
            #expect(quality.coveredCells == covered && quality.pilotWindowDB == settings.pilotWindowDB)
            #expect(quality.activeSetSize == settings.activeSetSize)
            #expect(abs(try #require(quality.percentPolluted) - 100 * Double(polluted) / Double(covered)) < 1e-9)
        }
    }
}
