import Foundation
import Terrain
import TestSupport
import Testing

@Suite("How far each site serves (summary.json's reach_km)")
struct ServiceReachTests {
    /// A run's summary: per site id, its place on the grid, its reach (km, nil when absent), its threshold, its raster
    /// and its number in `best_server.tif`.
    struct RunSite {
        let position: MapPoint
        let reachKm: Double?
        let thresholdDBm: Float
        let raster: String
        let server: Int?
    }

    func runSites(_ folder: String) throws -> [String: RunSite] {
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as? [String: Any])
        let crs = try #require(summary["crs"] as? String), areas = try #require(summary["site_areas"] as? [[String: Any]])
        let positions = try CoordinateTransform(from: "EPSG:4326", to: crs).apply(areas.map { MapPoint(x: $0["longitude"] as! Double, y: $0["latitude"] as! Double) })
        return Dictionary(uniqueKeysWithValues: zip(areas, positions).map { area, position in
            (area["id"] as! String, RunSite(
                position: position, reachKm: area["reach_km"] as? Double, thresholdDBm: Float(area["threshold_dbm"] as! Double),
                raster: folder + "/" + (area["raster"] as! String), server: area["server"] as? Int
            ))
        })
    }

    /// Per site `serving(value)` names for a cell of the raster at `path`, the distance (km) from the site (`sites`) to
    /// the far corner of the farthest such cell: computed here from the raster's own georeference.
    func farthest(in path: String, sites: [String: RunSite], serving: (Float) -> String?) throws -> [String: Double] {
        let frame = try DEMSource.open(path).describe().frame, values = try rasterValues(path)
        var farthest = [String: Double]()
        for row in 0..<frame.height {
            for column in 0..<frame.width {
                guard let id = serving(values[row * frame.width + column]), let site = sites[id]?.position else { continue }
                let x = frame.cornerX + (Double(column) + 0.5) * frame.pixelWidth, y = frame.cornerY - (Double(row) + 0.5) * frame.pixelHeight
                let distance = hypot(x - site.x, y - site.y) + hypot(frame.pixelWidth, frame.pixelHeight) / 2
                farthest[id] = max(farthest[id] ?? 0, distance / 1_000)
            }
        }
        return farthest
    }

    /// Each site's reach from `best_server.tif` in the run at `folder`.
    func bestServerReaches(_ folder: String, sites: [String: RunSite]) throws -> [String: Double] {
        let idOfServer = Dictionary(uniqueKeysWithValues: sites.compactMap { id, site in site.server.map { (Float($0), id) } })
        return try farthest(in: folder + "/best_server.tif", sites: sites) { idOfServer[$0] }
    }

    @Test("""
        On N44W072, twelve 4G sectors on four masts: each site's reach_km is the far corner of the farthest cell \
        best_server.tif gives it (computed here in the summary's CRS), and so in footprints.geojson; with a 2G site stronger than them on a mast beside them, the 4G reaches stay those of the run without it (each \
        technology's own best server) though best_server.tif gives them less, and the 2G site's is the farthest cell its \
        own raster covers
        """, .enabled(if: SharedData.isAvailable, SharedData.absence))
    func reachOfBestServers() throws {
        let folder = try temporaryFolder("service-reach")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (header, rows) = try writeFourMasts(to: folder + "/sites.csv", prefix: "E", technology: "4G", eirpDBm: 32)
        func footprint(_ sites: String, _ out: String) throws -> [String: RunSite] {
            let run = try runProgram(phusongExecutable, [
                "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", sites, "--out", out, "--model", "itm", "--radius-km", "6",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            return try runSites(out)
        }
        let lte = try footprint(folder + "/sites.csv", folder + "/lte")
        let expected = try bestServerReaches(folder + "/lte", sites: lte)
        #expect(expected.count == 12)
        let geoJSON = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/lte/footprints.geojson"))) as? [String: Any])
        let features = try #require(geoJSON["features"] as? [[String: Any]]).compactMap { $0["properties"] as? [String: Any] }
        let mapped = Dictionary(uniqueKeysWithValues: features.compactMap { properties in (properties["reach_km"] as? Double).map { (properties["id"] as! String, $0) } })
        for (id, site) in lte {
            let reach = try #require(site.reachKm, "\(id)"), computed = try #require(expected[id], "\(id)")
            #expect(abs(reach - computed) <= 0.0005 && mapped[id] == reach, "\(id): \(reach) against \(computed), \(String(describing: mapped[id])) in footprints.geojson")
        }

        // A 2G site 300 m from mast 0, 20 dB stronger than the sectors' reference signals against its own threshold.
        try ([header] + rows + ["G0,44.4327,-71.48,30,60,2G,"]).joined(separator: "\n").write(toFile: folder + "/mixed.csv", atomically: true, encoding: .utf8)
        let mixed = try footprint(folder + "/mixed.csv", folder + "/mixed")
        for (id, site) in lte { #expect(mixed[id]?.reachKm == site.reachKm, "\(id)") }
        let crossTechnology = try bestServerReaches(folder + "/mixed", sites: mixed)
        #expect(lte.keys.contains { (crossTechnology[$0] ?? 0) < lte[$0]!.reachKm! - 0.5 }, "\(crossTechnology)")
        let gsm = try #require(mixed["G0"]), threshold = gsm.thresholdDBm
        let covered = try farthest(in: gsm.raster, sites: mixed) { $0 >= threshold ? "G0" : nil }
        let gsmReach = try #require(gsm.reachKm), gsmCovered = try #require(covered["G0"])
        #expect(abs(gsmReach - gsmCovered) <= 0.0005, "\(gsmReach) against \(gsmCovered)")
    }

    @Test("""
        A 2G site serving cells beyond GSM's timing advance (63 steps of 48/13 µs of round trip: 34.9 km) is warned of, \
        with its reach; a 4G site as far is not, nor the 2G site in a run of 30 km
        """, .enabled(if: SharedData.isAvailable, SharedData.absence))
    func timingAdvance() throws {
        let folder = try temporaryFolder("timing-advance")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "id,lat,lon,height_m,eirp_dbm,technology\nG1,44.5,-71.5,30,60,2G\nL1,44.52,-71.45,30,60,4G\n".write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        func warnings(radiusKm: Int) throws -> (reaches: [String: Double], warnings: [String]) {
            let out = folder + "/r\(radiusKm)"
            let run = try runProgram(phusongExecutable, [
                "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", folder + "/sites.csv", "--out", out, "--model", "fspl",
                "--radius-km", "\(radiusKm)",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
            let areas = try #require(summary["site_areas"] as? [[String: Any]])
            return (Dictionary(uniqueKeysWithValues: areas.map { ($0["id"] as! String, $0["reach_km"] as! Double) }), summary["warnings"] as? [String] ?? [])
        }
        let limit = 63 * (48.0 / 13) * 0.299_792_458 / 2
        let far = try warnings(radiusKm: 40), gsmReach = try #require(far.reaches["G1"]), lteReach = try #require(far.reaches["L1"])
        #expect(gsmReach > limit && lteReach > limit)
        let expected = "site 'G1': 2G best server up to \(String(format: "%.1f", gsmReach)) km away, beyond GSM's timing advance (63 steps, 34.9 km)"
        #expect(far.warnings.filter { $0.contains("timing advance") }.count == 1 && far.warnings.contains { $0.hasPrefix(expected) }, "\(far.warnings)")
        let near = try warnings(radiusKm: 30), nearReach = try #require(near.reaches["G1"])
        #expect(nearReach < limit && !near.warnings.contains { $0.contains("timing advance") }, "\(near.warnings)")
    }
}
