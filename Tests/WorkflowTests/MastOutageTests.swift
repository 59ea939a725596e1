import Coverage
import Foundation
import Terrain
import TestSupport
import Testing
@testable import Workflows

@Suite("The masts sites stand on")
struct SiteMastTests {
    func site(_ id: String, _ latitude: Double, _ longitude: Double, mast: String? = nil) -> Site {
        Site(
            id: id, location: GeoPoint(latitude: latitude, longitude: longitude), antennaHeight: 30, frequencyMHz: 900,
            eirpDBm: 58, technology: .gsm, mast: mast
        )
    }

    @Test("""
        Sites naming one mast share it however far apart, sites naming two do not however near; unnamed sites within \
        10 m share one, through chains of such pairs too, and 12 m apart do not
        """)
    func groups() {
        let metre = 1 / 111_195.0  // degrees of latitude
        let sites = [
            site("A", 22.5, 103.8, mast: "M1"), site("B", 22.6, 103.9, mast: "M1"),  // 15 km apart, one mast
            site("C", 22.7, 103.8, mast: "M2"), site("D", 22.7 + 2 * metre, 103.8, mast: "M3"),  // 2 m apart, two masts
            site("E", 22.4, 103.7), site("F", 22.4 + 8 * metre, 103.7), site("G", 22.4 + 16 * metre, 103.7),  // a chain
            site("H", 22.3, 103.7), site("I", 22.3 + 12 * metre, 103.7),
            site("J", 22.5 + 5 * metre, 103.8),  // beside A, naming none
        ]
        #expect(SiteMasts.groups(of: sites) == [[0, 1, 9], [2], [3], [4, 5, 6], [7], [8]])
    }
}

