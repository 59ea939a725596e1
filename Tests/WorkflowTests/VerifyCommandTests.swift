import Foundation
import Propagation
import Terrain
import TestSupport
import Testing

/// `phusong verify` as an approver runs it, on the real Lào Cai communes and the Bát Xát DEM.
@Suite("phusong verify", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct VerifyCommandTests {
    let communes = SharedData.path("population/laocai_communes_census2009.geojson")

    func run(_ arguments: [String]) throws -> ProgramOutput { try runProgram(phusongExecutable, arguments) }

    /// The scenario of every claim here: two invented sites in Bát Xát, line of sight, 8 km, 30 m.
    func scenario(sites: String) -> [String: Any] {
        [
            "terrain": SharedData.path("terrain/batxat_copernicus_glo30.tif"), "sites": sites, "population": communes,
            "model": "los", "radius_km": 8, "resolution_m": 30, "max_void_fraction": 0.7,
        ]
    }

    /// Two Bát Xát sites, 2G at 900 MHz and 4G at 1800, written to `folder`/sites.csv; its path.
    func twoSites(in folder: String) throws -> String {
        let sites = folder + "/sites.csv"
        try "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology\nBX-1,22.53,103.88,30,900,60,2G\nBX-2,22.50,103.83,30,1800,58,4G\n"
            .write(toFile: sites, atomically: true, encoding: .utf8)
        return sites
    }

    func write(_ object: [String: Any], to path: String) throws {
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: path))
    }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test("A true claim passes (exit 0) and the same claim inflated by 2 points fails (exit 1); digests, the executable's too, match sha256sum")
    func trueAndInflatedClaims() throws {
        let folder = try temporaryFolder("verify")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try twoSites(in: folder)
        // The operator's own run gives the figures they claim.
        let evaluation = try run([
            "evaluate", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", sites,
            "--population", communes, "--model", "los", "--radius-km", "8", "--resolution-m", "30",
            "--max-void-fraction", "0.7", "--out", folder + "/operator",
        ])
        #expect(evaluation.status == 0, "\(evaluation.stderr)")
        #expect(evaluation.stdout.contains("Residents covered"))
        let residents = try #require(try json(folder + "/operator/summary.json")["residents"] as? [String: Any])
        let total = try #require(residents["total"] as? [String: Any])
        let covered = try #require((total["covered_residents"] as? [String: Double])?["any"])
        let onTerrain = try #require(total["residents"] as? Double)
        let provinceAny = (100 * covered / onTerrain * 100).rounded() / 100
        let town = try #require((residents["communes"] as? [[String: Any]])?.first { $0["id"] as? String == "2050701" })
        let townFigures = try #require(town["figures"] as? [String: Any])
        let townAny = 100 * ((townFigures["covered_residents"] as? [String: Double])?["any"] ?? 0) / (townFigures["residents"] as! Double)

        let honest = folder + "/honest.json"
        try write([
            "scenario": scenario(sites: sites),
            "claimed": [
                "province": ["any": provinceAny], "communes": ["2050701": ["any": (townAny * 100).rounded() / 100]],
                "footprint": folder + "/operator/footprints.geojson",
            ],
        ], to: honest)
        let pass = try run(["verify", "--claim", honest, "--out", folder + "/pass"])
        #expect(pass.status == 0, "\(pass.stdout)\(pass.stderr)")
        #expect(pass.stdout.contains("PASS") && !pass.stdout.contains("FAIL"))
        let report = try json(folder + "/pass/verification.json")
        #expect(report["passed"] as? Bool == true)
        let rows = try #require(report["rows"] as? [[String: Any]])
        #expect(rows.count == 3 && rows.allSatisfy { $0["pass"] as? Bool == true })
        let footprint = try #require(rows.first { ($0["item"] as? String)?.hasPrefix("footprint") == true })
        #expect((footprint["difference"] as? Double ?? 1) < 0.01, "the operator's own footprint")
        let inputs = try #require(report["inputs"] as? [[String: String]])
        let digest = try runProgram("sha256sum", [communes]).stdout.split(separator: " ").first.map(String.init)
        #expect(inputs.first { $0["path"] == communes }?["sha256"] == digest)
        #expect(inputs.count == 5)
        let build = try expectedEngineBuild()
        #expect(report["engine"] as? String == build, "the build that verified")
        let settings = try #require((report["computed"] as? [String: Any])?["settings"] as? [String: Any])
        #expect(settings["kernel"] as? String == "sweep" && settings["climate"] as? Int == 2)
        for name in ["verification.md", "differences.geojson", "computed/summary.json", "computed/communes.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/pass/" + name), "\(name)")
        }

        let inflated = folder + "/inflated.json"
        try write([
            "scenario": scenario(sites: sites), "claimed": ["province": ["any": provinceAny + 2]],
        ], to: inflated)
        let fail = try run(["verify", "--claim", inflated, "--out", folder + "/fail"])
        #expect(fail.status == 1, "\(fail.stdout)\(fail.stderr)")
        #expect(fail.stdout.contains("FAIL"))
        let failed = try json(folder + "/fail/verification.json")
        #expect(failed["passed"] as? Bool == false)
        let row = try #require((failed["rows"] as? [[String: Any]])?.first)
        #expect(abs((row["difference"] as? Double ?? 0) - 2) < 0.006)
        #expect(try String(contentsOfFile: folder + "/fail/verification.md", encoding: .utf8).contains("| FAIL |"))
        // Verified into the honest claim's folder, a claim without a footprint leaves no differences.geojson behind.
        #expect(try run(["verify", "--claim", inflated, "--out", folder + "/pass"]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder + "/pass/differences.geojson"))
        #expect(FileManager.default.fileExists(atPath: folder + "/pass/computed/summary.json"))
    }

    @Test("A claim for handsets in low-loss buildings with rma at 90 % of locations: the report's settings say where the handset is, the buildings' loss by band and σ, and that rma's σ per cell is joined with it; in P.2109's buildings, that their loss is at level incidence, and with los_probability that line of sight mixes 3GPP's probability")
    func indoorHandsetSettings() throws {
        let folder = try temporaryFolder("verify-indoor")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try twoSites(in: folder)
        var settings = scenario(sites: sites)
        (settings["model"], settings["radius_km"], settings["location_percent"]) = ("rma", 5, 90)
        (settings["indoor_penetration"], settings["rx_gain_dbi"], settings["body_loss_db"]) = ("3gpp-low", 1.5, 3)
        try write(["scenario": settings, "claimed": ["province": ["any": 0]], "tolerance_pp": 100], to: folder + "/claim.json")
        let verified = try run(["verify", "--claim", folder + "/claim.json", "--out", folder + "/out"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let report = try String(contentsOfFile: folder + "/out/verification.md", encoding: .utf8)
        let building = BuildingPenetration(walls: .lowLoss)
        let losses = String(format: "%.1f–%.1f", building.lossDB(frequencyMHz: 900), building.lossDB(frequencyMHz: 1_800))
        #expect(report.contains("- handset inside 3gpp-low buildings, 8.33 m in: \(losses) dB by band (σ 4.4 dB); antenna gain 1.5 dBi, body loss 3 dB, foliage 0 dB"), "\(report)")
        #expect(report.contains("- coverage at 90 % of locations: 3GPP's σ by line of sight and distance in every cell, joined with the buildings' σ"), "\(report)")
        // P.2109's buildings: their median at level incidence, which grows on steep paths, and their σ at 90 % by band.
        (settings["indoor_penetration"], settings["los_probability"]) = ("p2109-traditional", true)
        try write(["scenario": settings, "claimed": ["province": ["any": 0]], "tolerance_pp": 100], to: folder + "/p2109.json")
        #expect(try run(["verify", "--claim", folder + "/p2109.json", "--out", folder + "/p2109"]).status == 0)
        let entry = BuildingPenetration(walls: .traditional), bands = [900.0, 1_800]
        let medians = bands.map { String(format: "%.1f", entry.lossDB(frequencyMHz: $0)) }.joined(separator: "–")
        let sigmas = bands.map { String(format: "%.1f", entry.sigmaDB(frequencyMHz: $0, locationPercent: 90)) }.joined(separator: "–")
        let line = "- handset inside p2109-traditional buildings: \(medians) dB by band at level incidence, more on steep paths (σ \(sigmas) dB)"
        let p2109 = try String(contentsOfFile: folder + "/p2109/verification.md", encoding: .utf8)
        #expect(p2109.contains(line), "\(p2109)")
        #expect(p2109.contains("- line of sight: where the terrain leaves a cell in sight, only with 3GPP's probability") && !report.contains("- line of sight:"))
    }

    @Test("""
        A claim for handsets among trees (handset_clutter, P.2108): the report says the clutter, its height and street, the \
        model's height and the sites' losses; an unknown kind, the clutter with hata, beside the land cover, and its sizes \
        alone or out of range are refused naming the field (exit 2)
        """)
    func handsetClutterSettings() throws {
        let folder = try temporaryFolder("verify-handset-clutter")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var settings = scenario(sites: try twoSites(in: folder))
        (settings["radius_km"], settings["handset_clutter"], settings["handset_street_width_m"]) = (5, "trees", 12)
        try write(["scenario": settings, "claimed": ["province": ["any": 0]], "tolerance_pp": 100], to: folder + "/claim.json")
        let verified = try run(["verify", "--claim", folder + "/claim.json", "--out", folder + "/out"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let trees = HandsetClutter(kind: .trees, streetWidthM: 12)
        let losses = String(format: "%.1f–%.1f", trees.lossDB(frequencyMHz: 900, handsetHeight: 1.5), trees.lossDB(frequencyMHz: 1_800, handsetHeight: 1.5))
        let report = try String(contentsOfFile: folder + "/out/verification.md", encoding: .utf8)
        let line = "- clutter around the handset (ITU-R P.2108 §3.1): trees, 15 m tall, streets 12 m wide; the model took the handset at 15 m and the sites' power lost \(losses) dB more"
        #expect(report.contains(line), "\(report)")
        for (changes, fault) in [
            (["handset_clutter": "forest"], "scenario.handset_clutter: must be one of water, open, suburban, urban, trees, dense-urban"),
            (["model": "hata", "environment": "open"], "scenario.handset_clutter: hata: its formula holds the clutter around the handset already"),
            (["clutter": "lc.tif", "clutter_losses": "lc.csv"], "scenario.handset_clutter: clutter and handset_clutter both price"),
            (["handset_clutter_height_m": 0.2], "scenario.handset_clutter_height_m: must be within 1–100 m"),
            (["handset_clutter": NSNull(), "handset_clutter_height_m": 8], "scenario.handset_clutter_height_m: applies with handset_clutter"),
        ] as [([String: Any], String)] {
            var bad = settings
            for (key, value) in changes { bad[key] = value is NSNull ? nil : value }
            try write(["scenario": bad, "claimed": ["province": ["any": 0]]], to: folder + "/bad.json")
            let result = try run(["verify", "--claim", folder + "/bad.json", "--out", folder + "/bad"])
            #expect(result.status == 2 && result.stderr.contains(fault), "\(changes): \(result.stderr)")
        }
    }

    @Test("A claim at 90 % of locations with clutter and the uplink: the report's settings give the margins, the clutter table and the uplink, digests of both clutter files, and a claimed share of tree cover is checked")
    func locationAndClutterSettings() throws {
        let folder = try temporaryFolder("verify-settings")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = folder + "/sites.csv"
        try "id,lat,lon,height_m,frequency_mhz,eirp_dbm,antenna_gain_dbi,feeder_loss_db,technology\nBX-1,22.53,103.88,30,900,60,17,3,2G\n"
            .write(toFile: sites, atomically: true, encoding: .utf8)
        // Tree cover (class 10) over the whole Bát Xát DEM.
        try GeoTIFF.writeIntegers(
            path: folder + "/landcover.tif", width: 20, height: 22, values: [UInt8](repeating: 10, count: 440), nodata: 0,
            georeference: RasterGeoreference(geoTransform: [103.75, 0.01, 0, 22.63, 0, -0.01], crs: .epsg(4326))
        )
        try "class,loss_db\n10,6\n".write(toFile: folder + "/losses.csv", atomically: true, encoding: .utf8)
        var settings = scenario(sites: sites)
        settings["location_percent"] = 90
        settings["location_sigma_db"] = 8
        settings["clutter"] = folder + "/landcover.tif"
        settings["clutter_losses"] = folder + "/losses.csv"
        settings["uplink"] = true
        settings["residential_classes"] = [10]
        let claimed: [String: Any] = [
            "province": ["any": 0], "land_cover": ["10": ["any": 50]],
            "residential": ["province": ["any": 40], "communes": ["2050701": ["any": 30]]],
        ]
        try write(["scenario": settings, "claimed": claimed, "tolerance_pp": 100], to: folder + "/claim.json")
        let verified = try run(["verify", "--claim", folder + "/claim.json", "--out", folder + "/out"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let report = try String(contentsOfFile: folder + "/out/verification.md", encoding: .utf8)
        #expect(report.contains("- coverage at 90 % of locations (σ 8.0 dB): margins of 10.25–10.25 dB off the sites' power"), "\(report)")
        #expect(report.contains("- handset outdoors; antenna gain 0 dBi, body loss 0 dB, foliage 0 dB"), "\(report)")
        // The recomputed run's own warnings (the site's disc leaves the district's DEM) are in the report for people too.
        let warnings = try #require((try json(folder + "/out/verification.json")["computed"] as? [String: Any])?["warnings"] as? [String])
        #expect(!warnings.isEmpty && report.contains((["## Warnings of the recomputed run", ""] + warnings.map { "- \($0)" }).joined(separator: "\n")), "\(report)")
        #expect(report.contains("- clutter: `\(folder)/landcover.tif`, losses `\(folder)/losses.csv` (class 10 6.0 dB)"), "\(report)")
        // 46 dBm conducted against the handset's 33: the uplink closes from −104 − 33 + 46 = −91 dBm of downlink.
        #expect(report.contains("- uplink checked on 1 of 1 sites (handset power, site sensitivity and antenna gain in `verification.json`); it limits the coverage of 1"), "\(report)")
        let site = try #require((try json(folder + "/out/verification.json")["computed"] as? [String: Any]).flatMap { ($0["site_areas"] as? [[String: Any]])?.first })
        #expect(site["threshold_dbm"] as? Double == -91)
        // Tree cover's coverage within the communes: fewer cells than the grid holds, some of them covered.
        let computed = try #require(try json(folder + "/out/verification.json")["computed"] as? [String: Any])
        let landCover = try #require(computed["clutter"] as? [String: Any])
        let trees = try #require((landCover["coverage_by_class"] as? [String: [String: Any]])?["10"])
        let gridCells = try #require((landCover["cells_per_class"] as? [String: Int])?["10"])
        #expect(landCover["coverage_within"] as? String == "communes" && (trees["cells"] as? Int ?? .max) < gridCells)
        let treesCovered = try #require((trees["covered_percent"] as? [String: Double])?["any"])
        #expect(treesCovered > 0 && treesCovered < 100, "\(trees)")
        // The claim's 50 % of tree cover against that share.
        let rows = try #require(try json(folder + "/out/verification.json")["rows"] as? [[String: Any]])
        let row = try #require(rows.first { $0["item"] as? String == "land cover 10 · any" })
        #expect(row["computed"] as? Double == treesCovered && row["difference"] as? Double == 50 - treesCovered)
        // Tree cover named residential: the province's share is the class's, a commune's its own.
        let residential = try #require(landCover["residential"] as? [String: Any])
        #expect((residential["covered_percent"] as? [String: Double])?["any"] == treesCovered)
        let commune = try #require(((residential["by_commune"] as? [String: Any])?["2050701"] as? [String: Any])?["covered_percent"] as? [String: Double])
        let province = try #require(rows.first { $0["item"] as? String == "residential land · province · any" })
        let communeRow = try #require(rows.first { $0["item"] as? String == "residential land · commune 2050701 · any" })
        #expect(province["computed"] as? Double == treesCovered && communeRow["computed"] as? Double == commune["any"])
        let inputs = try #require(try json(folder + "/out/verification.json")["inputs"] as? [[String: String]])
        #expect(inputs.contains { $0["path"] == folder + "/losses.csv" } && inputs.contains { $0["path"] == folder + "/landcover.tif" })
    }

    @Test("A claim on a folder of tiles with its sites in a Shapefile: recomputed; every tile and every part of the Shapefile listed with its digest; ~/ names the home folder")
    func tileFolderAndShapefile() throws {
        let folder = try temporaryFolder("verify-parts")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/tiles", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/tiles/batxat.tif", withDestinationPath: SharedData.path("terrain/batxat_copernicus_glo30.tif")
        )
        try "id,lat,lon,height_m,eirp_dbm,technology\nBX-1,22.53,103.88,30,60,2G\n".write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        let converted = try runProgram("ogr2ogr", [
            "-f", "ESRI Shapefile", "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-a_srs", "EPSG:4326",
            folder + "/sites.shp", folder + "/sites.csv",
        ])
        try #require(converted.status == 0, "ogr2ogr failed: \(converted.stderr)")
        var settings = scenario(sites: folder + "/sites.shp")
        settings["terrain"] = folder + "/tiles"
        settings["radius_km"] = 3
        try write(["scenario": settings, "claimed": ["province": ["any": 0]], "tolerance_pp": 100], to: folder + "/claim.json")
        let verified = try run(["verify", "--claim", folder + "/claim.json", "--out", folder + "/out"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let inputs = try #require(try json(folder + "/out/verification.json")["inputs"] as? [[String: String]])
        let names = inputs.compactMap { $0["path"].map { ($0 as NSString).lastPathComponent } }
        #expect(names.starts(with: ["claim.json", "batxat.tif", "sites.shp"]) && names.last == "laocai_communes_census2009.geojson", "\(names)")
        #expect(Set(names).isSuperset(of: ["sites.dbf", "sites.shx", "sites.prj"]), "\(names)")
        for input in inputs {
            let path = try #require(input["path"])
            let digest = try runProgram("sha256sum", [path]).stdout.split(separator: " ").first.map(String.init)
            #expect(input["sha256"] == digest, "\(path)")
        }

        // A path from the user's home folder, written as a shell would take it.
        settings["sites"] = "~/sites.shp"
        try write(["scenario": settings, "claimed": ["province": ["any": 0]], "tolerance_pp": 100], to: folder + "/home.json")
        let fromHome = try runProgram("env", ["HOME=" + folder, phusongExecutable, "verify", "--claim", folder + "/home.json", "--out", folder + "/home"])
        #expect(fromHome.status == 0, "\(fromHome.stdout)\(fromHome.stderr)")
        let homeInputs = try #require(try json(folder + "/home/verification.json")["inputs"] as? [[String: String]])
        #expect(homeInputs.contains { $0["path"] == folder + "/sites.shp" }, "\(homeInputs)")
    }

    /// `scenario(sites:)` with the 4G rate at a 40 Mbps limit.
    func rateScenario(sites: String) -> [String: Any] {
        scenario(sites: sites).merging(["sinr": true, "throughput": true, "throughput_limit_mbps": 40]) { $1 }
    }

    @Test("""
        A claimed share of residents at the rate limit (4G's rate, 5G's rate_5g), province and commune, passes as the \
        operator's own evaluation gives it and fails 2 points up; a commune the population does not hold is refused
        """, arguments: [false, true])
    func rateClaims(nr: Bool) throws {
        let folder = try temporaryFolder("verify-rate")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = folder + "/sites.csv"
        let lines = nr ? "BX-N1,22.53,103.88,30,3500,72,5G,100\nBX-N2,22.50,103.83,30,3500,72,5G,40\n"
            : "BX-L1,22.53,103.88,30,1815,61,4G,20\nBX-L2,22.50,103.83,30,1815,61,4G,10\n"
        try ("id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology,bandwidth_mhz\n" + lines).write(toFile: sites, atomically: true, encoding: .utf8)
        let (key, technology) = nr ? ("rate_5g", "5G") : ("rate", "4G")
        let evaluation = try run([
            "evaluate", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", sites, "--population", communes,
            "--model", "los", "--radius-km", "8", "--resolution-m", "30", "--max-void-fraction", "0.7", "--sinr", "--throughput",
            "--throughput-limit-mbps", "40", "--out", folder + "/operator",
        ])
        #expect(evaluation.status == 0, "\(evaluation.stderr)")
        let rate = try #require(try json(folder + "/operator/summary.json")[nr ? "nr_throughput" : "lte_throughput"] as? [String: Any])
        let province = try #require(rate["residents_percent_at_rate"] as? Double)
        let byCommune = try #require(rate["residents_percent_at_rate_by_commune"] as? [String: Double])
        let (commune, share) = try #require(byCommune.filter { $0.value > 0 && $0.value < 100 }.min { $0.key < $1.key })
        #expect(province > 0 && province < 100, "\(province) %")
        #expect(evaluation.stdout.contains(String(format: "%@ at 40 Mbps or faster: %.2f %% of the residents", technology, province)), "\(evaluation.stdout)")
        func claim(_ name: String, province: Double, communes: [String: Double]) throws -> ProgramOutput {
            try write(["scenario": rateScenario(sites: sites), "claimed": [key: ["province": province, "communes": communes]]], to: folder + "/\(name).json")
            return try run(["verify", "--claim", folder + "/\(name).json", "--out", folder + "/" + name])
        }
        let honest = try claim("honest", province: (province * 100).rounded() / 100, communes: [commune: (share * 100).rounded() / 100])
        #expect(honest.status == 0 && honest.stdout.contains("residents at 40 Mbps · commune \(commune) · \(technology)"), "\(honest.stdout)\(honest.stderr)")
        let rows = try #require(try json(folder + "/honest/verification.json")["rows"] as? [[String: Any]])
        #expect(rows.count == 2 && rows.allSatisfy { $0["pass"] as? Bool == true })
        let inflated = try claim("inflated", province: province + 2, communes: [:])
        #expect(inflated.status == 1, "\(inflated.stdout)\(inflated.stderr)")
        let row = try #require((try json(folder + "/inflated/verification.json")["rows"] as? [[String: Any]])?.first)
        #expect(abs((row["difference"] as? Double ?? 0) - 2) < 1e-9 && row["pass"] as? Bool == false)
        let unknown = try claim("unknown", province: province, communes: ["999": 50])
        #expect(unknown.status == 2 && unknown.stderr.contains("claimed.\(key).communes.999: no commune with that id"), "\(unknown.stderr)")
        if nr {
            try write(["scenario": rateScenario(sites: Fixtures.path("sites/batxat_one_site.geojson")), "claimed": [key: ["province": 50]]], to: folder + "/no-nr.json")
            let without = try run(["verify", "--claim", folder + "/no-nr.json", "--out", folder + "/no-nr"])
            #expect(without.status == 2 && without.stderr.contains("claimed.rate_5g: no 5G site in the scenario, so no rate to check"), "\(without.stderr)")
        }
    }

    @Test("Bad claims exit 2 with one line naming the claim and the fault, and write nothing")
    func badClaims() throws {
        let folder = try temporaryFolder("badclaim")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = Fixtures.path("sites/batxat_one_site.geojson")
        var missing = scenario(sites: sites)
        missing["population"] = folder + "/absent.geojson"
        var unknownModel = scenario(sites: sites)
        unknownModel["model"] = "okumura"
        var extra = scenario(sites: sites)
        extra["radius"] = 5
        var hugeClimate = scenario(sites: sites)  // too large for an integer: converting it trapped
        hugeClimate["climate"] = 1e300
        var hugeFill = scenario(sites: sites)
        hugeFill["max_fill_cells"] = 1e300
        var numericFlag = scenario(sites: sites)  // Foundation reads JSON's 1 as true unless told apart
        numericFlag["uplink"] = 1
        var booleanRadius = scenario(sites: sites)
        booleanRadius["radius_km"] = true
        let cases: [(String, Any, String)] = [
            ("missing-file", ["scenario": missing, "claimed": ["province": ["any": 50]]], "references a missing file: \(folder)/absent.geojson"),
            ("unknown-commune", ["scenario": scenario(sites: sites), "claimed": ["communes": ["999": ["any": 50]]]], "claimed.communes.999: no commune"),
            ("unknown-field", ["scenario": extra, "claimed": ["province": ["any": 50]]], "scenario.radius: unknown field"),
            ("unknown-model", ["scenario": unknownModel, "claimed": ["province": ["any": 50]]], "scenario.model: unknown model 'okumura'"),
            ("huge-climate", ["scenario": hugeClimate, "claimed": ["province": ["any": 50]]], "scenario.climate: must be an ITM radio climate 1–7"),
            ("huge-fill", ["scenario": hugeFill, "claimed": ["province": ["any": 50]]], "scenario.max_fill_cells: must be a whole number ≥ 0"),
            ("numeric-flag", ["scenario": numericFlag, "claimed": ["province": ["any": 50]]], "scenario.uplink: must be true or false"),
            ("boolean-radius", ["scenario": booleanRadius, "claimed": ["province": ["any": 50]]], "scenario.radius_km: must be a number"),
            ("bad-layer", ["scenario": scenario(sites: sites), "claimed": ["province": ["6G": 50]]], "claimed.province.6G: unknown field"),
            ("no-figure", ["scenario": scenario(sites: sites), "claimed": [String: Any]()], "the claim states no figure"),
            ("land-cover-without-clutter", ["scenario": scenario(sites: sites), "claimed": ["land_cover": ["50": ["any": 97]]]], "claimed.land_cover: needs the scenario's clutter"),
            ("residential-without-classes", ["scenario": scenario(sites: sites), "claimed": ["residential": ["province": ["any": 97]]]], "claimed.residential: needs the scenario's clutter, clutter_losses and residential_classes"),
            ("rate-without-throughput", ["scenario": scenario(sites: sites), "claimed": ["rate": ["province": 80]]], "claimed.rate: needs the scenario's sinr: true and throughput: true"),
            ("rate-not-a-percentage", ["scenario": rateScenario(sites: sites), "claimed": ["rate": ["province": 150]]], "claimed.rate.province: must be a percentage 0–100"),
            ("rate-by-layer", ["scenario": rateScenario(sites: sites), "claimed": ["rate": ["province": ["4G": 80]]]], "claimed.rate.province: must be a number"),
        ]
        for (name, claim, fault) in cases {
            let path = folder + "/\(name).json"
            try write(claim as! [String: Any], to: path)
            let result = try run(["verify", "--claim", path, "--out", folder + "/out-\(name)"])
            #expect(result.status == 2, "\(name): \(result.stderr)")
            #expect(result.stderr.hasPrefix("phusong: error: \(path): "), "\(name): \(result.stderr)")
            #expect(result.stderr.contains(fault), "\(name): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: folder + "/out-\(name)"), "\(name) left outputs")
        }
        let malformed = folder + "/malformed.json"
        try "{\"scenario\": {".write(toFile: malformed, atomically: true, encoding: .utf8)
        let result = try run(["verify", "--claim", malformed, "--out", folder + "/out-malformed"])
        #expect(result.status == 2 && result.stderr.contains("not a JSON object"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("out-") || $0.hasPrefix(".out-") }
        #expect(entries.isEmpty, "\(entries)")
    }
}
