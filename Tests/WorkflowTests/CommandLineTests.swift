import Foundation
import TestSupport
import Testing

/// The `phusong` executable as a user runs it: exit codes, messages, and no partial outputs.
@Suite("phusong command line")
struct CommandLineTests {
    func run(_ arguments: [String]) throws -> ProgramOutput {
        try runProgram(phusongExecutable, arguments)
    }

    /// Runs a failing footprint command and checks: non-zero exit, one stderr line naming `file`,
    /// containing `fault`, and nothing written.
    func expectFailure(terrain: String, sites: String, file: String, fault: String) throws {
        let folder = try temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(["footprint", "--terrain", terrain, "--sites", sites, "--out", folder + "/out", "--radius-km", "10"])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("phusong: error: \(file)"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains(fault), "stderr: \(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "left files behind")
    }

    @Test("--version prints the engine build: the executable's SHA-256 and the C libraries' releases; no subcommand prints help")
    func version() throws {
        let result = try run(["--version"]), expected = try expectedEngineBuild()
        #expect(result.status == 0 && result.stdout == expected + "\n", "\(result.stdout)\(result.stderr)")
        let bare = try run([])
        #expect(bare.status == 0 && bare.stdout.contains("USAGE: phusong") && bare.stdout.contains("--version"), "\(bare.stdout)")
    }

    @Test("Missing terrain file")
    func missingTerrain() throws {
        try expectFailure(
            terrain: "/nonexistent/N44W072.hgt", sites: Fixtures.path("sites/nh_two_sites.geojson"),
            file: "/nonexistent/N44W072.hgt", fault: "no such file"
        )
    }

    @Test("Truncated .hgt")
    func truncatedTerrain() throws {
        let folder = try temporaryFolder("truncated")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/N44W072.hgt"
        try Data(repeating: 0, count: 2_884_000).write(to: URL(fileURLWithPath: path))
        try expectFailure(terrain: path, sites: Fixtures.path("sites/nh_two_sites.geojson"), file: path, fault: "truncated")
    }

    @Test("Malformed GeoJSON")
    func malformedSites() throws {
        let sites = Fixtures.path("sites/malformed.geojson")
        try expectFailure(terrain: "/nonexistent.hgt", sites: sites, file: sites, fault: "malformed JSON")
    }

    @Test("Unknown technology, naming the feature")
    func unknownTechnology() throws {
        let sites = Fixtures.path("sites/unknown_technology.geojson")
        try expectFailure(terrain: "/nonexistent.hgt", sites: sites, file: sites, fault: "feature 2 (id 'NH-6G'): unknown technology '6G'")
    }

    @Test("A site number that is not finite (CSV; JSON has none) names the file, the line and the field")
    func nonFiniteSiteNumbers() throws {
        let folder = try temporaryFolder("nonfinite")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = folder + "/sites.csv"
        try "id,lat,lon,technology,height_m,eirp_dbm,azimuth_deg\nA,44.45,-71.45,2G,30,60,inf\n".write(toFile: csv, atomically: true, encoding: .utf8)
        try expectFailure(terrain: "/nonexistent.hgt", sites: csv, file: csv, fault: "line 2: column 'azimuth_deg' is not a finite number: 'inf'")
    }

    @Test("Footprint options that are not finite numbers, or negative ones given after a space, are refused before anything runs, saying why")
    func nonFiniteOptions() throws {
        let folder = try temporaryFolder("nonfiniteoptions")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (option, value, fault) in [
            ("--threshold-2g", "nan", "thresholds must be finite numbers"),
            ("--rx-gain-dbi", "inf", "--rx-gain-dbi must be a finite number"),
            ("--indoor-loss-db", "inf", "--indoor-loss-db must be a finite number ≥ 0"),
            ("--body-loss-db", "inf", "margins must be finite numbers ≥ 0"),
            ("--receiver-height-m", "inf", "--receiver-height-m must be a finite number ≥ 0"),
            ("--radius-km", "-3", "--radius-km must be in (0, 500]"),
            ("--resolution-m", "nan", "--resolution-m must be positive"),
            ("--max-fill-cells", "-5", "--max-fill-cells must not be negative"),
            ("--time-limit", "-1", "--time-limit must be positive"),
        ] {
            let result = try run([
                "footprint", "--terrain", "/nonexistent.hgt", "--sites", Fixtures.path("sites/nh_two_sites.geojson"),
                "--out", folder + "/out", option, value,
            ])
            #expect(result.status == 64 && result.stderr.contains(fault), "\(option): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        }
    }

    @Test("Ground constants out of range or not finite are refused by ITM and P.526, naming the site", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func groundConstants() throws {
        let folder = try temporaryFolder("ground")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = SharedData.path("terrain/N44W072.hgt")
        for (model, option, value, fault) in [
            ("itm", "--permittivity", "inf", "cannot use itm: relative permittivity inf must be a finite number of at least 1"),
            ("p526", "--permittivity", "0.5", "cannot use p526: relative permittivity 0.5 must be a finite number of at least 1"),
            ("p526", "--conductivity", "inf", "cannot use p526: conductivity inf S/m must be a positive, finite number"),
        ] {
            let result = try run([
                "footprint", "--terrain", terrain, "--sites", Fixtures.path("sites/nh_two_sites.geojson"),
                "--out", folder + "/out", "--model", model, "--radius-km", "5", option, value,
            ])
            #expect(result.status == 1 && result.stderr.contains(fault), "\(model) \(option) \(value): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        }
        let path = try run([
            "path", "--model", "p526", "--terrain", terrain, "--from", "44.45,-71.45", "--to", "44.5,-71.4", "--permittivity", "0.5",
        ])
        #expect(path.status == 1 && path.stderr.contains("--model p526: p526: relative permittivity 0.5") && path.stdout.isEmpty, "\(path.stderr)")
    }

    @Test("An --out that is a file is refused before any work, naming it; the file is left as it was")
    func outputIsAFile() throws {
        let folder = try temporaryFolder("outfile")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/results"
        try "keep".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try run([
            "footprint", "--terrain", "/nonexistent.hgt", "--sites", Fixtures.path("sites/nh_two_sites.geojson"), "--out", file,
        ])
        #expect(result.status == 1 && result.stderr == "phusong: error: \(file): exists and is not a folder: name a folder for the outputs\n", "\(result.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["results"], "no staging folder left")
        let manifest = folder + "/manifest.yaml"
        try "jobs:\n  - {id: a, type: optimize, instance: \(Fixtures.path("fuzz/instance.json")), p: 1}\n"
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        let batch = try run(["batch", manifest, "--out", file])
        #expect(batch.status == 1 && batch.stderr.contains("\(file): exists and is not a folder"), "\(batch.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep")
    }

    @Test("A re-run replaces its own outputs (evaluate with --write-terrain, plan, a plan of operators' sites with roads, verify; a QGIS .aux.xml beside a site raster), never a user's files in a folder it replaces: --out . beside a folder of site lists is refused, nothing deleted", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func outputsReplaceOnlyOutputs() throws {
        let folder = try temporaryFolder("replace-outputs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif"), communes = SharedData.path("population/laocai_communes_census2009.geojson")
        let grid = ["--model", "los", "--radius-km", "3", "--resolution-m", "90", "--max-void-fraction", "0.9"]
        try FileManager.default.createDirectory(atPath: folder + "/sites", withIntermediateDirectories: true)
        let sites = folder + "/sites/candidates.csv"
        try FileManager.default.copyItem(atPath: Fixtures.path("sites/batxat_candidates.csv"), toPath: sites)
        try writeBatXatClaim(into: folder, sites: "sites/candidates.csv", radiusKm: 3, maxVoidFraction: 0.9, percent: 1, tolerance: 100)
        let runs = [
            ["evaluate", "--terrain", terrain, "--sites", sites, "--population", communes, "--write-terrain", "--out", folder + "/evaluated"] + grid,
            ["plan", "--terrain", terrain, "--sites", sites, "--population", communes, "--budget", "150", "--out", folder + "/plan"] + grid,
            // before/ and after/ hold each operator's coverage and the roads'.
            [
                "plan", "--terrain", terrain, "--sites", Fixtures.path("sites/batxat_operator_candidates.csv"), "--population", communes,
                "--roads", Fixtures.path("roads/batxat_synthetic_roads.geojson"), "--operator", "VNP", "--tenant-cost", "20", "--budget", "100", "--out", folder + "/plan-operators",
            ] + grid,
            ["verify", "--claim", folder + "/claim.json", "--out", folder + "/verified"],
        ]
        for arguments in runs {
            #expect(try run(arguments).status == 0, "\(arguments[0]), first run")
        }
        let raster = try #require(try FileManager.default.contentsOfDirectory(atPath: folder + "/evaluated/sites").first { $0.hasSuffix(".tif") })
        try "<PAMDataset/>".write(toFile: folder + "/evaluated/sites/" + raster + ".aux.xml", atomically: true, encoding: .utf8)
        for arguments in runs {
            let again = try run(arguments)
            #expect(again.status == 0, "\(arguments[0]), into its own outputs: \(again.stderr)")
        }

        let here = try run(["footprint", "--terrain", terrain, "--sites", sites, "--out", folder] + grid)
        #expect(here.status == 1 && here.stderr == "phusong: error: \(folder): holds sites/candidates.csv, which the outputs' sites/ folder would replace: "
            + "move it, or name another folder for the outputs\n", "\(here.stderr)")
        #expect(FileManager.default.fileExists(atPath: sites) && !FileManager.default.fileExists(atPath: folder + "/coverage.tif"))
    }

    @Test(
        "A re-run with fewer outputs takes away the earlier run's it no longer writes (terrain.tif, communes.csv, roads.csv after evaluate; sinr.tif; the sites' rasters of a run with more sites; a plan's before/), and nothing else",
        .enabled(if: SharedData.isAvailable, SharedData.absence)
    )
    func rerunRetiresOutputsItNoLongerWrites() throws {
        let folder = try temporaryFolder("retire-outputs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif"), out = folder + "/out"
        let grid = ["--model", "los", "--radius-km", "3", "--resolution-m", "90", "--max-void-fraction", "0.9", "--out", out]
        let sites = Fixtures.path("sites/batxat_candidates.csv"), oneSite = folder + "/one.csv"
        let lines = try String(contentsOfFile: sites, encoding: .utf8).split(separator: "\n")
        try (lines.prefix(2).joined(separator: "\n") + "\n").write(toFile: oneSite, atomically: true, encoding: .utf8)
        let evaluated = try run([
            "evaluate", "--terrain", terrain, "--sites", sites, "--population", SharedData.path("population/laocai_communes_census2009.geojson"),
            "--roads", Fixtures.path("roads/batxat_synthetic_roads.geojson"), "--write-terrain",
        ] + grid)
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        try "the engineer's own notes".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
        let retired = ["terrain.tif", "communes.csv", "roads.csv", "residents.tif", "gaps.csv"]
        for name in retired { #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) written first") }
        let footprint = try run(["footprint", "--terrain", terrain, "--sites", oneSite] + grid)
        #expect(footprint.status == 0, "\(footprint.stderr)")
        for name in retired { #expect(!FileManager.default.fileExists(atPath: out + "/" + name), "\(name) left from the evaluation") }
        for name in ["coverage.tif", "summary.json", "footprints.geojson", "notes.txt"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/sites").sorted() == ["EX-1.qml", "EX-1.tif"])
        // An option's raster goes with the option.
        let fourG = folder + "/lte.csv"
        try "id,lat,lon,height_m,eirp_dbm,technology\nLTE-1,22.53,103.88,30,18,4G\nLTE-2,22.51,103.86,30,18,4G\n".write(toFile: fourG, atomically: true, encoding: .utf8)
        #expect(try run(["footprint", "--terrain", terrain, "--sites", fourG, "--sinr"] + grid).status == 0)
        #expect(FileManager.default.fileExists(atPath: out + "/sinr.tif") && FileManager.default.fileExists(atPath: out + "/sites"))
        #expect(try run(["footprint", "--terrain", terrain, "--sites", fourG] + grid).status == 0)
        #expect(!FileManager.default.fileExists(atPath: out + "/sinr.tif") && !FileManager.default.fileExists(atPath: out + "/sinr.qml"))
        #expect(FileManager.default.fileExists(atPath: out + "/sites") && FileManager.default.fileExists(atPath: out + "/notes.txt"))
        // A plan with sites on air writes before/; one of greenfield candidates alone, into the same folder, takes it away.
        let plan = ["plan", "--terrain", terrain, "--population", SharedData.path("population/laocai_communes_census2009.geojson"), "--budget", "150"]
        let greenfield = folder + "/greenfield.csv"
        try (lines.filter { !$0.contains(",existing,") }.joined(separator: "\n") + "\n").write(toFile: greenfield, atomically: true, encoding: .utf8)
        #expect(try run(plan + ["--sites", sites] + grid).status == 0)
        #expect(FileManager.default.fileExists(atPath: out + "/before/summary.json"))
        let planned = try run(plan + ["--sites", greenfield] + grid)
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/before") && FileManager.default.fileExists(atPath: out + "/after/summary.json"))
        #expect(!planned.stdout.contains("/before/"), "\(planned.stdout)")
    }

    @Test("A run finishing while another holds its output folder waits, then moves its outputs in whole", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func waitsForTheOutputFolder() throws {
        let folder = try temporaryFolder("commit-lock")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let held = open(out, O_RDONLY | O_DIRECTORY)
        try #require(held >= 0 && flock(held, LOCK_EX) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: phusongExecutable)
        process.arguments = [
            "footprint", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", Fixtures.path("sites/batxat_one_site.geojson"),
            "--out", out, "--model", "los", "--radius-km", "3", "--resolution-m", "90", "--max-void-fraction", "0.9",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Its outputs staged beside the folder: the run is at its last step, moving them in.
        func staged() -> Bool {
            let partial = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.first { $0.hasPrefix(".out.partial-") }
            let files = partial.flatMap { try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + $0) } ?? []
            return Set(files).isSuperset(of: ["coverage.tif", "footprints.geojson", "summary.json"])
        }
        let deadline = Date() + 60 * sanitizerSlowdown
        while !staged(), process.isRunning, Date() < deadline { usleep(20_000) }
        usleep(1_000_000)
        #expect(process.isRunning && !FileManager.default.fileExists(atPath: out + "/coverage.tif"), "it waits while the folder is held")
        close(held)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["coverage.gpkg", "coverage.tif", "coverage_power.qml", "footprints.geojson", "footprints.qml", "sites", "summary.json"])
    }

    @Test("Site outside the terrain", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func siteOutsideTerrain() throws {
        let sites = Fixtures.path("sites/outside_terrain.geojson")
        let terrain = SharedData.path("terrain/N44W072.hgt")
        try expectFailure(terrain: terrain, sites: sites, file: sites, fault: "site 'QC-far' at 45.20000, -71.45000 lies outside the terrain (terrain")

        // Latitude and longitude the other way round: the error says where the site would be, on the terrain.
        let folder = try temporaryFolder("swapped")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let swapped = folder + "/swapped.csv"
        try "id,lat,lon,technology,height_m,eirp_dbm\nA,-71.45,44.45,2G,30,60\n".write(toFile: swapped, atomically: true, encoding: .utf8)
        try expectFailure(
            terrain: terrain, sites: swapped, file: swapped,
            fault: "site 'A' at -71.45000, 44.45000 lies outside the terrain; at 44.45000, -71.45000, its latitude and longitude swapped, it would lie on it"
        )
        let path = try run(["path", "--model", "itm", "--terrain", terrain, "--from", "44.45,-71.45", "--to", "-71.40,44.50"])
        #expect(path.status == 1 && path.stderr.contains("the path's end lies outside the terrain; at 44.50000, -71.40000, its latitude"), "\(path.stderr)")
    }

    @Test("phusong drive-test: a table of points and errors per site and the share covered at a threshold, exit 0; a measurement that is no power: one line naming the file, exit 1, nothing written", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func driveTest() throws {
        let folder = try temporaryFolder("cli-drivetest")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let footprint = try run([
            "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", Fixtures.path("sites/nh_two_sites.geojson"),
            "--out", folder + "/run", "--radius-km", "5",
        ])
        #expect(footprint.status == 0, "\(footprint.stderr)")
        // Beside NH-1 and NH-2 (line of sight within a few hundred metres), and a site the run does not have.
        try "lon,lat,rsrp,cell\n-71.451,44.451,-60,NH-1\n-71.401,44.499,-62,NH-2\n-71.45,44.45,-70,NH-7\n"
            .write(toFile: folder + "/drive.csv", atomically: true, encoding: .utf8)
        let result = try run([
            "drive-test", "--run", folder + "/run", "--measurements", folder + "/drive.csv", "--value-field", "rsrp",
            "--site-field", "cell", "--threshold-dbm", "-95", "--out", folder + "/out",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Drive test: 3 points, measured − predicted (dB)")
        #expect(lines.contains { $0.hasPrefix("  NH-1        1  ") } && lines.contains { $0.hasPrefix("  NH-2        1  ") })
        #expect(lines.contains("  not compared: 1 of sites not in the run (NH-7)"), "\(result.stdout)")
        #expect(lines.contains("  at -95.0 dBm: covered as measured 100.0 %, as predicted 100.0 % (both 2, measured only 0, predicted only 0, neither 0)"))
        #expect(lines.last == "Results: \(folder)/out/drive_test.json, \(folder)/out/drive_test.csv")

        try "lon,lat,rsrp\n-71.451,44.451,-60 dBm\n".write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = try run(["drive-test", "--run", folder + "/run", "--measurements", folder + "/bad.csv", "--value-field", "rsrp", "--out", folder + "/bad"])
        #expect(bad.status == 1 && bad.stderr == "phusong: error: \(folder)/bad.csv: feature 1: 'rsrp' = '-60 dBm' is not a received power in dBm (−250 to 100)\n", "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/bad"))
    }

    @Test("Twenty warnings on the terminal at most, then how many more summary.json holds", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func warningsCapped() throws {
        let folder = try temporaryFolder("cli-warnings")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 22 sites on the tile's south edge, 2.4 km apart: half of each 1 km disc has no terrain.
        let rows = (0..<22).map { "E\($0),44.0,\(-71.9 + Double($0) * 0.03),30,2G,60" }
        try (["id,lat,lon,height_m,technology,eirp_dbm"] + rows).joined(separator: "\n")
            .write(toFile: folder + "/edge.csv", atomically: true, encoding: .utf8)
        let result = try run([
            "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", folder + "/edge.csv", "--out", folder + "/out",
            "--model", "fspl", "--radius-km", "1", "--resolution-m", "90", "--max-void-fraction", "0.8",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("  warning: site 'E") && $0.contains("has no terrain") }.count == 20)
        #expect(lines.contains("  … and 2 more warnings in summary.json"), "\(result.stdout)")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/summary.json"))) as? [String: Any]
        #expect((summary?["warnings"] as? [String])?.count == 22)
    }

    @Test("phusong terrain describes a DEM; --resolution-m sets the grid", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func terrainAndResolution() throws {
        let hgt = SharedData.path("terrain/N44W072.hgt")
        let described = try run(["terrain", hgt])
        #expect(described.status == 0)
        let info = try #require(try JSONSerialization.jsonObject(with: Data(described.stdout.utf8)) as? [String: Any])
        #expect(info["min_m"] as? Double == 115 && info["max_m"] as? Double == 1_908 && info["void_cells"] as? Int == 0)

        let folder = try temporaryFolder("resolution")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run([
            "footprint", "--terrain", hgt, "--sites", Fixtures.path("sites/nh_two_sites.csv"), "--out", folder,
            "--radius-km", "12", "--resolution-m", "150", "--threshold-2g", "-90", "--model", "fspl",
            "--climate", "5", "--indoor-loss-db", "12", "--k-from-refractivity", "330", "--kernel", "exact",
            "--rx-gain-dbi", "-3",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as? [String: Any]
        )
        #expect(summary["resolution_m"] as? Double == 150 && summary["radius_km"] as? Double == 12)
        #expect((summary["thresholds_dbm"] as? [String: Double])?["2G"] == -90)
        let settings = try #require(summary["settings"] as? [String: Any])
        #expect(summary["model"] as? String == "fspl" && settings["climate"] as? Int == 5)
        #expect(settings["indoor_loss_db"] as? Double == 12 && settings["kernel"] as? String == "exact")
        #expect(settings["receiver_gain_dbi"] as? Double == -3, "a handset's negative gain, after a space")
        let k = try #require(summary["k_factor"] as? Double)
        #expect(abs(k - 1 / (1 - 0.04665 * exp(330 / 179.3))) < 1e-9)
    }

    @Test("A site whose pattern file is malformed: one error line naming the site file, the pattern file and the line", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func malformedPatternFile() throws {
        let folder = try temporaryFolder("msi")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = folder + "/sites.geojson"
        let pattern = Fixtures.path("antennas/malformed_short_horizontal.msi")
        try """
        {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [-71.45, 44.45]},
         "properties": {"id": "S1", "height_m": 30, "technology": "2G", "tx_power_dbm": 43, "antenna_file": "\(pattern)", "azimuth_deg": 0}}]}
        """.write(toFile: sites, atomically: true, encoding: .utf8)
        try expectFailure(
            terrain: SharedData.path("terrain/N44W072.hgt"), sites: sites, file: sites,
            fault: "feature 1 (id 'S1'): antenna_file \(pattern): line 201"
        )
    }

    @Test("phusong demo: the synthetic province as a batch — sites on air and a proposal with SINR, C/I, neighbours and the busy hour, a claim, a plan sharing masts, the sectors retilted, backhaul to the fibre, the masts' exposure; every output labelled synthetic")
    func demo() throws {
        let folder = try temporaryFolder("demo")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(["demo", "--out", folder, "--radius-km", "6"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("SYNTHETIC"))
        let batch = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/batch.json"))) as? [String: Any]
        )
        let jobs = try #require(batch["jobs"] as? [[String: Any]])
        #expect(jobs.map { $0["id"] as? String } == ["on-air", "proposal", "claim", "shared-first-plan", "retilt", "backhaul", "exposure"])
        #expect(jobs.allSatisfy { $0["status"] as? String == "done" }, "\(jobs)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/jobs/on-air/summary.json"))) as? [String: Any]
        )
        #expect(summary["synthetic_terrain"] as? Bool == true)
        #expect((summary["site_areas"] as? [Any])?.count == 6)
        // The evaluations check SINR, C/I and neighbours too.
        #expect(summary["lte_sinr"] != nil && summary["gsm_ci"] != nil && summary["neighbours"] != nil)
        for file in ["neighbours.csv", "inter_technology_neighbours.csv", "sinr.tif", "ci.tif", "traffic.csv", "masts.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/jobs/on-air/" + file), "\(file)")
        }
        // The busy hour: the two 2G sites on air, with 4 and 2 TRX, cannot carry theirs.
        #expect(jobs[0]["figures"].flatMap { ($0 as? [String: Any])?["overloaded_sites"] as? Double } == 2, "\(jobs[0])")
        // What one mast's outage costs: the batch figure is the summary's share.
        let outages = try #require(summary["mast_outages"] as? [String: Any])
        let onOneMast = try #require(outages["covered_residents_percent_on_one_mast"] as? Double)
        #expect(jobs[0]["figures"].flatMap { ($0 as? [String: Any])?["one_mast_residents_percent"] as? Double } == onOneMast, "\(jobs[0])")
        #expect(outages["masts"] as? Int == 6 && onOneMast > 0, "\(outages)")
        // The two 4G sectors on air retilted: tilts.csv lists both, before/ and after/ evaluate the six sites.
        let tilts = try String(contentsOfFile: folder + "/jobs/retilt/tilts.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(tilts.map { $0.prefix { $0 != "," } } == ["CB-002", "CB-005"], "\(tilts)")
        #expect(FileManager.default.fileExists(atPath: folder + "/jobs/retilt/after/summary.json"))
        let communes = try String(contentsOfFile: folder + "/jobs/on-air/communes.csv", encoding: .utf8)
        #expect(communes.contains("SYNTHETIC") && communes.contains("Synthetic commune 20"))
        let plan = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/jobs/shared-first-plan/plan.json"))) as? [String: Any]
        )
        let chosen = try #require(plan["chosen"] as? [[String: Any]])
        #expect((plan["cost"] as? Double ?? .infinity) <= 250 && chosen.contains { $0["kind"] as? String == "shared" }, "\(chosen)")
        let info = try runProgram("gdalinfo", [folder + "/jobs/on-air/coverage.tif"])
        #expect(info.stdout.contains("PHUSONG_SYNTHETIC=YES"))
        // The pairs of the six masts within 30 km of each other; CB-001 and CB-002 are on the fibre.
        let backhaul = try #require(jobs[5]["figures"] as? [String: Any])
        let hopRows = try String(contentsOfFile: folder + "/jobs/backhaul/hops.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        let reach = try String(contentsOfFile: folder + "/jobs/backhaul/reach.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(backhaul["hops"] as? Double == Double(hopRows.count) && hopRows.count >= 10 && reach.count == 6, "\(backhaul)")
        let reachRows = reach.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(reachRows.filter { $0[1] == "true" && $0[2] == "0" }.map { $0[0] } == ["CB-001", "CB-002"])
        let reaching = reachRows.filter { $0[1] == "false" && !$0[2].isEmpty }.count
        #expect(backhaul["sites_reaching_hub"] as? Double == Double(reaching) && reaching >= 1)
        #expect(backhaul["sites_without_hub"] as? Double == Double(4 - reaching))
        let mostCutOff = reachRows.map { Double($0[9]) ?? -1 }.max()
        #expect(backhaul["most_sites_cut_off"] as? Double == mostCutOff && mostCutOff ?? 0 >= 1, "\(backhaul)")
        // With the demo's assumed climate every hop has an availability (0 where it does not close); the figure counts
        // those at 99.99 %.
        let availabilities = hopRows.compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false).last ?? "") }
        #expect(availabilities.count == hopRows.count && availabilities.contains(0))
        #expect(backhaul["hops_available_99_99_percent"] as? Double == Double(availabilities.filter { $0 >= 99.99 }.count), "\(backhaul)")
        let hops = try String(contentsOfFile: folder + "/jobs/backhaul/hops.geojson", encoding: .utf8)
        #expect(hops.contains("\"synthetic_terrain\":true"))
        // The six masts' exposure at full load: the 3G sites give their carriers' EIRP and their pilots' offset.
        let exposure = try csvRows(folder + "/jobs/exposure/emf.csv")
        #expect(exposure.count == 6 && jobs[6]["figures"].flatMap { ($0 as? [String: Any])?["masts"] as? Double } == 6, "\(jobs[6])")
        #expect(abs((Double(exposure["CB-003"]?["full_load_eirp_w"] ?? "") ?? 0) - pow(10, (68 - 30) / 10.0)) < 0.05)
        let zones = try String(contentsOfFile: folder + "/jobs/exposure/emf_zones.geojson", encoding: .utf8)
        #expect(zones.contains("\"synthetic_terrain\":true"))
    }

    @Test("phusong demo refuses a radius shorter than two of the synthetic terrain's cells up front (every job failed instead)")
    func demoRadius() throws {
        let folder = try temporaryFolder("demoradius")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(["demo", "--out", folder + "/out", "--radius-km", "0.1"])
        #expect(result.status == 64 && result.stderr.contains("--radius-km must be within 0.19–100 (two of the synthetic terrain's cells at least)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }

    @Test("Two demo runs give byte-identical results")
    func deterministic() throws {
        let first = try temporaryFolder("det1"), second = try temporaryFolder("det2")
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        for folder in [first, second] { _ = try run(["demo", "--out", folder, "--radius-km", "5"]) }
        for name in [
            "jobs/on-air/footprints.geojson", "jobs/on-air/coverage.tif", "jobs/on-air/sites/CB-002.tif", "jobs/shared-first-plan/plan.json",
            "jobs/backhaul/hops.csv", "jobs/backhaul/reach.csv", "batch.json", "index.html",
        ] {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: second + "/" + name))
            #expect(a == b, "\(name)")
        }
    }

    @Test("A progress bar on a terminal for several sites, with what the run does before and after them; none when stderr is not a terminal", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func progressBar() throws {
        let folder = try temporaryFolder("progress")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arguments = [
            phusongExecutable, "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"),
            "--sites", Fixtures.path("sites/nh_two_sites.csv"), "--radius-km", "5", "--model", "fspl",
        ]
        // `script` runs the command on a pseudo-terminal and copies what it draws to our stdout.
        let command = (arguments + ["--out", folder + "/tty"]).map { "'\($0)'" }.joined(separator: " ")
        let onTerminal = try runProgram("script", ["-qec", command, "/dev/null"])
        #expect(onTerminal.status == 0, "\(onTerminal.stdout)")
        #expect(onTerminal.stdout.contains("sites ███████████████·"), "half way: \(onTerminal.stdout)")
        #expect(onTerminal.stdout.contains("sites ██████████████████████████████ 2/2"), "done: \(onTerminal.stdout)")
        let (none, all) = (String(repeating: "·", count: 30), String(repeating: "█", count: 30))
        for stage in ["\(none) 0/2  loading terrain", "\(all) 2/2  union, overlaps and rasters", "\(all) 2/2  writing footprints and summary"] {
            #expect(onTerminal.stdout.contains("sites " + stage), "\(stage): \(onTerminal.stdout)")
        }
        let piped = try runProgram(arguments[0], Array(arguments.dropFirst()) + ["--out", folder + "/pipe"])
        #expect(piped.status == 0 && piped.stderr.isEmpty, "stderr: \(piped.stderr)")
    }
}