/// `phusong evaluate`'s `masts.csv` on the Bát Xát DEM and the Lào Cai communes, against runs without a mast's sites.
@Suite("What a mast's outage costs (masts.csv)", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct MastOutageTests {
    let sitesFile = Fixtures.path("sites/batxat_layers.csv")

    /// `phusong evaluate` of the fixture's sites, ITM over 8 km at 90 m, into `out`; those `off` (by their line) cover
    /// nowhere (threshold 100 dBm), so that every run has the same grid, anchored on the first site.
    func evaluate(population: String, into out: String, adding extra: [String] = [], off: (String) -> Bool = { _ in false }) throws -> ProgramOutput {
        let lines = try String(contentsOfFile: sitesFile, encoding: .utf8).split(separator: "\n").map(String.init)
        let sites = out + ".csv"
        let rows = [lines[0] + ",threshold_dbm"] + lines.dropFirst().map { $0 + (off($0) ? ",100" : ",") }
        try (rows + [""]).joined(separator: "\n").write(toFile: sites, atomically: true, encoding: .utf8)
        return try runProgram(phusongExecutable, [
            "evaluate", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", sites,
            "--population", population, "--priority-field", "poor", "--model", "itm", "--radius-km", "8",
            "--resolution-m", "90", "--max-void-fraction", "0.7", "--out", out,
        ] + extra)
    }

    /// The mast a line of the fixture names (empty if the fixture had no `mast` column).
    func mast(of line: String) -> String {
        let header = ((try? String(contentsOfFile: sitesFile, encoding: .utf8)) ?? "").prefix { $0 != "\n" }.split(separator: ",")
        guard let column = header.firstIndex(of: "mast") else { return "" }
        return String(line.split(separator: ",", omittingEmptySubsequences: false)[column])
    }

    @Test("""
        Each mast's residents and area no other mast covers (any technology and each), its priority residents and the \
        communes it leaves without coverage are what a run whose sites on it cover nowhere loses, and each commune's \
        residents on one mast what those runs take from it; the residents it covers \
        are what a run of its sites alone covers; the rows go worst first; the summary, the batch figure's share and the printed line agree
        """)
    func outagesAgainstRunsWithout() throws {
        let folder = try temporaryFolder("mast-outages")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Bát Xát district's communes (20507) are the priority ones.
        let population = try writeLaoCaiCommunes(into: folder, adding: "poor") { $0["district_id"] as? Int == 20507 ? 1 : 0 }
        let lines = try String(contentsOfFile: sitesFile, encoding: .utf8).split(separator: "\n").map(String.init)
        let sites = Array(lines.dropFirst())
        let all = try evaluate(population: population, into: folder + "/all")
        #expect(all.status == 0, "\(all.stderr)")
        let masts = try csvRows(folder + "/all/masts.csv"), communes = try csvRows(folder + "/all/communes.csv")
        #expect(Set(masts.keys) == Set(sites.map(mast(of:))))
        let summary = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/all/summary.json")))
        let total = try #require(summary.residents?.total)
        let priorityCommunes = Set(try #require(summary.residents?.priorityCommunes))
        #expect(!priorityCommunes.isEmpty)
        // Per commune, the residents one mast alone covers: what each mast's outage takes from it, summed over the masts.
        var onOneMast: [String: Double] = [:]
        for name in masts.keys.sorted() {
            let without = try evaluate(population: population, into: folder + "/without-\(name)") { mast(of: $0) == name }
            #expect(without.status == 0, "\(without.stderr)")
            let left = try csvRows(folder + "/without-\(name)/communes.csv")
            for (id, row) in communes {
                onOneMast[id, default: 0] += Double(row["covered_residents_any"]!)! - Double(left[id]!["covered_residents_any"]!)!
            }
            guard ["EX", "SH1", "GF3"].contains(name) else { continue }
            let row = try #require(masts[name])
            let alone = try evaluate(population: population, into: folder + "/alone-\(name)") { mast(of: $0) != name }
            #expect(alone.status == 0, "\(alone.stderr)")
            let itself = try csvRows(folder + "/alone-\(name)/communes.csv")
            let slack = 0.011 * Double(communes.count)  // communes.csv's residents are rounded to 0.01
            #expect(abs(sum(left, "residents") - sum(communes, "residents")) <= slack, "the same grid and residents")
            for (column, key) in [("residents_only_it_covers", "any"), ("residents_only_it_covers_2g", "2g"), ("residents_only_it_covers_3g", "3g"), ("residents_only_it_covers_4g", "4g")] {
                let lost = sum(communes, "covered_residents_\(key)") - sum(left, "covered_residents_\(key)")
                #expect(abs(Double(row[column]!)! - lost) <= slack + 0.05, "\(name) \(column): \(row[column]!) against \(lost)")
            }
            let priorityLost = sum(communes, "covered_residents_any", where: priorityCommunes.contains)
                - sum(left, "covered_residents_any", where: priorityCommunes.contains)
            #expect(abs(Double(row["priority_residents_only_it_covers"]!)! - priorityLost) <= slack + 0.05, "\(name): \(row)")
            // Cells beyond every commune (across the border) count too: the unions' areas.
            let unionWithout = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/without-\(name)/summary.json"))).unionAreaKm2
            #expect(abs(Double(row["area_only_it_covers_km2"]!)! - (summary.unionAreaKm2 - unionWithout)) <= 0.0001, "\(name): \(row)")
            let leftWithout = communes.keys.filter { id in
                Double(communes[id]!["covered_residents_any"]!)! > 0 && Double(left[id]!["covered_residents_any"]!)! == 0
            }
            #expect(Set(row["communes_left_without_coverage"]!.split(separator: ";").map(String.init)) == Set(leftWithout), "\(name)")
            #expect(abs(Double(row["residents_covered"]!)! - sum(itself, "covered_residents_any")) <= slack + 0.05, "\(name)")
            #expect(Double(row["residents_only_it_covers"]!)! > 100, "\(name): \(row)")
        }
        for (id, row) in communes {
            let stated = Double(row["residents_on_one_mast"]!)!, residents = Double(row["residents"]!)!
            #expect(abs(stated - onOneMast[id]!) <= 0.1, "commune \(id): \(stated) against \(onOneMast[id]!)")
            #expect(residents == 0 || abs(Double(row["residents_pct_on_one_mast"]!)! - 100 * stated / residents) < 0.01 + 10 / residents)
        }
        #expect(onOneMast.values.contains { $0 > 100 })
        #expect(masts["EX"]!["sites"] == "G-EX;U-EX;L-EX-1;L-EX-2;L-EX-3" && masts["EX"]!["technologies"] == "2G 3G 4G")
        let csvOrder = try String(contentsOfFile: folder + "/all/masts.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { Double($0.split(separator: ",")[6])! }
        #expect(csvOrder == csvOrder.sorted(by: >), "worst first: \(csvOrder)")
        let outages = try #require(summary.mastOutages)
        let onlyItCovers = masts.values.reduce(0) { $0 + Double($1["residents_only_it_covers"]!)! }
        #expect(outages.masts == masts.count && abs(outages.residentsOnOneMast - onlyItCovers) <= 0.05 * Double(masts.count))
        let share = try #require(outages.coveredResidentsPercentOnOneMast)
        #expect(abs(share - 100 * outages.residentsOnOneMast / total.coveredResidents["any"]!) < 1e-9)
        let worst = try #require(outages.worst.first)
        #expect(abs(worst.residentsOnlyItCovers - csvOrder[0]) <= 0.05 && worst.residentsPercentOnlyItCovers == total.share(ofResidents: worst.residentsOnlyItCovers))
        #expect(all.stdout.contains(String(format: "Mast outages: %.0f of the covered residents (%.1f %%)", outages.residentsOnOneMast, share)), "\(all.stdout)")
        #expect(all.stdout.contains("the worst, \(worst.mast) ("), "\(all.stdout)")
        // coverage.kmz describes each site with its mast's outage.
        let kmz = try runProgram("ogrinfo", ["-al", folder + "/all/coverage.kmz", "Sites"])
        let ex = try #require(outages.worst.first { $0.mast == "EX" })
        let line = String(format: "mast EX down: %.0f residents left without coverage", ex.residentsOnlyItCovers)
        #expect(kmz.status == 0 && kmz.stdout.components(separatedBy: line).count - 1 == 5, "\(line) in \(kmz.stdout)\(kmz.stderr)")
    }

    /// The sum of `column` over a CSV's rows (`rows`) whose key `keep` keeps.
    func sum(_ rows: [String: [String: String]], _ column: String, where keep: (String) -> Bool = { _ in true }) -> Double {
        rows.filter { keep($0.key) }.values.reduce(0) { $0 + (Double($1[column] ?? "") ?? .nan) }
    }

    @Test("""
        With --backhaul-reach each mast's outage also takes off air the masts whose chains pass through it (a site's row \
        by id, else its mast's): the residents only they cover (any technology and each), their priority residents, area \
        and communes are what a run with all their sites off loses; masts cutting none off cost what they cost alone; \
        rows, summary, printed line and KMZ follow
        """)
    func outagesWithBackhaul() throws {
        let folder = try temporaryFolder("mast-outages-backhaul")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let population = try writeLaoCaiCommunes(into: folder, adding: "poor") { $0["district_id"] as? Int == 20507 ? 1 : 0 }
        // A chain from the fibre at EX: SH2, then SH1 (its 2G site's row; its 4G site has none, nor has its mast), then
        // R9 (a relay without radio), then GF3 (by its mast); GF2 has a hop of its own to EX.
        try """
            id,hub,depends_on
            EX,true,
            GF2,false,EX
            SH2,false,EX
            G-SH1,false,SH2;EX
            R9,false,SH1;SH2;EX
            GF3,false,R9;SH1;SH2;EX

            """.write(toFile: folder + "/reach.csv", atomically: true, encoding: .utf8)
        let all = try evaluate(population: population, into: folder + "/all", adding: ["--backhaul-reach", folder + "/reach.csv"])
        #expect(all.status == 0, "\(all.stderr)")
        let masts = try csvRows(folder + "/all/masts.csv"), communes = try csvRows(folder + "/all/communes.csv")
        let summary = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/all/summary.json")))
        let priorityCommunes = Set(try #require(summary.residents?.priorityCommunes))
        let expected = ["EX": ["SH1", "SH2", "GF2", "GF3"], "SH2": ["SH1", "GF3"], "SH1": ["GF3"], "GF2": [], "GF3": []]
        let suffixes = ["", "_2g", "_3g", "_4g", "_km2"]
        for (name, cutOff) in expected {
            let row = try #require(masts[name])
            #expect(row["masts_cut_off"] == cutOff.joined(separator: ";"), "\(name): \(row)")
            guard !cutOff.isEmpty else {
                for suffix in suffixes { #expect(row["residents_only_they_cover\(suffix)"] == row["residents_only_it_covers\(suffix)"]) }
                #expect(row["communes_only_they_cover"] == row["communes_left_without_coverage"] && row["area_only_they_cover_km2"] == row["area_only_it_covers_km2"])
                continue
            }
            let down = Set(cutOff + [name])
            let without = try evaluate(population: population, into: folder + "/without-\(name)") { down.contains(mast(of: $0)) }
            #expect(without.status == 0, "\(without.stderr)")
            let left = try csvRows(folder + "/without-\(name)/communes.csv")
            let slack = 0.011 * Double(communes.count) + 0.05  // communes.csv's residents are rounded to 0.01
            for (column, key) in [("residents_only_they_cover", "any"), ("residents_only_they_cover_2g", "2g"), ("residents_only_they_cover_3g", "3g"), ("residents_only_they_cover_4g", "4g")] {
                let lost = sum(communes, "covered_residents_\(key)") - sum(left, "covered_residents_\(key)")
                #expect(abs(Double(row[column]!)! - lost) <= slack, "\(name) \(column): \(row[column]!) against \(lost)")
            }
            let priorityLost = sum(communes, "covered_residents_any", where: priorityCommunes.contains)
                - sum(left, "covered_residents_any", where: priorityCommunes.contains)
            #expect(abs(Double(row["priority_residents_only_they_cover"]!)! - priorityLost) <= slack, "\(name): \(row)")
            let unionWithout = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/without-\(name)/summary.json"))).unionAreaKm2
            #expect(abs(Double(row["area_only_they_cover_km2"]!)! - (summary.unionAreaKm2 - unionWithout)) <= 0.0001, "\(name): \(row)")
            #expect(Double(row["residents_only_they_cover"]!)! > Double(row["residents_only_it_covers"]!)! + 100, "\(name): \(row)")
            let leftWithout = communes.keys.filter { id in
                Double(communes[id]!["covered_residents_any"]!)! > 0 && Double(left[id]!["covered_residents_any"]!)! == 0
            }
            #expect(Set(row["communes_only_they_cover"]!.split(separator: ";").map(String.init)) == Set(leftWithout), "\(name)")
        }
        let csvOrder = try String(contentsOfFile: folder + "/all/masts.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try String(contentsOfFile: folder + "/all/masts.csv", encoding: .utf8).split(separator: "\n")[0].split(separator: ",")
        let theyColumn = try #require(header.firstIndex(of: "residents_only_they_cover"))
        let costs = csvOrder.map { Double($0[theyColumn])! }
        #expect(costs == costs.sorted(by: >) && csvOrder[0][0] == "EX", "worst first, with the masts cut off")
        let outages = try #require(summary.mastOutages), worst = try #require(outages.worst.first)
        #expect(outages.backhaulReach == folder + "/reach.csv" && worst.mast == "EX" && worst.mastsCutOff == expected["EX"])
        #expect(abs((worst.residentsOnlyTheyCover ?? 0) - costs[0]) <= 0.05)
        #expect(all.stdout.contains("the worst, EX (G-EX, U-EX, L-EX-1, L-EX-2, L-EX-3) with the 4 masts whose backhaul passes through it (SH1, SH2, GF2, GF3), would leave"), "\(all.stdout)")
        let kmz = try runProgram("ogrinfo", ["-al", folder + "/all/coverage.kmz", "Sites"])
        let line = String(
            format: "mast EX down: %.0f residents left without coverage, %.0f with the 4 masts it cuts off", worst.residentsOnlyItCovers, worst.residentsOnlyTheyCover ?? 0
        )
        #expect(kmz.stdout.components(separatedBy: line).count - 1 == 5, "\(line) in \(kmz.stdout)")
        // Without --backhaul-reach the columns and the summary's fields are not there.
        #expect(try String(contentsOfFile: folder + "/without-EX/masts.csv", encoding: .utf8).contains("masts_cut_off") == false)
    }

    @Test("--backhaul-reach from phusong backhaul's own reach.csv over the masts; a file without its columns, with a row without an id, giving an id twice or naming none of the sites is refused naming it, before any footprint, with no outputs")
    func backhaulReachFiles() throws {
        let folder = try temporaryFolder("mast-outages-reach")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let population = try writeLaoCaiCommunes(into: folder, adding: "poor") { _ in 0 }
        // The fixture's masts, EX on the fibre: over Bát Xát's valleys only GF2 sees it, 2.6 km away.
        try """
            id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology,fibre
            EX,22.53,103.88,30,900,58,2G,yes
            SH1,22.5,103.83,30,900,58,2G,
            SH2,22.515,103.865,30,900,58,2G,
            GF2,22.545,103.9,30,900,58,2G,
            GF3,22.47,103.84,30,900,58,2G,

            """.write(toFile: folder + "/masts.csv", atomically: true, encoding: .utf8)
        let backhaul = try runProgram(phusongExecutable, [
            "backhaul", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", folder + "/masts.csv",
            "--within-km", "10", "--hub-field", "fibre", "--out", folder + "/backhaul",
        ])
        #expect(backhaul.status == 0, "\(backhaul.stderr)")
        let reach = try csvRows(folder + "/backhaul/reach.csv")
        let cutOffByEX = reach.values.filter { $0["depends_on"] == "EX" }.map { $0["id"]! }
        #expect(cutOffByEX == ["GF2"], "\(reach)")
        let all = try evaluate(population: population, into: folder + "/all", adding: ["--backhaul-reach", folder + "/backhaul/reach.csv"])
        #expect(all.status == 0, "\(all.stderr)")
        let without = try evaluate(population: population, into: folder + "/without") { ["EX", "GF2"].contains(mast(of: $0)) }
        #expect(without.status == 0, "\(without.stderr)")
        let ex = try #require(try csvRows(folder + "/all/masts.csv")["EX"])
        let lost = sum(try csvRows(folder + "/all/communes.csv"), "covered_residents_any") - sum(try csvRows(folder + "/without/communes.csv"), "covered_residents_any")
        #expect(ex["masts_cut_off"] == "GF2" && abs(Double(ex["residents_only_they_cover"]!)! - lost) <= 2, "\(ex) against \(lost)")
        for (content, fault) in [
            ("id,next_hop\nEX,\n", "needs the columns id and depends_on (reach.csv of phusong backhaul --hub-field); it has id, next_hop"),
            ("id,depends_on\nEX,\nGF2,EX\nEX,GF2\n", "row 4 gives id 'EX' again"),
            ("id,depends_on\nEX,\n ,GF2\n", "row 3 has no id"),
            ("id,depends_on\nA1,\nA2,A1\n", "names none of the run's sites, by id or mast"),
        ] {
            try content.write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
            let refused = try evaluate(population: population, into: folder + "/refused", adding: ["--backhaul-reach", folder + "/bad.csv"])
            #expect(refused.status == 1 && refused.stderr.contains("\(folder)/bad.csv: \(fault)"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
        }
    }
}
