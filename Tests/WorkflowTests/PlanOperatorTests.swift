import Foundation
import TestSupport
import Testing

/// `phusong plan --operator`: one operator's plan over the sites of three, leasing the others' masts, on the Bát Xát DEM
/// and the Lào Cai communes.
@Suite("phusong plan --operator", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct PlanOperatorTests {
    let candidates = Fixtures.path("sites/batxat_operator_candidates.csv")

    /// `plan` of `sites` (ITM over 8 km at 90 m) into `out`, within a budget of 100.
    func plan(_ sites: String, out: String, _ extra: [String] = []) throws -> ProgramOutput {
        try runProgram(phusongExecutable, [
            "plan", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", sites,
            "--population", SharedData.path("population/laocai_communes_census2009.geojson"), "--model", "itm", "--radius-km", "8",
            "--resolution-m", "90", "--max-void-fraction", "0.7", "--budget", "100", "--out", out,
        ] + extra)
    }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// The ids of a summary's sites (`site_areas`).
    func siteIDs(_ summary: [String: Any]) -> [String] {
        (summary["site_areas"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test("""
        VNPT's plan is the plan of the same candidates written out by hand: its two sites on air, the two proposals naming \
        no operator, and a sector like each of Viettel's and MobiFone's sites on air at the tenant cost — but none on the \
        mast VNPT shares already, and not MobiFone's proposal; before/ is VNPT's sites alone, after/ names VNPT on every \
        site, and each leased sector names its host
        """)
    func planOfOneOperator() throws {
        let folder = try temporaryFolder("planoperator")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let own = try plan(candidates, out: folder + "/own", ["--operator", "VNP", "--tenant-cost", "25", "--min-separation-m", "2000"])
        #expect(own.status == 0, "\(own.stderr)")
        // The same candidates as one network's, written out by hand.
        let header = "id,lat,lon,height_m,technology,frequency_mhz,eirp_dbm,bandwidth_mhz,azimuth_deg,beamwidth_deg,vertical_beamwidth_deg,electrical_tilt_deg,mast,trx,cost,kind\n"
        try (header + """
            G-SH1,22.5,103.83,30,2G,900,58,,,,,,SH1,1,,existing
            G-SH2,22.515,103.865,30,2G,900,58,,,,,,SH2,4,,existing
            GF-A,22.49,103.86,30,2G,900,58,,,,,,,,100,greenfield
            GF-B,22.56,103.85,30,4G,1800,61,10,,,,,,,100,greenfield
            VNP@G-EX,22.53,103.88,30,2G,900,58,,,,,,EX,2,25,shared
            VNP@U-EX,22.53,103.88,30,3G,2100,33,,,,,,EX,,25,shared
            VNP@L-EX-1,22.53,103.88,30,4G,1800,61,10,0,65,7,4,EX,,25,shared
            VNP@L-EX-2,22.53,103.88,30,4G,1800,61,10,120,65,7,4,EX,,25,shared
            VNP@L-EX-3,22.53,103.88,30,4G,1800,61,10,240,65,7,4,EX,,25,shared
            VNP@G-GF2,22.545,103.9,30,2G,900,58,,,,,,GF2,,25,shared
            VNP@U-GF3,22.47,103.84,30,3G,2100,33,,,,,,GF3,,25,shared
            VNP@L-GF3,22.47,103.84,30,4G,1800,33,,,,,,GF3,,25,shared

            """).write(toFile: folder + "/by-hand.csv", atomically: true, encoding: .utf8)
        let byHand = try plan(folder + "/by-hand.csv", out: folder + "/by-hand", ["--min-separation-m", "2000"])
        #expect(byHand.status == 0, "\(byHand.stderr)")
        let ownPlan = try json(folder + "/own/plan.json"), handPlan = try json(folder + "/by-hand/plan.json")
        for key in ["candidates", "objective", "upper_bound", "cost", "residents_newly_covered", "residents_given_a_second_mast", "status"] {
            #expect(String(describing: ownPlan[key] ?? "none") == String(describing: handPlan[key] ?? "none"), "\(key): \(ownPlan[key] ?? "none") vs \(handPlan[key] ?? "none")")
        }
        #expect(ownPlan["operator"] as? String == "VNP" && ownPlan["tenant_cost"] as? Double == 25 && handPlan["operator"] == nil)
        let chosen = try #require(ownPlan["chosen"] as? [[String: Any]]), handChosen = try #require(handPlan["chosen"] as? [[String: Any]])
        #expect(chosen.compactMap { $0["id"] as? String } == handChosen.compactMap { $0["id"] as? String })
        let leased = chosen.filter { $0["leased_from"] != nil }
        #expect(!leased.isEmpty && leased.allSatisfy { $0["kind"] as? String == "shared" && $0["cost"] as? Double == 25 }, "\(chosen)")
        let operatorOf = ["G-EX": "VT", "U-EX": "VT", "L-EX-1": "VT", "L-EX-2": "VT", "L-EX-3": "VT", "G-GF2": "MBF", "U-GF3": "MBF", "L-GF3": "MBF"]
        for site in leased {
            let host = try #require(site["leased_from"] as? [String: String]), id = try #require(site["id"] as? String)
            #expect(id == "VNP@" + (host["site"] ?? "") && host["operator"] == operatorOf[host["site"] ?? ""], "\(site)")
            #expect(own.stdout.contains("\(id)  shared on \(host["operator"] ?? "")'s mast of \(host["site"] ?? "")"), "\(own.stdout)")
        }
        #expect(own.stdout.hasPrefix("Plan for VNP: \(chosen.count) sites of 12 candidates"), "\(own.stdout)")
        let before = try json(folder + "/own/before/summary.json"), after = try json(folder + "/own/after/summary.json")
        #expect(siteIDs(before) == ["G-SH1", "G-SH2"])
        #expect(siteIDs(after) == chosen.compactMap { $0["id"] as? String })
        let networks = ((after["operators"] as? [String: Any])?["networks"] as? [[String: Any]])?.compactMap { $0["operator"] as? String }
        #expect(networks == ["VNP"], "\(String(describing: after["operators"]))")

        // A batch plan job takes the operator and the tenant cost.
        try manifest(folder, job: "operator: VNP, tenant_cost: 25, min_separation_m: 2000")
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/manifest.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let batchPlan = try json(folder + "/batch/jobs/vnp/plan.json")
        func leases(_ plan: [String: Any]) -> [String] {
            (plan["chosen"] as? [[String: Any]] ?? []).map { "\($0["id"] ?? "") on \(($0["leased_from"] as? [String: String])?["site"] ?? "own")" }
        }
        #expect(leases(batchPlan) == leases(ownPlan) && leases(ownPlan).count == chosen.count, "\(leases(batchPlan))")
        #expect(batchPlan["objective"] as? Double == ownPlan["objective"] as? Double && batchPlan["operator"] as? String == "VNP")
    }

    @Test("""
        --others-coverage-weight 0 (a batch plan job's others_coverage_weight) plans for the residents no operator serves: the objective is the residents VNPT's plan \
        covers where no other operator's site on air does, and the residents given their first service are those it \
        covers where no site on air of any operator did, and per commune the residents no operator serves before and after, each recounted from after/'s rasters against evaluations of \
        the others' sites and of every site on air on the same grid; it serves more residents first than the plan \
        weighing everyone alike
        """)
    func planForTheUnserved() throws {
        let folder = try temporaryFolder("planunserved")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let alike = try plan(candidates, out: folder + "/alike", ["--operator", "VNP", "--tenant-cost", "25"])
        let unserved = try plan(candidates, out: folder + "/unserved", ["--operator", "VNP", "--tenant-cost", "25", "--others-coverage-weight", "0"])
        #expect(alike.status == 0 && unserved.status == 0, "\(alike.stderr)\(unserved.stderr)")
        // The sites on air, and VNPT's proposals covering nowhere (threshold 100 dBm) so that the grid is the plan's (its
        // lattice anchored at the first site, as the plan's at its first candidate, G-SH1); `vnptOff` puts VNPT's sites on
        // air out of reach too, and the proposals `planned` are on air.
        func evaluate(_ name: String, vnptOff: Bool, planned: Set<String> = []) throws -> [Float] {
            let lines = try String(contentsOfFile: candidates, encoding: .utf8).split(separator: "\n").map(String.init)
            let rows = lines.dropFirst().filter { $0.hasSuffix(",existing") || $0.hasPrefix("GF-") }.map { line in
                let proposal = line.hasPrefix("GF-"), fields = line.split(separator: ",", omittingEmptySubsequences: false).dropLast(2)
                let off = (proposal && !planned.contains(String(line.prefix { $0 != "," }))) || (vnptOff && fields.last == "VNP")
                return (proposal ? fields.dropLast() + ["VNP"] : Array(fields)).joined(separator: ",") + (off ? ",100" : ",")
            }
            let header = lines[0].split(separator: ",").dropLast(2).joined(separator: ",") + ",threshold_dbm"
            let ordered = rows.filter { $0.hasPrefix("G-SH1,") } + rows.filter { !$0.hasPrefix("G-SH1,") }
            try ([header] + ordered + [""]).joined(separator: "\n").write(toFile: folder + "/\(name).csv", atomically: true, encoding: .utf8)
            let result = try runProgram(phusongExecutable, [
                "evaluate", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", folder + "/\(name).csv",
                "--population", SharedData.path("population/laocai_communes_census2009.geojson"), "--model", "itm", "--radius-km", "8",
                "--resolution-m", "90", "--max-void-fraction", "0.7", "--out", folder + "/" + name,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            return try rasterValues(folder + "/\(name)/server_count.tif")
        }
        let everyOnAir = try evaluate("on-air", vnptOff: false), others = try evaluate("others", vnptOff: true)
        let residents = try rasterValues(folder + "/unserved/after/residents.tif"), planned = try rasterValues(folder + "/unserved/after/server_count.tif")
        #expect(residents == (try rasterValues(folder + "/on-air/residents.tif")) && planned.count == others.count)
        func sum(where keep: (Int) -> Bool) -> Double { residents.indices.reduce(0) { $0 + (keep($1) ? Double(residents[$1]) : 0) } }
        // A cell no site covers is the rasters' no-data.
        let objective = sum { planned[$0] > 0 && !(others[$0] > 0) }, firstServed = sum { planned[$0] > 0 && !(everyOnAir[$0] > 0) }
        let plan = try json(folder + "/unserved/plan.json")
        let reported = try #require(plan["objective"] as? Double), reportedFirst = try #require(plan["residents_first_served"] as? Double)
        #expect(abs(reported - objective) < 1e-4 * objective && objective > 0, "\(reported) vs \(objective)")
        #expect(abs(reportedFirst - firstServed) < 1e-4 * firstServed && firstServed > 0, "\(reportedFirst) vs \(firstServed)")
        #expect(plan["others_coverage_weight"] as? Double == 0 && unserved.stdout.contains(String(format: "first service (no operator's site on air covered them) %.0f", firstServed)))
        let alikeFirst = try #require(try json(folder + "/alike/plan.json")["residents_first_served"] as? Double)
        #expect(firstServed > alikeFirst, "\(firstServed) vs \(alikeFirst)")
        // Per commune, the residents no operator serves: those every site on air leaves uncovered, and those the plan's
        // proposals and every site on air leave.
        let chosenIDs = Set(try #require(plan["chosen"] as? [[String: Any]]).compactMap { $0["id"] as? String })
        _ = try evaluate("planned", vnptOff: false, planned: chosenIDs)
        let onAirRows = try csvRows(folder + "/on-air/communes.csv"), plannedRows = try csvRows(folder + "/planned/communes.csv")
        var lessUnserved = 0.0
        for commune in try #require(plan["communes"] as? [[String: Any]]) {
            let id = try #require(commune["id"] as? String), residents = try #require(commune["residents"] as? Double)
            let before = try #require(commune["residents_no_operator_before"] as? Double), after = try #require(commune["residents_no_operator_after"] as? Double)
            let coveredBefore = try #require(Double(onAirRows[id]?["covered_residents_any"] ?? "")), coveredAfter = try #require(Double(plannedRows[id]?["covered_residents_any"] ?? ""))
            #expect(abs(before - (residents - coveredBefore)) <= 0.02 && abs(after - (residents - coveredAfter)) <= 0.02, "\(id): \(before), \(after)")
            lessUnserved += before - after
        }
        #expect(abs(lessUnserved - firstServed) < 1e-4 * firstServed, "\(lessUnserved) vs \(firstServed)")
        let unservedBefore = try #require(plan["residents_no_operator_before"] as? Double), unservedAfter = try #require(plan["residents_no_operator_after"] as? Double)
        #expect(abs(unservedBefore - unservedAfter - reportedFirst) < 1e-6 * unservedBefore, "\(unservedBefore) − \(unservedAfter)")
        #expect(unserved.stdout.contains(String(format: "no operator serves: %.0f with the sites on air, %.0f with the plan", unservedBefore, unservedAfter)), "\(unserved.stdout)")

        // A batch plan job weighs the others' coverage alike, and gives the residents first served among its figures.
        try manifest(folder, job: "operator: VNP, tenant_cost: 25, others_coverage_weight: 0")
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/manifest.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let figures = try #require((try json(folder + "/batch/batch.json")["jobs"] as? [[String: Any]])?.first?["figures"] as? [String: Any])
        #expect(figures["residents_first_served"] as? Double == reportedFirst && figures["objective"] as? Double == reported, "\(figures)")
    }

    /// A manifest of one plan job `vnp` over the fixture's candidates (as `plan` runs them) with the `job`'s own fields.
    func manifest(_ folder: String, job: String) throws {
        try """
            scenarios:
              batxat: {terrain: \(SharedData.path("terrain/batxat_copernicus_glo30.tif")), population: \(SharedData.path("population/laocai_communes_census2009.geojson")),
                       model: itm, radius_km: 8, resolution_m: 90, max_void_fraction: 0.7}
            jobs:
              - {id: vnp, type: plan, scenario: batxat, sites: \(candidates), budget: 100, \(job)}
            """.write(toFile: folder + "/manifest.yaml", atomically: true, encoding: .utf8)
    }

    @Test("""
        An operator no candidate names, other operators' masts without a tenant cost, and a candidate taking a leased \
        sector's id are refused naming the file; an empty operator, a \
        tenant cost or a weight of others' coverage without an operator, and that weight with a commune minimum, are refused \
        (a batch plan job's too); nothing is written
        """)
    func refusals() throws {
        let folder = try temporaryFolder("planoperatorbad")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (extra, fault, status) in [
            (["--operator", "VNPT", "--tenant-cost", "25"], "\(candidates): no candidate names the operator 'VNPT' (the candidates name MBF, VNP, VT)", Int32(1)),
            (["--operator", "VNP"], "\(candidates): the plan of 'VNP' may lease the masts of other operators' sites on air (G-EX of VT first): give the cost of each sector on another operator's mast (--tenant-cost)", 1),
            (["--tenant-cost", "25"], "--tenant-cost needs --operator", 64),
            (["--others-coverage-weight", "0.5"], "--others-coverage-weight needs --operator", 64),
            (["--operator", ""], "--operator must name an operator", 64),
            (["--operator", "VNP", "--tenant-cost", "25", "--others-coverage-weight", "0.5", "--commune-minimum-percent", "5"], "give one or the other", 64),
        ] {
            let result = try plan(candidates, out: folder + "/out", extra)
            #expect(result.status == status && result.stderr.contains(fault), "\(extra): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        }
        // A proposal whose id is that of a sector the plan would lease.
        let clashing = folder + "/clashing.csv"
        try (String(contentsOfFile: candidates, encoding: .utf8) + "VNP@G-EX,22.49,103.86,30,2G,900,58,,,,,,,,,100,greenfield\n")
            .write(toFile: clashing, atomically: true, encoding: .utf8)
        let clash = try plan(clashing, out: folder + "/out", ["--operator", "VNP", "--tenant-cost", "25"])
        #expect(clash.status == 1 && clash.stderr.contains("\(clashing): a candidate's id 'VNP@G-EX' is the id of the sector 'VNP' would lease on G-EX's mast"), "\(clash.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        try manifest(folder, job: "tenant_cost: 25")
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/manifest.yaml", "--out", folder + "/batch"])
        #expect(batch.status != 0 && batch.stderr.contains("tenant_cost") && batch.stderr.contains("needs operator"), "\(batch.stderr)")
        try manifest(folder, job: "operator: VNP, tenant_cost: 25, others_coverage_weight: 0, commune_minimum_percent: 5")
        let weighed = try runProgram(phusongExecutable, ["batch", folder + "/manifest.yaml", "--out", folder + "/batch"])
        #expect(weighed.status != 0 && weighed.stderr.contains("others_coverage_weight") && weighed.stderr.contains("give one or the other"), "\(weighed.stderr)")
    }
}
