import Foundation
import TestSupport
import Testing

/// `phusong emf` on a level plain, where every figure has a closed form, and on N44W072's slopes.
@Suite("phusong emf: compliance zones and the ground's exposure")
struct EMFTests {
    let header = "id,lat,lon,height_m,technology,frequency_mhz,eirp_dbm,trx,pilot_offset_db,bandwidth_mhz,tx_antennas,azimuth_deg,tilt_deg,mast"

    /// Runs `phusong emf` on `sites` (lines after the header) over `terrain`; returns its status, output and emf.csv's
    /// rows by mast (empty when it failed).
    func emf(_ sites: [String], terrain: String, in folder: String, _ options: [String] = []) throws -> (run: ProgramOutput, rows: [String: [String: String]]) {
        try ([header] + sites).joined(separator: "\n").appending("\n").write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: folder + "/out")
        let run = try runProgram(phusongExecutable, ["emf", "--terrain", terrain, "--sites", folder + "/sites.csv", "--out", folder + "/out"] + options)
        return (run, run.status == 0 ? try csvRows(folder + "/out/emf.csv") : [:])
    }

    /// A figure of a row.
    func figure(_ row: [String: String]?, _ name: String) -> Double { Double(row?[name] ?? "") ?? .nan }

    /// The outline's vertices of `mast` in emf_zones.geojson, as distances (m) from (`latitude`, `longitude`).
    func outlineDistances(_ folder: String, mast: String, latitude: Double, longitude: Double) throws -> [Double] {
        let collection = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/emf_zones.geojson"))) as? [String: Any]
        )
        let features = try #require(collection["features"] as? [[String: Any]])
        let feature = try #require(features.first { ($0["properties"] as? [String: Any])?["mast"] as? String == mast })
        let polygons = try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [[[[Double]]]])
        // Metres per degree on WGS 84 at this latitude (the meridian's and the parallel's radii of curvature).
        let (a, e2) = (6_378_137.0, 0.006_694_379_990_14), phi = latitude * .pi / 180, w = 1 - e2 * sin(phi) * sin(phi)
        let north = a * (1 - e2) / pow(w, 1.5) * .pi / 180, east = a / w.squareRoot() * cos(phi) * .pi / 180
        return polygons.flatMap { $0[0] }.map { point in
            let (x, y) = ((point[0] - longitude) * east, (point[1] - latitude) * north)
            return (x * x + y * y).squareRoot()
        }
    }

    @Test("""
        An omni antenna on a level plain: its zone is the sphere of √(EIRP/4πS) around it under each set of limits, and the \
        ground is over the limit where the reflected far field says, under it and over the disc the 2 m lattice holds
        """)
    func omniOnAPlain() throws {
        let folder = try temporaryFolder("emf-omni")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = try writeLevelPlain(in: folder)
        // 3G at 2100 MHz, a carrier of 60 dBm EIRP (its pilot 10 dB below): 1,000 W at full load, 10 m over the plain's 200 m.
        let site = "U1,22.6,106.2,10,3G,2100,60,,10,,,,,"
        for (limits, density) in [("vietnam", 2.0), ("icnirp-public", 10.0), ("icnirp-occupational", 50.0)] {
            let (run, rows) = try emf([site], terrain: plain, in: folder, ["--limits", limits])
            #expect(run.status == 0, "\(run.stderr)")
            let row = rows["U1"], reach = (1_000 / (4 * .pi * density)).squareRoot()
            #expect(abs(figure(row, "full_load_eirp_w") - 1_000) < 0.05)
            #expect(abs(figure(row, "zone_reach_m") - reach) < 0.006, "\(limits): \(row ?? [:])")
            let distances = try outlineDistances(folder, mast: "U1", latitude: 22.6, longitude: 106.2).filter { $0 > 0 }
            #expect(distances.count == 361 && distances.allSatisfy { abs($0 - reach) < 0.02 }, "\(limits): \(distances.min() ?? 0)–\(distances.max() ?? 0) m")
            // The lattice's heights, every half metre above sea level, that the sphere reaches.
            #expect(figure(row, "zone_bottom_m") == ((210 - reach) * 2).rounded(.up) / 2 - 200)
            #expect(figure(row, "zone_top_m") == ((210 + reach) * 2).rounded(.down) / 2 - 200)
            // Under the antenna, a person's head 8 m below it: the reflected field 2.56 × 1,000 W / 4π(8 m)².
            let under = 2.56 * 1_000 / (4 * .pi * 64 * density)
            #expect(abs(figure(row, "ground_max_ratio") - under) < 1e-4 && figure(row, "ground_max_distance_m") == 0)
            #expect(row?["compliant"] == (under < 1 ? "true" : "false"))
            // Over the limit wherever 2.56 × 1,000 / 4π(d² + 64) ≥ S: the lattice's cells (2 m) within that disc.
            let disc = 2.56 * 1_000 / (4 * .pi * density) - 64
            let offsets: [Double] = (-5...5).map { 2 * Double($0) }
            let cells = offsets.flatMap { x in offsets.map { y in x * x + y * y } }.filter { $0 <= disc }.count
            #expect(figure(row, "ground_over_limit_m2") == Double(4 * cells), "\(limits)")
        }
    }

    @Test("""
        A 5G carrier at 3.5 GHz, within Vietnam's limits since QCVN 8:2022: its full load is the whole EIRP given with its \
        bandwidth (66 dBm, 3,981 W, over 100 MHz at 30 kHz), its zone the sphere of √(EIRP/4πS)
        """)
    func nrCarrierOnAPlain() throws {
        let folder = try temporaryFolder("emf-nr")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = try writeLevelPlain(in: folder)
        let (run, rows) = try emf(["N1,22.6,106.2,30,5G,3500,66,,,100,,,,"], terrain: plain, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let eirp = pow(10, 66.0 / 10) / 1_000
        #expect(abs(figure(rows["N1"], "full_load_eirp_w") - eirp) < 0.05 && rows["N1"]?["limits"] == "vietnam")
        #expect(abs(figure(rows["N1"], "zone_reach_m") - (eirp / (4 * .pi * 2)).squareRoot()) < 0.006, "\(rows["N1"] ?? [:])")
    }

    @Test("""
        A sector's zone reaches √(EIRP/4πS) along its boresight and the pattern's front-to-back less behind it; a mast's \
        full load counts each technology's carriers: 2G trx, 3G the carrier, 4G every resource element on each antenna port
        """)
    func sectorsAndFullLoad() throws {
        let folder = try temporaryFolder("emf-sector")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = try writeLevelPlain(in: folder)
        let (run, rows) = try emf([
            // A 4G sector facing east at 30 m: 60 dBm per antenna port over 20 MHz, two ports: 2,000 W.
            "S1,22.6,106.2,30,4G,1815,60,,,20,2,90,0,EAST",
            // A mast 1 km north: 2G four carriers of 50 dBm, 3G 60 dBm, 4G four ports of 60 dBm.
            "G1,22.61,106.2,30,2G,945,50,4,,,,,,ALL", "U1,22.61,106.2,30,3G,2100,60,,10,,,,,ALL", "L1,22.61,106.2,30,4G,1815,60,,,10,4,,,ALL",
        ], terrain: plain, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let east = rows["EAST"], reach = (2_000 / (4 * Double.pi * 2)).squareRoot()
        #expect(abs(figure(east, "full_load_eirp_w") - 2_000) < 0.05 && abs(figure(rows["ALL"], "full_load_eirp_w") - 5_400) < 0.05)
        #expect(rows["ALL"]?["sites"] == "G1 U1 L1")
        #expect(abs(figure(east, "zone_reach_m") - reach) < 0.006 && figure(east, "zone_reach_azimuth_deg") == 90)
        let distances = try outlineDistances(folder, mast: "EAST", latitude: 22.6, longitude: 106.2).filter { $0 > 0 }
        // Behind (azimuth 270) the parametric pattern's 25 dB; abeam (0 and 180) 12 (90/65)² = 23.0 dB.
        #expect(abs(distances.min()! - reach * pow(10, -25.0 / 20)) < 0.02, "\(distances.min()!)")
        #expect(abs(distances.max()! - reach) < 0.02)
        #expect(figure(east, "zone_bottom_m") < 30 && figure(east, "zone_top_m") > 30 && east?["compliant"] == "true")
    }

    @Test("Exposures add up: a second mast 20 m away raises the ground's most around the first at least by its own field at the first's foot, and leaves the first's zone as it was")
    func neighboursAdd() throws {
        let folder = try temporaryFolder("emf-neighbours")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = try writeLevelPlain(in: folder)
        let first = "A,22.6,106.2,10,3G,2100,60,,10,,,,,"
        let (aloneRun, alone) = try emf([first], terrain: plain, in: folder)
        // 20 m east: 0.000194° of longitude at 22.6° N.
        let (run, both) = try emf([first, "B,22.6,106.200194,10,3G,2100,60,,10,,,,,"], terrain: plain, in: folder)
        #expect(aloneRun.status == 0 && run.status == 0, "\(run.stderr)")
        let apart = 0.000194 * .pi / 180 * 6_378_137 / (1 - 0.006_694_38 * pow(sin(22.6 * .pi / 180), 2)).squareRoot() * cos(22.6 * .pi / 180)
        let fromB = 2.56 * 1_000 / (4 * .pi * (apart * apart + 64) * 2)
        #expect(figure(both["A"], "ground_max_ratio") >= figure(alone["A"], "ground_max_ratio") + fromB - 1e-4)
        #expect(both["A"]?["zone_reach_m"] == alone["A"]?["zone_reach_m"] && both["A"]?["zone_bottom_m"] == alone["A"]?["zone_bottom_m"])
    }

    @Test("""
        Bad input is refused naming the file and what to give: a site whose full load is unknown (2G without trx, 3G without \
        pilot_offset_db, 4G without bandwidth_mhz), a band outside the limits' range, a site off the terrain; nothing is written
        """)
    func refusals() throws {
        let folder = try temporaryFolder("emf-refusals")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = try writeLevelPlain(in: folder)
        let cases: [(String, [String], String)] = [
            ("G1,22.6,106.2,30,2G,945,50,,,,,,,", [], "site 'G1' (2G): its full-load power is unknown: give trx"),
            ("U1,22.6,106.2,30,3G,2100,50,,,,,,,", [], "site 'U1' (3G): its full-load power is unknown: give pilot_offset_db"),
            ("L1,22.6,106.2,30,4G,1815,50,,,,,,,", [], "site 'L1' (4G): its full-load power is unknown: give bandwidth_mhz"),
            ("N0,22.6,106.2,30,5G,3500,72,,,,,,,", [], "site 'N0' (5G): its full-load power is unknown: give bandwidth_mhz"),
            ("N1,22.6,106.2,30,5G,6500,50,,,100,,,,", [], "site 'N1' transmits at 6500.0 MHz, outside the vietnam limits' 110–6000 MHz"),
            ("F1,23.6,106.2,30,4G,1815,50,,,20,,,,", [], "site 'F1' lies outside the terrain"),
        ]
        for (site, options, message) in cases {
            let (run, _) = try emf([site], terrain: plain, in: folder, options)
            #expect(run.status == 1 && run.stderr.contains(folder + "/sites.csv: " + message), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        }
        // ICNIRP's levels reach 300 GHz: the same 6.5 GHz site (band n104) is assessed under them.
        let beyondVietnam = try #require(cases.first { $0.0.hasPrefix("N1,") }).0
        #expect(try emf([beyondVietnam], terrain: plain, in: folder, ["--limits", "icnirp-public"]).run.status == 0)
        let tooNear = try emf([cases[3].0], terrain: plain, in: folder, ["--radius-m", "5"])
        #expect(tooNear.run.status != 0 && tooNear.run.stderr.contains("--radius-m must lie within 10–1000 m"))
    }
}

/// `phusong emf` on real terrain: the ground people stand on is the DEM's.
@Suite("phusong emf on N44W072's slopes", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct EMFTerrainTests {
    let terrain = SharedData.path("terrain/N44W072.hgt")

    @Test("""
        A 4G sector 3 m up facing up a slope puts people a few metres uphill over the limit, its ratio there what the far \
        field gives over the DEM's own heights (read by GDAL), and its zone faces due east although UTM's north turns \
        1.6° there; the same sector facing down another slope leaves the ground under the limit
        """)
    func slopes() throws {
        let folder = try temporaryFolder("emf-slopes")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            id,lat,lon,height_m,technology,frequency_mhz,eirp_dbm,bandwidth_mhz,azimuth_deg,tilt_deg
            UP,44.30,-71.35,3,4G,1815,61,20,90,0
            DOWN,44.31,-71.35,3,4G,1815,61,20,270,0

            """.write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        let run = try runProgram(phusongExecutable, ["emf", "--terrain", terrain, "--sites", folder + "/sites.csv", "--out", folder + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2 masts, 1 with nobody on the ground over the limit"))
        let collection = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/emf_zones.geojson"))) as? [String: Any]
        )
        let masts = try #require(collection["features"] as? [[String: Any]]).compactMap { $0["properties"] as? [String: Any] }
        let up = try #require(masts.first { $0["mast"] as? String == "UP" }), down = try #require(masts.first { $0["mast"] as? String == "DOWN" })
        #expect(up["compliant"] as? Bool == false && down["compliant"] as? Bool == true)
        #expect(up["zone_reach_azimuth_deg"] as? Double == 90 && down["zone_reach_azimuth_deg"] as? Double == 270)
        // The most exposed point, from its distance and true azimuth, on the ellipsoid's local plane.
        let distance = try #require(up["ground_max_distance_m"] as? Double), azimuth = try #require(up["ground_max_azimuth_deg"] as? Double)
        #expect(distance > 0 && abs(azimuth - 90) < 20, "uphill, in the beam: \(distance) m towards \(azimuth)°")
        let (a, e2) = (6_378_137.0, 0.006_694_379_990_14), phi = 44.30 * .pi / 180, w = 1 - e2 * sin(phi) * sin(phi)
        let north = distance * cos(azimuth * .pi / 180) / (a * (1 - e2) / pow(w, 1.5)) * 180 / .pi
        let east = distance * sin(azimuth * .pi / 180) / (a / w.squareRoot() * cos(phi)) * 180 / .pi
        let foot = try gdalHeight(terrain, latitude: 44.30, longitude: -71.35)
        let ground = try gdalHeight(terrain, latitude: 44.30 + north, longitude: -71.35 + east)
        // 61 dBm per port over 20 MHz on two ports: 64.0 dBm; Vietnam's 2 W/m²; the parametric pattern (65°, 10°); the
        // ground's reflection 2.56; a person from the ground up to 2 m every half metre.
        let reachSquared = pow(10, (61 + 10 * log10(2.0) - 30) / 10) / (4 * .pi * 2)
        let expected = stride(from: 0.0, through: 2, by: 0.5).map { height -> Double in
            let rise = ground + height - (foot + 3), below = -atan2(rise, distance) * 180 / .pi
            let loss = min(min(12 * pow((azimuth - 90) / 65, 2), 25) + min(12 * pow(below / 10, 2), 20), 25)
            return 2.56 * reachSquared * pow(10, -loss / 10) / (distance * distance + rise * rise)
        }.max()!
        let reported = try #require(up["ground_max_ratio"] as? Double)
        #expect(expected > 1 && abs(reported / expected - 1) < 0.005, "\(reported) against \(expected) over the DEM's \(ground) m (foot \(foot) m)")
    }

    @Test("""
        A mast by the edge of Bát Xát's clipped DEM is assessed on the ground that has terrain, its share said (the DEM's \
        own share of the disc, sampled by GDAL, within 15 points) and its compliance unknown; 500 m inside, all of it
        """)
    func groundOffTheTerrain() throws {
        let folder = try temporaryFolder("emf-edge")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dem = SharedData.path("terrain/batxat_copernicus_glo30.tif")
        try """
            id,lat,lon,height_m,technology,frequency_mhz,eirp_dbm,bandwidth_mhz,azimuth_deg
            EDGE,22.53,103.8122,30,4G,1800,61,10,270
            INSIDE,22.53,103.8172,30,4G,1800,61,10,270

            """.write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        let run = try runProgram(phusongExecutable, ["emf", "--terrain", dem, "--sites", folder + "/sites.csv", "--out", folder + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 masts' ground lies partly off the terrain") && run.stdout.contains("2 masts, 1 with nobody on the ground over the limit"))
        let rows = try csvRows(folder + "/out/emf.csv")
        let assessed = Double(rows["EDGE"]?["ground_assessed_percent"] ?? "") ?? .nan
        #expect(rows["EDGE"]?["compliant"] == "" && rows["INSIDE"]?["compliant"] == "true" && rows["INSIDE"]?["ground_assessed_percent"] == "100.0")
        // The DEM's pixels with terrain under a 10 m lattice over the 100 m disc, as gdallocationinfo reads them.
        let (north, east) = (110_750.0, 102_800.0)  // metres per degree at 22.53° N, near enough for a share
        let steps: [Double] = (-10...10).map { 10 * Double($0) }
        let lattice: [(Double, Double)] = steps.flatMap { x in steps.map { y in (x, y) } }
        let points = lattice.filter { $0.0 * $0.0 + $0.1 * $0.1 <= 10_000 }
        let input = points.map { "\(103.8122 + $0.0 / east) \(22.53 + $0.1 / north)" }.joined(separator: "\n") + "\n"
        let values = try runProgram("gdallocationinfo", ["-valonly", "-wgs84", dem], input: input).stdout.split(separator: "\n")
        try #require(values.count == points.count)
        let share = 100 * Double(values.filter { !$0.contains("nan") }.count) / Double(points.count)
        #expect(assessed > 0 && assessed < 100 && abs(assessed - share) < 15, "\(assessed) % assessed against the DEM's \(share) %")
    }
}
