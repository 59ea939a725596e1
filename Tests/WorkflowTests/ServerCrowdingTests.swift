import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

extension SignalQualityTests {
    /// Five sites of `technology` on `frequencies.0` a few kilometres apart and one on `frequencies.1`: where the five
    /// overlap, servers crowd.
    func crowdedSites(_ technology: Technology, frequencies: (Double, Double)) -> [Site] {
        let positions = [(44.50, -71.50), (44.52, -71.47), (44.48, -71.46), (44.51, -71.53), (44.50, -71.44), (44.45, -71.58)]
        return positions.enumerated().map { index, position in
            Site(
                id: "P\(index + 1)", location: GeoPoint(latitude: position.0, longitude: position.1), antennaHeight: 30,
                frequencyMHz: index == 5 ? frequencies.1 : frequencies.0, eirpDBm: 47, technology: technology
            )
        }
    }

    @Test(
        """
        pilots.tif (3G), rsrp_overlap.tif (4G) and ss_rsrp_overlap.tif (5G), cell by cell: how many sites on the server's frequency cover the cell \
        within the window of the server's power, counted up to one more than the limit; the summary's percent_polluted \
        is the share of covered cells over the limit; the window and the limit are the user's, and the raster's QGIS \
        style gives the cells over the limit the last class
        """,
        arguments: [
            (Technology.umts, 2_100.0, 900.0, -100.0, ServerCrowding(windowDB: 5, limit: 3)),
            (.umts, 2_100, 900, -100, ServerCrowding(windowDB: 8, limit: 2)),
            (.lte, 1_800, 2_600, -110, ServerCrowding(windowDB: 6, limit: 3)),
            (.lte, 1_800, 2_600, -110, ServerCrowding(windowDB: 3, limit: 1)),
            (.nr, 3_500, 3_700, -110, ServerCrowding(windowDB: 6, limit: 3)),
        ]
    )
    func crowdingPerCell(technology: Technology, frequency: Double, other: Double, threshold: Float, crowding: ServerCrowding) throws {
        let folder = try temporaryFolder("crowding")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = crowdedSites(technology, frequencies: (frequency, other))
        var request = FootprintRequest(terrainPath: terrain, sitesPath: "sites", outputDirectory: folder, parameters: parameters)
        request.sites = sites
        if technology == .umts { request.ecio = EcIoSettings(crowding: crowding) } else { request.sinr = SINRSettings(crowding: crowding) }
        let summary = try FootprintJob.run(request)
        let name = [Technology.umts: "pilots", .lte: "rsrp_overlap", .nr: "ss_rsrp_overlap"][technology]!
        let counted = try raster(folder + "/\(name).tif", summary)
        let powers = try powersInDBm(sites)
        var counts: [Int: Int] = [:]
        for cell in counted.indices {
            let reaching = sites.indices.filter { !powers[$0][cell].isNaN }
            let server = reaching.max { powers[$0][cell] < powers[$1][cell] || (powers[$0][cell] == powers[$1][cell] && $0 > $1) }
            guard let server, powers[server][cell] >= threshold else {
                #expect(counted[cell].isNaN || counted[cell] == 0, "cell \(cell): no server covers it")
                continue
            }
            let window = reaching.filter {
                sites[$0].frequencyMHz == sites[server].frequencyMHz && powers[$0][cell] >= threshold
                    && powers[$0][cell] >= powers[server][cell] - Float(crowding.windowDB)
            }
            let expected = min(window.count, crowding.limit + 1)
            #expect(Int(counted[cell]) == expected, "cell \(cell): \(counted[cell]) against \(expected)")
            counts[expected, default: 0] += 1
        }
        let covered = counts.values.reduce(0, +), polluted = counts[crowding.limit + 1] ?? 0
        #expect(counts[1] ?? 0 > 1_000 && polluted > 100, "\(counts)")
        let figures = try #require([Technology.umts: summary.umtsEcIo?.crowding, .lte: summary.lteSINR?.crowding, .nr: summary.nrSINR?.crowding][technology]!)
        #expect(figures.windowDB == crowding.windowDB && figures.limit == crowding.limit)
        #expect(abs(try #require(figures.percentPolluted) - 100 * Double(polluted) / Double(covered)) < 1e-9)
        #expect([Technology.umts: summary.umtsEcIo?.coveredCells, .lte: summary.lteSINR?.coveredCells, .nr: summary.nrSINR?.coveredCells][technology]! == covered)
        // Its QGIS style: a class per count up to the limit, then the polluted cells in the last, the worst colour.
        let style = try StyleFile(folder + "/\(name).qml")
        let noun = technology == .umts ? "pilot" : "cell"
        #expect(style.entries.last?.label == "more than \(crowding.limit) \(noun)s" && style.entries.count == crowding.limit + 1)
        #expect(counts.keys.allSatisfy { count in style.entry(for: Double(count))?.label == style.entries[count - 1].label })
        #expect(style.entries.last?.color == "#d7191c", "pollution in red")
    }
}
