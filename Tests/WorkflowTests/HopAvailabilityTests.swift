import Foundation
import TestSupport
import Testing

@Suite("Hop availability: phusong path and backhaul against rain and multipath fading (ITU-R P.530-17)")
struct HopAvailabilityTests {
    func run(_ arguments: [String]) throws -> ProgramOutput { try runProgram(phusongExecutable, arguments) }

    let climate = ["--rain-rate-mm-h", "90", "--dn1", "-400"]
    let budget = ["--tx-power-dbm", "20", "--tx-gain-dbi", "38", "--rx-gain-dbi", "38", "--threshold-dbm", "-70"]

    @Test("A 20 km hop at 7 GHz over a plain, worked by hand from P.838-3's table and P.530-17: the rain fade, both outages and the availability")
    func workedHop() throws {
        let folder = try temporaryFolder("availability-plain")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run([
            "path", "--model", "fspl", "--terrain", try writeLevelPlain(in: folder), "--from", "22.6,106.1", "--to", "22.6,106.3",
            "--tx-height-m", "35", "--rx-height-m", "35", "--frequency-mhz", "7000",
        ] + budget + climate)
        try #require(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let availability = try #require(json["availability"] as? [String: Any])
        func figure(_ name: String) -> Double { availability[name] as? Double ?? .nan }
        let d = try #require((json["profile"] as? [String: Any])?["length_m"] as? Double) / 1_000, f = 7.0
        // Free space over the slant range between equal masts and the air's absorption there (its own test checks it);
        // 58 dBm EIRP and 38 dBi received over a −70 dBm threshold.
        let gas = try #require((json["gaseous_absorption"] as? [String: Any])?["db"] as? Double)
        #expect(gas > 0.15 && gas < 0.25, "7 GHz, 20 km: \(gas)")
        let freeSpace: Double = 32.45 + 20 * log10(7_000) + 20 * log10(d)
        let margin: Double = 20 + 38 + 38 + 70 - freeSpace - gas
        #expect(abs(figure("fade_margin_db") - margin) < 0.01 && figure("terrain_roughness_m") == 0)
        // Rain [P.530-17 Eqns 32–35]: vertical polarisation (the default), P.838-3's kV and αV at 7 GHz.
        let (k, alpha) = (0.001425, 1.4745)
        let r = 1 / (0.477 * pow(d, 0.633) * pow(90, 0.073 * alpha) * pow(f, 0.123) - 10.579 * (1 - exp(-0.024 * d)))
        let a001 = k * pow(90, alpha) * d * r
        #expect(abs(figure("rain_fade_0_01_percent_db") / a001 - 1) < 2e-3)
        let c0 = 0.12  // under 10 GHz
        let (c1, c2, c3) = (pow(0.07, c0) * pow(0.12, 1 - c0), 0.855 * c0 + 0.546 * (1 - c0), 0.139 * c0 + 0.043 * (1 - c0))
        // The percentage of the year whose fade reaches the margin, by bisection on log p of A(p) = A₀.₀₁C₁p^−(C₂+C₃ log p).
        var (low, high) = (-5.0, 0.0)
        for _ in 0..<100 {
            let x = (low + high) / 2
            if a001 * c1 * pow(10, -(c2 + c3 * x) * x) > margin { low = x } else { high = x }
        }
        let rainOutage = pow(10, (low + high) / 2)
        #expect(abs(figure("rain_outage_percent") / rainOutage - 1) < 0.01, "\(availability) against \(rainOutage)")
        // Multipath [Eqns 4–7, 23]: s_a 0 over the plain, level antennas 235 m up, deep fading at this margin.
        let p0 = pow(10, -4.4 - 0.0027 * -400) * pow(10, -0.46) * pow(d, 3.4) * pow(f, 0.8) * pow(10, -0.00076 * 235)
        #expect(margin > 25 + 1.2 * log10(p0))
        let conversion = 10.5 - 5.6 * log10(1.1 + pow(abs(cos(2 * 22.6 * Double.pi / 180)), 0.7)) - 2.7 * log10(d)
        let multipathOutage = pow(10, -conversion / 10) * p0 * pow(10, -margin / 10)
        #expect(abs(figure("multipath_outage_percent") / multipathOutage - 1) < 1e-3)
        #expect(abs(figure("availability_percent") - (100 - figure("rain_outage_percent") - figure("multipath_outage_percent"))) < 1e-9)
        #expect(abs(figure("availability_percent") - (100 - rainOutage - multipathOutage)) < 1e-5)
    }

