import Foundation
import Terrain
import TestSupport
import Testing
import Workflows

/// `phusong tilt` on the Bát Xát DEM and the real Lào Cai communes: fifteen invented 4G sectors on five masts.
@Suite("phusong tilt", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct TiltCommandTests {
    func tilt(out: String, _ extra: [String] = [], sites: String = Fixtures.path("sites/batxat_sectors.csv")) throws -> ProgramOutput {
        try runProgram(phusongExecutable, [
            "tilt", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", sites,
            "--population", SharedData.path("population/laocai_communes_census2009.geojson"), "--model", "itm",
            "--radius-km", "8", "--resolution-m", "30", "--max-void-fraction", "0.7", "--out", out,
        ] + extra)
    }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// The one technology's result in `tilt.json`.
    func result(_ folder: String) throws -> [String: Any] {
        let technologies = try #require(try json(folder + "/tilt.json")["technologies"] as? [[String: Any]])
        #expect(technologies.count == 1)
        return try #require(technologies.first)
    }

    @Test("Residents served before and after are what evaluate reports for the sites as given and as turned; tilts.csv lists every sector, each serving before and after what --traffic's traffic.csv in before/ and after/ gives it; --backhaul-reach's chains reach both masts.csv")
    func servedResidentsAreTheEvaluations() throws {
        let folder = try temporaryFolder("tilt")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "id,depends_on\nEX,\nSH1,EX\nGF3,SH1;EX\n".write(toFile: folder + "/reach.csv", atomically: true, encoding: .utf8)
        let run = try tilt(out: folder + "/out", ["--traffic", "--backhaul-reach", folder + "/reach.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        for part in ["before", "after"] {
            let masts = try csvRows(folder + "/out/\(part)/masts.csv")
            #expect(masts["EX"].map { Set($0["masts_cut_off"]!.split(separator: ";")) } == ["SH1", "GF3"] && masts["SH1"]?["masts_cut_off"] == "GF3", "\(part): \(masts)")
        }
        let result = try result(folder + "/out")
        func covered(_ part: String) throws -> Double {
            let summary = try json(folder + "/\(part)/summary.json")
            return try #require((((summary["residents"] as? [String: Any])?["total"] as? [String: Any])?["covered_residents"] as? [String: Double])?["4G"])
        }
        let before = try #require(result["residents_served_before"] as? Double), after = try #require(result["residents_served_after"] as? Double)
        #expect(abs(before - (try covered("out/before"))) < 1e-9 * before)
        #expect(abs(after - (try covered("out/after"))) < 1e-9 * after)
        #expect(after >= before + Double(result["turned"] as? Int ?? 0), "each turn serves at least one resident more")
        let rows = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/out/tilts.csv")), as: UTF8.self)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 15 && rows.allSatisfy { $0[2] == "electrical" && $0[3] == "0" })
        let turned = rows.filter { $0[4] != "0" }
        #expect(turned.count == result["turned"] as? Int && !turned.isEmpty)
        for (part, column) in [("before", 8), ("after", 9)] {
            let loads = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/out/\(part)/traffic.csv")), as: UTF8.self)
                .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let served = Dictionary(uniqueKeysWithValues: loads.map { (String($0[0]), Double($0[4])!) })
            #expect(served.count == 15)
            for row in rows {
                #expect(abs(Double(row[column])! - served[String(row[0])]!) <= 0.1 + 1e-9, "\(part): \(row)")
            }
        }
        #expect(turned.allSatisfy { Double($0[4]).map { (0...10).contains($0) && $0 == $0.rounded() } ?? false })
        #expect(run.stdout.contains("residents served") && run.stdout.contains("after/"))
        // The plan applied to the sites as given reports what after/ does.
        let applied = try runProgram(phusongExecutable, [
            "evaluate", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", Fixtures.path("sites/batxat_sectors.csv"),
            "--population", SharedData.path("population/laocai_communes_census2009.geojson"), "--model", "itm",
            "--radius-km", "8", "--resolution-m", "30", "--max-void-fraction", "0.7", "--tilts", folder + "/out/tilts.csv", "--out", folder + "/applied",
        ])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try covered("applied") == (try covered("out/after")))
        // A folder holding these outputs in computed/ may take a run's outputs again.
        try FileManager.default.createDirectory(atPath: folder + "/again/computed", withIntermediateDirectories: true)
        for file in ["tilts.csv", "tilt.json"] { try FileManager.default.copyItem(atPath: folder + "/out/" + file, toPath: folder + "/again/computed/" + file) }
        try checkOutputFolder(folder + "/again")
    }

    /// A tilt run into `folder/out` with `extra`, whose residents served before and after are the recount from before/'s
    /// and after/'s rasters: where the power reaches `threshold` and `quality` (the raster of that name) `limit`; after,
    /// fewer than the technology's covered residents.
    func expectServedAtQuality(
        folder: String, _ extra: [String], sites: String = Fixtures.path("sites/batxat_sectors.csv"),
        quality: String, threshold: Float, limit: Float, technology: String
    ) throws {
        let run = try tilt(out: folder + "/out", extra, sites: sites)
        #expect(run.status == 0, "\(run.stderr)")
        let result = try result(folder + "/out")
        let (after, before) = (try #require(result["residents_served_after"] as? Double), try #require(result["residents_served_before"] as? Double))
        for (part, claimed) in [("before", before), ("after", after)] {
            let power = try rasterValues(folder + "/out/\(part)/coverage.tif"), ratio = try rasterValues(folder + "/out/\(part)/\(quality)")
            let residents = try rasterValues(folder + "/out/\(part)/residents.tif")
            let recount = residents.indices.reduce(0.0) { total, cell in
                power[cell] >= threshold && ratio[cell] >= limit ? total + Double(residents[cell]) : total
            }
            // Float rasters against the search's doubles: a cell on either limit may fall either way.
            #expect(abs(recount - claimed) < 1e-3 * claimed, "\(part): \(recount) against \(claimed)")
        }
        let covered = try json(folder + "/out/after/summary.json")
        let total = (covered["residents"] as? [String: Any])?["total"] as? [String: Any]
        let coveredAfter = try #require((total?["covered_residents"] as? [String: Double])?[technology])
        #expect(after > 0 && after < coveredAfter, "the limit leaves out some covered residents, not all: \(after) of \(coveredAfter)")
    }

    @Test("""
        With --sinr a resident counts only where the 4G server covers at the SINR limit, the sectors of two masts at their \
        own load (20 %), the rest at the run's: the recount from after/'s rasters agrees
        """)
    func sinrServedResidents() throws {
        let folder = try temporaryFolder("tilt-sinr")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = try String(contentsOfFile: Fixtures.path("sites/batxat_sectors.csv"), encoding: .utf8).split(separator: "\n")
        let loaded = rows.enumerated().map { index, row in
            index == 0 ? row + ",load_percent" : row + (row.hasPrefix("EX") || row.hasPrefix("SH1") ? ",20" : ",")
        }
        try loaded.joined(separator: "\n").write(toFile: folder + "/loaded.csv", atomically: true, encoding: .utf8)
        try expectServedAtQuality(
            folder: folder, ["--sinr", "--sinr-limit-db", "0"], sites: folder + "/loaded.csv", quality: "sinr.tif", threshold: -110, limit: 0,
            technology: "4G"
        )
        #expect(try json(folder + "/out/tilt.json")["sinr_limit_db"] as? Double == 0)
    }

    @Test("""
        With --sinr a resident of 5G sectors counts only where the 5G server covers at the SS-SINR limit, every other 5G \
        cell whole: the recount from after/'s ss_sinr.tif agrees
        """)
    func synchronisationSINRServedResidents() throws {
        let folder = try temporaryFolder("tilt-ss-sinr")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try String(contentsOfFile: Fixtures.path("sites/batxat_sectors.csv"), encoding: .utf8)
            .replacingOccurrences(of: ",4G,1800,61,10,", with: ",5G,3500,72,100,").write(toFile: folder + "/nr.csv", atomically: true, encoding: .utf8)
        try expectServedAtQuality(
            folder: folder, ["--sinr", "--sinr-limit-db", "3"], sites: folder + "/nr.csv", quality: "ss_sinr.tif", threshold: -110, limit: 3,
            technology: "5G"
        )
    }

    @Test("""
        With --ecio a resident counts only where the 3G server's pilot meets the Ec/Io limit, each site's total power over \
        its pilot its own pilot_offset_db's (7 dB on two masts, 10 dB on three): the recount from after/'s rasters agrees
        """)
    func ecioServedResidentsWithSitesOwnPilots() throws {
        let folder = try temporaryFolder("tilt-ecio")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = try String(contentsOfFile: Fixtures.path("sites/batxat_sectors.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        let umts = rows.map { row in
            var fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[4...7] = ["3G", "2100", "58", fields[0].hasPrefix("GF") ? "7" : "10"]
            return fields.joined(separator: ",")
        }
        let header = "id,lat,lon,height_m,technology,frequency_mhz,eirp_dbm,pilot_offset_db,azimuth_deg,beamwidth_deg,vertical_beamwidth_deg,electrical_tilt_deg,mast"
        try ([header] + umts).joined(separator: "\n").write(toFile: folder + "/umts.csv", atomically: true, encoding: .utf8)
        try expectServedAtQuality(
            folder: folder, ["--ecio", "--ecio-limit-db", "-9"], sites: folder + "/umts.csv", quality: "ecio.tif",
            threshold: -100, limit: -9, technology: "3G"
        )
    }

    @Test("""
        A batch's tilt job (azimuths turning too) writes what the command writes, residents served after as after/ reports \
        them, and batch.json carries its figures; a tilt out of range is refused naming the line and key
        """)
    func batchJob() throws {
        let folder = try temporaryFolder("tilt-batch")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func manifest(_ extra: String) throws -> String {
            let path = folder + "/manifest.yaml"
            try """
                scenarios:
                  batxat: {terrain: \(SharedData.path("terrain/batxat_copernicus_glo30.tif")), population: \(SharedData.path("population/laocai_communes_census2009.geojson")), model: itm, radius_km: 8, resolution_m: 30, max_void_fraction: 0.7}
                jobs:
                  - {id: tilts, type: tilt, scenario: batxat, sites: \(Fixtures.path("sites/batxat_sectors.csv")), rounds: 3\(extra)}
                """.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let refused = try runProgram(phusongExecutable, ["batch", try manifest(", max_tilt_deg: 60"), "--out", folder + "/refused"])
        #expect(refused.status == 2 && refused.stderr.contains(":4: jobs[0].min_tilt_deg: the tilts must lie within"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
        let run = try runProgram(phusongExecutable, ["batch", try manifest(", azimuth_range_deg: 20"), "--out", folder + "/results"])
        #expect(run.status == 0, "\(run.stderr)")
        let jobs = try #require(try json(folder + "/results/batch.json")["jobs"] as? [[String: Any]])
        let figures = try #require(jobs.first?["figures"] as? [String: Any])
        let result = try result(folder + "/results/jobs/tilts")
        #expect(figures["residents_served_after"] as? Double == result["residents_served_after"] as? Double)
        #expect(figures["residents_served_before"] as? Double == result["residents_served_before"] as? Double)
        #expect(figures["sectors_turned"] as? Double == (result["turned"] as? Int).map(Double.init) && result["rounds"] as? Int ?? 4 <= 3)
        let after = try json(folder + "/results/jobs/tilts/after/summary.json")
        let covered = try #require((((after["residents"] as? [String: Any])?["total"] as? [String: Any])?["covered_residents"] as? [String: Double])?["4G"])
        let served = try #require(result["residents_served_after"] as? Double)
        #expect(abs(served - covered) < 1e-9 * covered)
        let sectors = try #require(try json(folder + "/results/jobs/tilts/tilt.json")["sectors"] as? [[String: Any]])
        #expect(sectors.contains { $0["azimuth_after_deg"] as? Double != $0["azimuth_before_deg"] as? Double }, "some azimuth turned")
    }

    @Test("""
        Weighing roads (--roads, --road-weight 5000): the weighted residents served are the residents served plus 5,000 \
        × the km of road covered, before and after; tilt.json's road figures are before/'s and after/'s; the search \
        covers more road than with the roads unweighed, and serves no more residents; a batch job with road_weight \
        writes the same tilt.json; facilities (--facility-weight 2000) likewise; a weight without its layer is refused \
        (exit 64; a batch job's naming its key)
        """)
    func weighingRoads() throws {
        let folder = try temporaryFolder("tilt-roads")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let roads = Fixtures.path("roads/batxat_synthetic_roads.geojson")
        var results: [Double: [String: Any]] = [:]
        for weight in [0.0, 5_000] {
            let out = folder + "/weight-\(Int(weight))"
            let run = try tilt(out: out, ["--roads", roads, "--road-weight", "\(weight)"])
            #expect(run.status == 0, "\(run.stderr)")
            let tilt = try json(out + "/tilt.json"), result = try result(out)
            results[weight] = tilt.merging(result) { $1 }
            #expect(tilt["road_weight"] as? Double == weight)
            for part in ["before", "after"] {
                let roadsTotal = (try json(out + "/\(part)/summary.json")["roads"] as? [String: Any])?["total"] as? [String: Any]
                let km = try #require((roadsTotal?["covered_km"] as? [String: Double])?["any"])
                // JSONSerialization may read the last digit of a double otherwise than JSONDecoder does.
                #expect(abs((tilt["roads_covered_km_\(part)"] as? Double ?? -1) - km) < 1e-12, "\(part)")
                let residents = try #require(result["residents_served_\(part)"] as? Double)
                let weighted = try #require(result["weighted_residents_served_\(part)"] as? Double)
                #expect(abs(weighted - (residents + weight * km)) < 1e-9 * weighted, "\(part): \(weighted) against \(residents) + \(weight) × \(km)")
            }
            let (before, after) = (tilt["roads_covered_km_before"] as? Double ?? 0, tilt["roads_covered_km_after"] as? Double ?? 0)
            #expect(run.stdout.contains(String(format: "  road covered: %.2f km as given, %.2f km as turned", before, after)), "\(run.stdout)")
        }
        // Facilities the same way: each counts as 2,000 residents where it is served.
        let facilities = folder + "/weight-facilities"
        let withFacilities = try tilt(out: facilities, [
            "--facilities", Fixtures.path("facilities/batxat_facilities_synthetic.csv"), "--facility-weight", "2000",
        ])
        #expect(withFacilities.status == 0, "\(withFacilities.stderr)")
        let facilitiesTilt = try json(facilities + "/tilt.json"), facilitiesResult = try result(facilities)
        #expect(facilitiesTilt["facility_weight"] as? Double == 2_000 && facilitiesTilt["road_weight"] == nil)
        for part in ["before", "after"] {
            let total = (try json(facilities + "/\(part)/summary.json")["facilities"] as? [String: Any])?["total"] as? [String: Any]
            let covered = try #require((total?["covered"] as? [String: Int])?["any"])
            #expect(facilitiesTilt["facilities_covered_\(part)"] as? Int == covered, "\(part)")
            let residents = try #require(facilitiesResult["residents_served_\(part)"] as? Double)
            let weighted = try #require(facilitiesResult["weighted_residents_served_\(part)"] as? Double)
            #expect(abs(weighted - (residents + 2_000 * Double(covered))) < 1e-9 * weighted, "\(part): \(weighted) against \(residents) + 2,000 × \(covered)")
        }
        let figure = { (weight: Double, key: String) in results[weight]?[key] as? Double ?? .nan }
        #expect(figure(5_000, "roads_covered_km_after") > figure(0, "roads_covered_km_after"), "weighed, the tilts cover more road")
        #expect(figure(5_000, "residents_served_after") <= figure(0, "residents_served_after"), "and serve no more residents")

        func manifest(_ name: String, roadsKey: String) throws -> String {
            let path = folder + "/\(name).yaml"
            try """
                jobs:
                  - {id: tilts, type: tilt, terrain: \(SharedData.path("terrain/batxat_copernicus_glo30.tif")), population: \(SharedData.path("population/laocai_communes_census2009.geojson")), model: itm, radius_km: 8, resolution_m: 30, max_void_fraction: 0.7, sites: \(Fixtures.path("sites/batxat_sectors.csv"))\(roadsKey), road_weight: 5000}
                """.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let batch = try runProgram(phusongExecutable, ["batch", try manifest("roads", roadsKey: ", roads: \(roads)"), "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let tiltJSON = { (path: String) in String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self) }
        #expect(tiltJSON(folder + "/batch/jobs/tilts/tilt.json") == tiltJSON(folder + "/weight-5000/tilt.json"))
        let refusedBatch = try runProgram(phusongExecutable, ["batch", try manifest("refused", roadsKey: ""), "--out", folder + "/refused"])
        #expect(refusedBatch.status == 2 && refusedBatch.stderr.contains("jobs[0].road_weight: needs the scenario's roads"), "\(refusedBatch.stderr)")
        let refused = try tilt(out: folder + "/refused", ["--facility-weight", "100"])
        #expect(refused.status == 64 && refused.stderr.contains("--facility-weight needs --facilities"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
    }

    @Test("A site list without a sector is refused naming it, and nothing is written; so are settings out of range, naming the option, and a reach file naming none of the sites")
    func refusesOmniSites() throws {
        let folder = try temporaryFolder("tilt-omni")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try tilt(out: folder + "/out", sites: Fixtures.path("sites/batxat_candidates.csv"))
        #expect(run.status == 1)
        #expect(run.stderr.contains("batxat_candidates.csv") && run.stderr.contains("no sector"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/tilt.json"))
        for (options, named) in [
            (["--min-tilt-deg", "5", "--max-tilt-deg", "2"], "--min-tilt-deg: the tilts must lie within"),
            (["--azimuth-range-deg", "30", "--azimuth-step-deg", "0.5"], "--azimuth-step-deg: must be at least 1°"),
            (["--rounds", "0"], "--rounds: must be within 1–100"),
        ] {
            let refused = try tilt(out: folder + "/out", options)
            #expect(refused.status == 64 && refused.stderr.contains(named), "\(refused.stderr)")
        }
        try "id,depends_on\nBTS-99,\n".write(toFile: folder + "/elsewhere.csv", atomically: true, encoding: .utf8)
        let elsewhere = try tilt(out: folder + "/out", ["--backhaul-reach", folder + "/elsewhere.csv"])
        #expect(elsewhere.status == 1 && elsewhere.stderr.contains(folder + "/elsewhere.csv: names none of the run's sites"), "\(elsewhere.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }
}
