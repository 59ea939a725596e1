import Foundation
import TestSupport
import Testing

/// `--loads`: cells' own loads from a CSV of `id` and `load_percent`, or from a run's `traffic.csv`.
@Suite("--loads", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct LoadPlanTests {
    let sites = Fixtures.path("sites/batxat_layers.csv")

    /// `phusong command` on Bát Xát (ITM, 8 km, 30 m) with `sites` and `extra`.
    func run(_ command: String, out: String, sites: String? = nil, _ extra: [String]) throws -> ProgramOutput {
        try runProgram(phusongExecutable, [
            command, "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", sites ?? self.sites,
            "--model", "itm", "--radius-km", "8", "--resolution-m", "30", "--max-void-fraction", "0.7", "--out", out,
        ] + extra)
    }

    func summary(_ folder: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as? [String: Any])
    }

    @Test("""
        A run's traffic.csv gives its 4G carriers their air time as their load, all of it where they need more: sinr.tif \
        and throughput.tif are those of the site file given each such load_percent, and differ from the run's load alone; \
        a CSV of id and load_percent loads a 3G cell for ecio.tif; evaluate --traffic says to run again with --loads where \
        its 4G carriers have an air time, not without the rate
        """)
    func loadsFromTraffic() throws {
        let folder = try temporaryFolder("loads")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let population = ["--population", SharedData.path("population/laocai_communes_census2009.geojson"), "--traffic"]
        let busy = try run("evaluate", out: folder + "/busy", population + ["--sinr", "--throughput"])
        #expect(busy.status == 0, "\(busy.stderr)")
        #expect(busy.stdout.contains("4G carriers at the load their residents make: run again with --loads \(folder)/busy/traffic.csv"), "\(busy.stdout)")
        let rateless = try run("evaluate", out: folder + "/rateless", population)
        #expect(rateless.status == 0 && rateless.stdout.contains("Busy hour") && !rateless.stdout.contains("--loads"), "\(rateless.stdout)")
        let traffic = try csvRows(folder + "/busy/traffic.csv")
        let airtime = traffic.compactMapValues { row in row["airtime_percent"].flatMap(Double.init) }
        #expect(airtime.count == 4 && airtime.values.contains { $0 > 100 } && airtime.values.contains { $0 < 100 }, "\(airtime)")
        let rows = try String(contentsOfFile: sites, encoding: .utf8).split(separator: "\n").map(String.init)
        let loaded = [rows[0] + ",load_percent"] + rows.dropFirst().map { row in
            row + "," + (airtime[String(row.prefix { $0 != "," })].map { "\(min(100, $0))" } ?? "")
        }
        try loaded.joined(separator: "\n").write(toFile: folder + "/loaded.csv", atomically: true, encoding: .utf8)
        let quality = ["--sinr", "--throughput"]
        for (name, sites, extra) in [("given", folder + "/loaded.csv", [String]()), ("planned", nil, ["--loads", folder + "/busy/traffic.csv"]), ("plain", nil, [])] {
            let result = try run("footprint", out: folder + "/" + name, sites: sites, quality + extra)
            #expect(result.status == 0, "\(result.stderr)")
        }
        for raster in ["sinr.tif", "throughput.tif"] {
            let given = try rasterValues(folder + "/given/" + raster), planned = try rasterValues(folder + "/planned/" + raster)
            let plain = try rasterValues(folder + "/plain/" + raster)
            #expect(given.elementsEqual(planned) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(raster): the plan's loads are the site file's")
            #expect(zip(given, plain).filter { $0 > $1 }.count > 1_000, "\(raster): lighter neighbours interfere less")
        }
        for name in ["given", "planned"] {
            #expect((try summary(folder + "/" + name)["lte_sinr"] as? [String: Any])?["sites_at_own_load"] as? Int == 4)
        }
        try "id,load_percent\nU-EX,40\n".write(toFile: folder + "/umts.csv", atomically: true, encoding: .utf8)
        let umts = try run("footprint", out: folder + "/umts", ["--ecio", "--loads", folder + "/umts.csv"])
        #expect(umts.status == 0, "\(umts.stderr)")
        #expect((try summary(folder + "/umts")["umts_ecio"] as? [String: Any])?["sites_at_own_load"] as? Int == 1)
    }

    @Test("""
        A load file naming a 2G site, a site not in the list, a load beyond 0–100 % or neither column is refused naming \
        the file and the fault, and nothing is written; so is --loads without --sinr or --ecio
        """)
    func refusals() throws {
        let folder = try temporaryFolder("loads-refused")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cases = [
            ("id,load_percent\nG-EX,50\n", "site 'G-EX' is a 2G site: its BCCH carrier always transmits whole"),
            ("id,load_percent\nX-1,50\n", "site 'X-1' is not in the site list"),
            ("id,load_percent\nU-EX,120\n", "line 2: site 'U-EX' has no load_percent (0–100 %)"),
            ("id,airtime_percent\nL-SH1,-3\n", "line 2: site 'L-SH1' has airtime_percent '-3'"),
            ("id,load\nU-EX,50\n", "needs the columns id and load_percent, or a run's traffic.csv (id and airtime_percent)"),
        ]
        for (index, (text, fault)) in cases.enumerated() {
            let path = folder + "/loads-\(index).csv"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try run("footprint", out: folder + "/out-\(index)", ["--sinr", "--loads", path])
            #expect(result.status == 1 && result.stderr.contains(path) && result.stderr.contains(fault), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out-\(index)"))
        }
        try (String(contentsOfFile: sites, encoding: .utf8) + "N-EX,22.53,103.88,30,5G,3500,72,100,,,,,EX,\n")
            .write(toFile: folder + "/with-nr.csv", atomically: true, encoding: .utf8)
        try "id,load_percent\nN-EX,50\n".write(toFile: folder + "/nr-load.csv", atomically: true, encoding: .utf8)
        let nr = try run("footprint", out: folder + "/nr", sites: folder + "/with-nr.csv", ["--sinr", "--throughput", "--loads", folder + "/nr-load.csv"])
        #expect(nr.status == 0, "a 5G site takes a load, for its rate: \(nr.stderr)")
        let idle = try run("footprint", out: folder + "/idle", ["--loads", folder + "/loads-0.csv"])
        #expect(idle.status != 0 && idle.stderr.contains("--loads needs --sinr or --ecio"), "\(idle.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/idle"))
    }
}
