import Foundation
import TestSupport
import Testing

@Suite("phusong path: Fresnel clearance, link budget and the profile CSV")
struct PathLinkTests {
    func run(_ arguments: [String]) throws -> ProgramOutput { try runProgram(phusongExecutable, arguments) }

    func report(_ result: ProgramOutput) throws -> [String: Any] {
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("Over a level plain the worst Fresnel clearance is the textbook one nearest mid-path: 30 m masts 20 km apart at 900 MHz keep under 0.6 of the zone clear, 35 m masts over it, unless the earth's radius is taken at k = 2/3")
    func plainHop() throws {
        let folder = try temporaryFolder("fresnel-plain")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = try writeLevelPlain(in: folder)
        let wavelength = 299_792_458.0 / 900e6, radius = 6_371_008.8
        for (mast, k, clears) in [(30.0, 4.0 / 3.0, false), (35.0, 4.0 / 3.0, true), (35.0, 2.0 / 3.0, false)] {
            let json = try report(try run([
                "path", "--model", "fspl", "--terrain", terrain, "--from", "22.6,106.1", "--to", "22.6,106.3",
                "--tx-height-m", String(mast), "--rx-height-m", String(mast), "--frequency-mhz", "900", "--k-factor", String(k),
            ]))
            let profile = try #require(json["profile"] as? [String: Any])
            let d = try #require(profile["length_m"] as? Double), intervals = try #require(profile["points"] as? Int) - 1
            #expect((20_000...21_000).contains(d))
            // At each interior sample the clearance over the zone's radius is (h − x(d − x)/2kR) / √(λ x (d − x)/d),
            // least where x(d − x) is largest: at the samples nearest mid-path.
            func sample(_ index: Int) -> (fraction: Double, at: Double, zone: Double) {
                let x = d * Double(index) / Double(intervals)
                let zone: Double = (wavelength * x * (d - x) / d).squareRoot()
                let bulge: Double = x * (d - x) / (2 * k * radius)
                return ((mast - bulge) / zone, x, zone)
            }
            let (fraction, at, zone) = try #require((1..<intervals).map(sample).min { $0.fraction < $1.fraction })
            let fresnel = try #require(json["fresnel"] as? [String: Any])
            #expect(abs((fresnel["worst_fraction"] as? Double ?? 0) - fraction) < 0.001, "\(mast) m, k \(k): \(fresnel) against \(fraction)")
            #expect(abs((fresnel["worst_distance_m"] as? Double ?? 0) - at) < 1)
            #expect(abs((fresnel["worst_fresnel_radius_m"] as? Double ?? 0) - zone) < 0.01)
            #expect(fresnel["clears_60_percent"] as? Bool == clears && fresnel["line_of_sight"] as? Bool == true)
            #expect(abs((fresnel["k_factor"] as? Double ?? 0) - k) < 1e-12 && json["link_budget"] == nil)
        }
    }

    @Test("How far the masts must rise to clear 0.6 of the zone: both together by the largest shortfall, one alone by the shortfall over its share of the ray's rise; rerun so raised, the hop just clears; a clear hop needs nothing")
    func raiseToClear() throws {
        let folder = try temporaryFolder("fresnel-raise")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = try writeLevelPlain(in: folder)
        func fresnel(_ heights: (Double, Double)) throws -> [String: Any] {
            let json = try report(try run([
                "path", "--model", "fspl", "--terrain", terrain, "--from", "22.6,106.1", "--to", "22.6,106.3",
                "--tx-height-m", String(heights.0), "--rx-height-m", String(heights.1), "--frequency-mhz", "900",
            ]))
            return try #require(json["fresnel"] as? [String: Any])
        }
        let low = try fresnel((30, 30))
        func figure(_ json: [String: Any], _ name: String) -> Double { json[name] as? Double ?? .nan }
        let (both, from, to) = (figure(low, "raise_both_m"), figure(low, "raise_from_m"), figure(low, "raise_to_m"))
        // Over a level plain the shortfall 0.6 r − (h − bulge) is largest mid-path, where each end's share is one half,
        // so one end alone rises at least twice as far; the plain is symmetric, so either end as far.
        #expect(low["clears_60_percent"] as? Bool == false && both > 0.5 && from >= 1.99 * both && abs(to - from) < 1e-6 * from)
        for raised in [(30 + both, 30 + both), (30 + from, 30), (30, 30 + to)] {
            let clear = try fresnel(raised)
            #expect(abs(figure(clear, "worst_fraction") - 0.6) < 1e-6 && figure(clear, "raise_both_m") < 1e-6, "\(raised): \(clear)")
        }
        let high = try fresnel((35, 35))
        #expect(figure(high, "raise_both_m") == 0 && figure(high, "raise_from_m") == 0 && figure(high, "raise_to_m") == 0)
    }

    @Test("The link budget: EIRP from the transmitter's power, gain and feeder; received power after the air's absorption, margin and whether the link closes")
    func linkBudget() throws {
        let folder = try temporaryFolder("link-budget")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = try writeLevelPlain(in: folder)
        let base = ["path", "--model", "fspl", "--terrain", terrain, "--from", "22.6,106.1", "--to", "22.7,106.2", "--frequency-mhz", "1800"]
        for (threshold, closes) in [(-80.0, true), (-60.0, false)] {
            let json = try report(try run(base + [
                "--tx-power-dbm", "43", "--tx-gain-dbi", "17", "--tx-feeder-loss-db", "3", "--rx-gain-dbi", "2", "--rx-feeder-loss-db", "1",
                "--threshold-dbm", String(threshold),
            ]))
            let loss = try #require(json["loss_db"] as? Double)
            let profile = try #require(json["profile"] as? [String: Any])
            // Free space over the slant path between 30 m and 1.5 m antennas on the plain (ITU-R P.525).
            let horizontal = try #require(profile["length_m"] as? Double), rise = 30.0 - 1.5
            let slant = (horizontal * horizontal + rise * rise).squareRoot()
            #expect(abs(loss - 20 * log10(4 * Double.pi * slant * 1800e6 / 299_792_458)) < 1e-6)
            let budget = try #require(json["link_budget"] as? [String: Any])
            // The air's oxygen and water vapour take a few hundredths of a dB at 1,800 MHz over 15 km.
            let gas = try #require(budget["gaseous_absorption_db"] as? Double)
            #expect(gas > 0.05 && gas < 0.2, "\(gas)")
            let received = 43.0 + 17 - 3 - loss - gas + 2 - 1
            #expect(budget["eirp_dbm"] as? Double == 57)
            #expect(abs((budget["received_power_dbm"] as? Double ?? 0) - received) < 1e-9)
            #expect(abs((budget["margin_db"] as? Double ?? 0) - (received - threshold)) < 1e-9)
            #expect(budget["closes"] as? Bool == closes)
        }
        let eirpOnly = try report(try run(base + ["--eirp-dbm", "60"]))
        let budget = try #require(eirpOnly["link_budget"] as? [String: Any])
        #expect(budget["margin_db"] == nil && budget["closes"] == nil && budget["received_power_dbm"] is Double)
        for (arguments, fault) in [
            (["--eirp-dbm", "60", "--tx-power-dbm", "43"], "give --eirp-dbm or --tx-power-dbm, not both"),
            (["--threshold-dbm", "-90"], "--threshold-dbm needs the transmitter's power"),
            (["--eirp-dbm", "60", "--tx-gain-dbi", "17"], "--tx-gain-dbi and --tx-feeder-loss-db go with --tx-power-dbm"),
            (["--tx-power-dbm", "43", "--tx-feeder-loss-db", "-2"], "--tx-feeder-loss-db must be ≥ 0 dB"),
            (["--eirp-dbm", "nan"], "--eirp-dbm must be a finite number"),
        ] {
            let refused = try run(base + arguments)
            #expect(refused.status == 64 && refused.stderr.contains(fault) && refused.stdout.isEmpty, "\(arguments): \(refused.stderr)")
        }
        let cases = try run(["path", "--model", "itm-area", "--cases", "area.csv", "--eirp-dbm", "60"])
        #expect(cases.status == 64 && cases.stderr.contains("--eirp-dbm works with a terrain path, not with --cases"))
    }

    @Test("A hop over real terrain: the profile CSV places every point and agrees with the JSON and with line of sight", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func realHop() throws {
        let folder = try temporaryFolder("profile-csv")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = SharedData.path("terrain/N44W072.hgt"), csv = folder + "/profile.csv"
        // From NH-1 northward to a 20 m mast it sees (a backhaul hop short of 0.6 of the zone), and eastward to a handset
        // a ridge hides.
        for (to, rxHeight, visible) in [("44.55,-71.50", "20", true), ("44.50,-71.30", "1.5", false)] {
            let base = ["path", "--terrain", terrain, "--from", "44.45,-71.45", "--to", to, "--tx-height-m", "30", "--rx-height-m", rxHeight]
            let json = try report(try run(base + ["--model", "itm", "--profile-csv", csv]))
            let los = try report(try run(base + ["--model", "los"]))
            let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
            #expect(lines.first == "distance_m,longitude,latitude,ground_m,earth_bulge_m,ray_m,fresnel_radius_m,clearance_m,fresnel_fraction")
            let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let profile = try #require(json["profile"] as? [String: Any])
            #expect(rows.count == profile["points"] as? Int)
            let (first, last) = (try #require(rows.first), try #require(rows.last))
            #expect(abs(Double(first[1])! + 71.45) < 1e-6 && abs(Double(first[2])! - 44.45) < 1e-6)
            let end = to.split(separator: ",").map { Double($0)! }
            #expect(abs(Double(last[2])! - end[0]) < 1e-6 && abs(Double(last[1])! - end[1]) < 1e-6)
            #expect(first[8].isEmpty && last[8].isEmpty && abs(Double(last[0])! - (profile["length_m"] as! Double)) < 0.05)
            // The ray runs from the first point's ground plus the mast to the last's plus the receiver's antenna.
            let from = try #require(json["from"] as? [String: Any]), toEnd = try #require(json["to"] as? [String: Any])
            #expect(abs(Double(first[5])! - ((from["ground_m"] as! Double) + 30)) < 0.005)
            #expect(abs(Double(last[5])! - ((toEnd["ground_m"] as! Double) + Double(rxHeight)!)) < 0.005)
            // Each interior row: clearance = ray − ground − bulge, and the fraction is it over the zone's radius.
            let interior = rows.dropFirst().dropLast()
            for row in interior {
                let value = row.map { Double($0) }
                #expect(abs(value[5]! - value[3]! - value[4]! - value[7]!) < 0.02)
                // Each figure is rounded to its last printed decimal: 0.005 m, and 0.0005 for the fraction.
                let (clearance, zone) = (value[7]!, value[6]!)
                #expect(abs(clearance / zone - value[8]!) < 0.0006 + 0.0051 * (1 + abs(clearance) / zone) / zone)
            }
            let fresnel = try #require(json["fresnel"] as? [String: Any])
            let worst = try #require(fresnel["worst_fraction"] as? Double)
            #expect(abs(interior.map { Double($0[8])! }.min()! - worst) < 0.001)
            // Line of sight as `--model los` decides it, and its least clearance, are the CSV's.
            let losComponents = try #require(los["components"] as? [String: Double])
            #expect((los["mode"] as? String == "line of sight") == visible && fresnel["line_of_sight"] as? Bool == visible)
            #expect(fresnel["clears_60_percent"] as? Bool == false && (worst >= 0) == visible)
            #expect(abs(interior.map { Double($0[7])! }.min()! - losComponents["minimum_clearance_m"]!) < 0.006)
        }
    }

    @Test("A profile CSV that cannot be written is an error naming it; nothing is printed and no partial file is left")
    func unwritableCSV() throws {
        let folder = try temporaryFolder("profile-unwritable")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = try writeLevelPlain(in: folder), target = folder + "/missing/profile.csv"
        let result = try run([
            "path", "--model", "fspl", "--terrain", terrain, "--from", "22.6,106.1", "--to", "22.6,106.3", "--profile-csv", target,
        ])
        #expect(result.status == 1 && result.stdout.isEmpty && result.stderr.contains("\(target): cannot write"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