    @Test("Availability needs the threshold the margin is measured against, and rain and dN1 together; each refusal names what is missing and writes nothing")
    func refusals() throws {
        let folder = try temporaryFolder("availability-refusals")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = try writeLevelPlain(in: folder)
        let path = ["path", "--model", "fspl", "--terrain", terrain, "--from", "22.6,106.1", "--to", "22.6,106.3", "--frequency-mhz", "7000"]
        let noThreshold = try run(path + ["--eirp-dbm", "50"] + climate)
        #expect(noThreshold.status != 0 && noThreshold.stderr.contains("--threshold-dbm") && noThreshold.stdout.isEmpty)
        let alone = try run(path + budget + ["--rain-rate-mm-h", "90"])
        #expect(alone.status != 0 && alone.stderr.contains("--rain-rate-mm-h and --dn1 go together"))
        let cases = try run(["path", "--model", "itm", "--cases", "p2p.csv", "--profiles", "pfls.csv"] + climate)
        #expect(cases.status != 0 && cases.stderr.contains("--rain-rate-mm-h works with a terrain path"), "\(cases.stderr)")
        let dry = try run(path + budget + ["--rain-rate-mm-h", "0", "--dn1", "-400"])
        #expect(dry.status != 0 && dry.stderr.contains("rain rate must be a positive"))
        let sites = folder + "/sites.csv"
        try "id,latitude,longitude,height_m,technology,frequency_mhz,eirp_dbm\nA,22.6,106.1,35,4G,7000,58\nB,22.6,106.3,35,4G,7000,58\n".write(toFile: sites, atomically: true, encoding: .utf8)
        let backhaul = try run(["backhaul", "--terrain", terrain, "--sites", sites, "--within-km", "30", "--out", folder + "/out", "--eirp-dbm", "50"] + climate)
        #expect(backhaul.status != 0 && backhaul.stderr.contains("--threshold-dbm") && !FileManager.default.fileExists(atPath: folder + "/out"))
    }

    @Test("backhaul gives each hop the availability `phusong path` gives it, and counts the hops at four and five nines")
    func backhaulColumns() throws {
        let folder = try temporaryFolder("availability-backhaul")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = try writeLevelPlain(in: folder)
        let sites = folder + "/sites.csv"
        try "id,latitude,longitude,height_m,technology,frequency_mhz,eirp_dbm\nA,22.6,106.1,35,4G,7000,58\nB,22.6,106.3,35,4G,7000,58\nC,22.75,106.1,35,4G,7000,58\n".write(toFile: sites, atomically: true, encoding: .utf8)
        let result = try run(["backhaul", "--terrain", terrain, "--sites", sites, "--within-km", "30", "--out", folder + "/out", "--model", "fspl"] + budget + climate)
        try #require(result.status == 0, "\(result.stderr)")
        let rows = try csvTable(folder + "/out/hops.csv")
        #expect(rows.count == 3)
        var nines = (four: 0, five: 0)
        for row in rows {
            let ends = ["A": "22.6,106.1", "B": "22.6,106.3", "C": "22.75,106.1"]
            let single = try run([
                "path", "--model", "fspl", "--terrain", terrain, "--from", ends[row["from"]!]!, "--to", ends[row["to"]!]!,
                "--tx-height-m", "35", "--rx-height-m", "35", "--frequency-mhz", "7000",
            ] + budget + climate)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
            let availability = try #require(json["availability"] as? [String: Any])
            for (column, key, tolerance) in [
                ("rain_fade_0_01_db", "rain_fade_0_01_percent_db", 0.006), ("rain_outage_percent", "rain_outage_percent", 1e-6),
                ("multipath_outage_percent", "multipath_outage_percent", 1e-6), ("availability_percent", "availability_percent", 1e-6),
            ] {
                let value = try #require(Double(row[column] ?? ""), "\(column) in \(row)")
                #expect(abs(value - (availability[key] as? Double ?? .nan)) <= tolerance, "\(row["from"]!)–\(row["to"]!) \(column)")
            }
            let percent = try #require(Double(row["availability_percent"] ?? ""))
            if percent >= 99.99 { nines.four += 1 }
            if percent >= 99.999 { nines.five += 1 }
        }
        #expect(result.stdout.contains("\(nines.four) hops at 99.99 % or more, \(nines.five) at 99.999 %"), "\(result.stdout)")
        let plainRun = try run(["backhaul", "--terrain", terrain, "--sites", sites, "--within-km", "30", "--out", folder + "/plain", "--model", "fspl"] + budget)
        let header = try String(contentsOfFile: folder + "/plain/hops.csv", encoding: .utf8).split(separator: "\n")
        #expect(plainRun.status == 0 && header[1].hasSuffix(",,,,"), "without a climate the availability columns stay empty")
    }
}

