import Foundation
import Propagation
import TestSupport
import Testing

@Suite("phusong path")
struct PathCommandTests {
    func run(_ arguments: [String]) throws -> ProgramOutput { try runProgram(phusongExecutable, arguments) }

    @Test("NTIA case files: CSV with row,A__db,mode equal to the reference to 2 decimals", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func referenceCases() throws {
        let folder = SharedData.path("reference/itm/")
        for (model, arguments, file, tolerance) in [
            ("itm", ["--cases", folder + "p2p.csv", "--profiles", folder + "pfls.csv"], "p2p.csv", 0.005),
            ("itm-area", ["--cases", folder + "area.csv"], "area.csv", 0.05),
        ] {
            let result = try run(["path", "--model", model] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.first == "row,A__db,mode")
            let expected = try String(contentsOfFile: folder + file, encoding: .utf8).split(separator: "\n").dropFirst()
                .map { Double($0.split(separator: ",").last!)! }
            let printed = lines.dropFirst().map { $0.split(separator: ",") }
            #expect(printed.map { Int($0[0]) } == Array(1...5))
            for (row, reference) in zip(printed, expected) {
                #expect(abs(Double(row[1])! - reference) <= tolerance + 0.005)
                #expect(["1", "2", "3"].contains(row[2]))
            }
        }
    }

    @Test("A profile with fewer points than its header says is a clear error")
    func shortProfile() throws {
        let result = try run([
            "path", "--model", "itm", "--cases", Fixtures.path("itm/short_profile_cases.csv"),
            "--profiles", Fixtures.path("itm/short_profile_pfls.csv"),
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("short_profile_pfls.csv: line 1: header says 10 intervals (11 elevations) but the line has 7"))
    }

    @Test("A frequency outside ITM's range is refused, naming the case")
    func frequencyOutOfRange() throws {
        let result = try run([
            "path", "--model", "itm", "--cases", Fixtures.path("itm/bad_frequency_cases.csv"),
            "--profiles", Fixtures.path("itm/bad_frequency_pfls.csv"),
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("case 1: frequency 25000.0 MHz is outside ITM's 20–20000 MHz"))
        #expect(result.stdout.isEmpty)
    }

    @Test("Numbers too large for a whole-number field, or not finite, are refused with the file, line and field")
    func numbersThatDoNotFit() throws {
        let folder = try temporaryFolder("pathnumbers")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let header = "h_tx__meter,h_rx__meter,epsilon,sigma,N_0,f__mhz,pol,climate,time,location,situation,mdvar\n"
        let good = "30,1.5,15,0.005,301,900,1,5,50,50,50,3\n"
        let cases: [(cases: String, profile: String, fault: String)] = [
            (header + "30,1.5,15,0.005,301,900,1e300,5,50,50,50,3\n", "3,100,1,2,3,4\n", "cases.csv: line 2: invalid pol '1e+300'"),
            (header + "30,1.5,15,0.005,301,900,1,inf,50,50,50,3\n", "3,100,1,2,3,4\n", "cases.csv: line 2: column 'climate' is not a finite number: 'inf'"),
            (header + good, "1e300,100,1,2,3,4\n", "pfls.csv: line 1: bad PFL header (1e300 intervals of 100 m)"),
            (header + good, "3,100,1,2,nan,4\n", "pfls.csv: line 1: not a PFL profile"),
        ]
        for (index, (cases, profile, fault)) in cases.enumerated() {
            try cases.write(toFile: folder + "/cases.csv", atomically: true, encoding: .utf8)
            try profile.write(toFile: folder + "/pfls.csv", atomically: true, encoding: .utf8)
            let result = try run(["path", "--model", "itm", "--cases", folder + "/cases.csv", "--profiles", folder + "/pfls.csv"])
            #expect(result.status == 1 && result.stderr.contains(fault) && result.stdout.isEmpty, "\(index): \(result.stderr)")
        }
        for (option, value, fault) in [
            ("--frequency-mhz", "inf", "--frequency-mhz must be a positive, finite number"),
            ("--tx-height-m", "nan", "--tx-height-m and --rx-height-m must be finite numbers ≥ 0"),
            ("--rx-height-m", "inf", "--tx-height-m and --rx-height-m must be finite numbers ≥ 0"),
        ] {
            let result = try run(["path", "--model", "fspl", "--terrain", "/nonexistent.hgt", "--from", "0,0", "--to", "0,1", option, value])
            #expect(result.status == 64 && result.stderr.contains(fault) && result.stdout.isEmpty, "\(option): \(result.stderr)")
        }
    }

    @Test("One path over real terrain: JSON with loss, components and the profile", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func terrainPath() throws {
        let terrain = SharedData.path("terrain/N44W072.hgt")
        var reports: [String: [String: Any]] = [:]
        for model in ["itm", "itm-area", "p526", "fspl", "los"] {
            let result = try run([
                "path", "--model", model, "--terrain", terrain, "--from", "44.45,-71.45", "--to", "44.50,-71.30",
                "--frequency-mhz", "1800", "--tx-height-m", "40",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            reports[model] = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
        let itm = try #require(reports["itm"]), fspl = try #require(reports["fspl"])
        let profile = try #require(itm["profile"] as? [String: Any])
        #expect((12_000...14_000).contains(profile["length_m"] as! Double))
        #expect(profile["crs"] as? String == "EPSG:32619")
        let components = try #require(itm["components"] as? [String: Double])
        let parts = components["free_space_db"]! + components["reference_attenuation_db"]! + components["variability_db"]!
        #expect(abs((itm["loss_db"] as! Double) - parts) < 1e-9)
        // ITM's free-space term and the exact P.525 loss over the slant path agree to a few hundredths of a dB.
        #expect(abs(components["free_space_db"]! - (fspl["loss_db"] as! Double)) < 0.05)
        let area = try #require(reports["itm-area"])
        #expect((area["loss_db"] as? Double).map { $0 > 100 && $0 < 250 } == true)
        let p526 = try #require(reports["p526"])
        let p526Parts = try #require(p526["components"] as? [String: Double])
        #expect(abs((p526["loss_db"] as! Double) - p526Parts["free_space_db"]! - p526Parts["diffraction_db"]!) < 1e-9)
        let los = try #require(reports["los"])
        #expect(["line of sight", "obstructed"].contains(los["mode"] as? String))
    }

    @Test("Positions south of the equator (a minus sign first) are read: N44W072's heights moved to 33–34° S, UTM zone 19 S", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func southernPath() throws {
        let folder = try temporaryFolder("southpath")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let moved = folder + "/S34W072.tif"
        let translate = try runProgram("gdal_translate", [
            "-q", "-a_ullr", "-72.0004167", "-32.9995833", "-70.9995833", "-34.0004167", SharedData.path("terrain/N44W072.hgt"), moved,
        ])
        try #require(translate.status == 0, "gdal_translate failed: \(translate.stderr)")
        let result = try run(["path", "--model", "itm", "--terrain", moved, "--from", "-33.55,-71.45", "--to", "-33.50,-71.30"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let profile = try #require(report["profile"] as? [String: Any])
        #expect(profile["crs"] as? String == "EPSG:32719")
        #expect((12_000...16_000).contains(profile["length_m"] as? Double ?? 0))
        #expect((report["loss_db"] as? Double).map { $0 > 90 && $0 < 250 } == true)
    }

    @Test("Hata and COST-231 over a terrain path: range enforced, extrapolation on request", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func empiricalPath() throws {
        let base = [
            "path", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--from", "44.45,-71.45", "--to", "44.50,-71.30",
        ]
        let refused = try run(base + ["--model", "hata", "--frequency-mhz", "2100"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("phusong: error: --model hata: hata: frequency 2100 MHz is outside 150–1500 MHz"))
        // Values too large for a whole number are named in short form (formatting them as integers trapped).
        let huge = try run(base + ["--model", "hata", "--frequency-mhz", "1e30"])
        #expect(huge.status == 1 && huge.stderr.contains("hata: frequency 1e+30 MHz is outside 150–1500 MHz"), "\(huge.stderr)")
        let tall = try run(base + ["--model", "cost231", "--tx-height-m", "1e300"])
        #expect(tall.status == 1 && tall.stderr.contains("base-station height 1e+300 m is outside 30–200 m"), "\(tall.stderr)")
        let extrapolated = try run(base + ["--model", "hata", "--frequency-mhz", "2100", "--allow-extrapolation"])
        #expect(extrapolated.status == 0 && extrapolated.stdout.contains("(extrapolated)"))
        let cost = try run(base + ["--model", "cost231", "--frequency-mhz", "1800", "--environment", "metropolitan"])
        #expect(cost.status == 0, "\(cost.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(cost.stdout.utf8)) as? [String: Any])
        #expect(report["mode"] as? String == "metropolitan" && (report["warnings"] as? [String])?.isEmpty == true)
    }

    @Test("rma over a terrain path: its case by the profile's line of sight, the table's σ at a location percentage, range enforced",
          .enabled(if: SharedData.isAvailable, SharedData.absence))
    func ruralMacroPath() throws {
        let base = [
            "path", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--from", "44.45,-71.45", "--model", "rma",
            "--frequency-mhz", "3500", "--tx-height-m", "35",
        ]
        func report(_ arguments: [String]) throws -> [String: Any] {
            let result = try run(base + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
        let near = ["--to", "44.47,-71.45"]
        let median = try report(near), ninety = try report(near + ["--location", "90"])
        let seen = try report(near + ["--model", "los"])["loss_db"] is Double
        #expect(median["mode"] as? String == (seen ? "line of sight" : "obstructed"))
        let components = try #require(median["components"] as? [String: Double])
        let breakpoint = try #require(components["breakpoint_m"])
        #expect(abs(breakpoint - 2 * Double.pi * 35 * 1.5 * 3.5e9 / 3e8) < 1e-6)
        let distance = try #require(components["distance_m"])
        let sigma: Double = seen ? (distance <= breakpoint ? 4 : 6) : 8
        let shadowed = try #require(ninety["components"] as? [String: Double])
        #expect(shadowed["location_sigma_db"] == sigma && components["location_sigma_db"] == nil)
        let lift = try #require(ninety["loss_db"] as? Double) - (try #require(median["loss_db"] as? Double))
        #expect(abs(lift / sigma - 1.2816) < 1e-3 && abs(shadowed["location_margin_db"]! - lift) < 1e-9)
        // The NTIA-style path of 12–16 km lies beyond either case's reach.
        let far = try run(base + ["--to", "44.50,-71.30"])
        #expect(far.status == 1 && far.stderr.contains("--model rma: rma: distance") && far.stderr.contains("or allow extrapolation"), "\(far.stderr)")
        let stretched = try report(["--to", "44.50,-71.30", "--allow-extrapolation", "--rma-building-height-m", "10"])
        #expect((stretched["warnings"] as? [String])?.first?.hasSuffix("(extrapolated)") == true)
        let refused = try run(base + near + ["--rma-street-width-m", "0"])
        #expect(refused.status == 64 && refused.stderr.contains("--rma-street-width-m"), "\(refused.stderr)")
    }

    @Test("uma and umi over a terrain path: the case by the profile's line of sight, the breakpoint above the street's 1 m, the table's loss; a mast not of the scenario's height refused; with --los-probability the table's probability and a loss between the two cases'",
          .enabled(if: SharedData.isAvailable, SharedData.absence))
    func urbanPaths() throws {
        let start = ["path", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--from", "44.45,-71.45", "--frequency-mhz", "1800"]
        func report(_ arguments: [String]) throws -> [String: Any] {
            let result = try run(start + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
        var modes: Set<String> = []
        for (model, kind, height) in [("uma", UrbanCell.Kind.macro, 25.0), ("umi", .streetCanyon, 10)] {
            // One path the terrain leaves in sight, one behind a rise (as los finds them).
            for end in ["44.45,-71.46", "44.46,-71.45"] {
                let path = ["--to", end, "--tx-height-m", "\(height)"]
                let urban = try report(path + ["--model", model]), sight = try report(path + ["--model", "los"])
                let mode = try #require(sight["mode"] as? String)
                modes.insert(mode)
                #expect(urban["model"] as? String == model && urban["mode"] as? String == mode)
                let components = try #require(urban["components"] as? [String: Double])
                #expect(components["breakpoint_m"] == 4 * (height - 1) * 0.5 * 1.8e9 / 3e8)
                let expected = UrbanCell(kind, frequencyMHz: 1_800, baseHeight: height, mobileHeight: 1.5).loss(
                    horizontalDistance: try #require(components["distance_m"]),
                    slantDistance: try #require(components["slant_distance_m"]), lineOfSight: mode == "line of sight"
                )
                #expect(abs(try #require(urban["loss_db"] as? Double) - expected) < 1e-9, "\(model) to \(end)")
            }
            let refused = try run(start + ["--to", "44.46,-71.45", "--model", model, "--tx-height-m", "30"])
            #expect(refused.status == 1 && refused.stderr.contains("\(model): base-station height 30 m is not the model's"), "\(refused.stderr)")
        }
        #expect(modes == ["line of sight", "obstructed"])
        // With --los-probability the path in sight gives the table's probability, and its loss at 90 % lies between the
        // two cases' own.
        let inSight = ["--to", "44.45,-71.46", "--tx-height-m", "10", "--model", "umi", "--location", "90"]
        let mixed = try report(inSight + ["--los-probability"]), plain = try report(inSight)
        let components = try #require(mixed["components"] as? [String: Double])
        let cell = UrbanCell(.streetCanyon, frequencyMHz: 1_800, baseHeight: 10, mobileHeight: 1.5, locationPercent: 90)
        let (distance, slant) = (try #require(components["distance_m"]), try #require(components["slant_distance_m"]))
        #expect(abs(components["line_of_sight_probability"]! - cell.lineOfSightProbability(horizontalDistance: distance)) < 1e-12)
        #expect(components["location_sigma_db"] == nil && (plain["components"] as? [String: Double])?["location_sigma_db"] == 4)
        let loss = try #require(mixed["loss_db"] as? Double)
        #expect(cell.loss(horizontalDistance: distance, slantDistance: slant, lineOfSight: true) < loss)
        #expect(loss < cell.loss(horizontalDistance: distance, slantDistance: slant, lineOfSight: false))
        #expect(abs(loss - components["median_loss_db"]! - components["location_margin_db"]!) < 1e-9)
    }
}