extension HopAvailabilityTests {
    @Test("reach.csv gives each chain's availability, 100 less its hops' outages; --availability-target leaves out the hops below it, and is refused without the climate or the hubs")
    func chains() throws {
        let folder = try temporaryFolder("availability-chains")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = try writeLevelPlain(in: folder)
        // A on the fibre, B 20.6 km east of it, C 26.4 km further north-east: two hops, the second weaker.
        let sites = folder + "/sites.csv"
        try """
            id,latitude,longitude,height_m,technology,frequency_mhz,eirp_dbm,fibre
            A,22.5,106.05,35,4G,7000,58,yes
            B,22.5,106.25,35,4G,7000,58,no
            C,22.7,106.38,35,4G,7000,58,no
            """.write(toFile: sites, atomically: true, encoding: .utf8)
        let base = ["backhaul", "--terrain", terrain, "--sites", sites, "--within-km", "27", "--model", "fspl", "--hub-field", "fibre"] + budget + climate
        let all = try run(base + ["--out", folder + "/all"])
        try #require(all.status == 0, "\(all.stderr)")
        let hops = try csvTable(folder + "/all/hops.csv")
        #expect(hops.map { "\($0["from"]!)-\($0["to"]!)" } == ["A-B", "B-C"])
        let outages = try hops.map { try #require(Double($0["availability_percent"] ?? "")).distance(to: 100) }
        #expect(outages[1] > outages[0] && outages[0] > 0)
        let reach = try csvTable(folder + "/all/reach.csv")
        func chain(_ id: String, in reach: [[String: String]]) -> Double? { reach.first { $0["id"] == id }.flatMap { Double($0["chain_availability_percent"] ?? "") } }
        #expect(chain("A", in: reach) == 100 && abs((chain("B", in: reach) ?? 0) - (100 - outages[0])) < 2e-6)
        #expect(abs((chain("C", in: reach) ?? 0) - (100 - outages[0] - outages[1])) < 2e-6)
        // A target between the two hops' availabilities keeps the first hop and drops the second.
        let target = 100 - (outages[0] + outages[1]) / 2
        let strict = try run(base + ["--out", folder + "/strict", "--availability-target", String(target)])
        try #require(strict.status == 0, "\(strict.stderr)")
        let strictReach = try csvTable(folder + "/strict/reach.csv")
        #expect(strictReach.first { $0["id"] == "B" }?["hops_to_hub"] == "1" && strictReach.first { $0["id"] == "C" }?["hops_to_hub"] == "")
        for (arguments, complaint) in [
            (["backhaul", "--terrain", terrain, "--sites", sites, "--within-km", "27", "--hub-field", "fibre", "--availability-target", "99.99"] + budget, "--rain-rate-mm-h and --dn1"),
            (["backhaul", "--terrain", terrain, "--sites", sites, "--within-km", "27", "--availability-target", "99.99"] + budget + climate, "give --hub-field"),
            (base + ["--availability-target", "120"], "within 0–100 %"),
        ] {
            let refused = try run(arguments + ["--out", folder + "/refused"])
            #expect(refused.status != 0 && refused.stderr.contains(complaint) && !FileManager.default.fileExists(atPath: folder + "/refused"), "\(refused.stderr)")
        }
    }
}
