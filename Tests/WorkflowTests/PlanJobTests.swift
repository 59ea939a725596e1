import Foundation
import TestSupport
import Testing

/// `phusong plan` on the real Lào Cai communes and the Bát Xát DEM.
@Suite("phusong plan", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct PlanJobTests {
    func run(_ arguments: [String]) throws -> ProgramOutput { try runProgram(phusongExecutable, arguments) }

    /// `plan` with the Bát Xát candidates over the Lào Cai communes (line of sight, 8 km, 30 m cells or `resolution`), into `out`.
    func batXatPlan(out: String, resolution: String = "30") -> [String] {
        [
            "plan", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", Fixtures.path("sites/batxat_candidates.csv"),
            "--population", SharedData.path("population/laocai_communes_census2009.geojson"), "--model", "los",
            "--radius-km", "8", "--resolution-m", resolution, "--max-void-fraction", "0.7", "--out", out,
        ]
    }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test("Within the budget, the site on air kept, one height per location; the objective is what the after/ evaluation covers")
    func budgetPlan() throws {
        let folder = try temporaryFolder("plan")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(batXatPlan(out: folder + "/out") + ["--budget", "160"])
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try json(folder + "/out/plan.json")
        let chosen = try #require(plan["chosen"] as? [[String: Any]])
        let ids = chosen.compactMap { $0["id"] as? String }
        #expect(ids.contains("EX-1") && ids.filter { $0.hasPrefix("GF-1") }.count <= 1)
        #expect((plan["cost"] as? Double ?? .infinity) <= 160)
        #expect(plan["status"] as? String == "optimal")
        let after = try json(folder + "/out/after/summary.json"), before = try json(folder + "/out/before/summary.json")
        func covered(_ summary: [String: Any]) -> Double {
            (((summary["residents"] as? [String: Any])?["total"] as? [String: Any])?["covered_residents"] as? [String: Double])?["any"] ?? -1
        }
        let objective = try #require(plan["objective"] as? Double)
        #expect(abs(objective - covered(after)) < 1e-6 * objective, "the optimiser's value is the evaluation's: \(objective) vs \(covered(after))")
        #expect(covered(after) > covered(before))
        #expect((after["site_areas"] as? [[String: Any]])?.count == ids.count)
        for name in ["after/communes.csv", "after/map.png", "after/coverage.kmz", "before/communes.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/out/" + name), "\(name)")
        }
        let communes = try #require(plan["communes"] as? [[String: Any]])
        let town = try #require(communes.first { $0["id"] as? String == "2050701" })
        #expect((town["after_percent_any"] as? Double ?? 0) >= (town["before_percent_any"] as? Double ?? 100))
        // What each chosen site brings, recounted from after/'s rasters: the residents where it is the best server (and,
        // for those only it covers, the only server), and the plan's residents newly covered against before/'s.
        let newly = try #require(plan["residents_newly_covered"] as? Double)
        #expect(abs(newly - (covered(after) - covered(before))) < 1e-6 * newly && newly > 0)
        #expect(abs((plan["cost_per_resident_newly_covered"] as? Double ?? 0) - (plan["cost"] as? Double ?? 0) / newly) < 1e-9)
        let servers = try rasterValues(folder + "/out/after/best_server.tif"), counts = try rasterValues(folder + "/out/after/server_count.tif")
        let people = try rasterValues(folder + "/out/after/residents.tif")
        let numbers = try #require((after["site_areas"] as? [[String: Any]])?.map { ($0["id"] as? String ?? "", $0["server"] as? Int ?? 0) })
        for site in chosen {
            let id = try #require(site["id"] as? String), number = try #require(numbers.first { $0.0 == id }?.1)
            let only = servers.indices.reduce(0.0) { $0 + (servers[$1] == Float(number) && counts[$1] == 1 ? Double(people[$1]) : 0) }
            let onlyItCovers = try #require(site["residents_only_it_covers"] as? Double)
            #expect(abs(onlyItCovers - only) <= 1e-4 * max(1, only), "\(id): \(onlyItCovers) against \(only)")
            #expect((site["residents_covered"] as? Double ?? 0) >= onlyItCovers && (site["residents_covered"] as? Double ?? 0) > 0, "\(id)")
        }
        #expect(chosen.contains { ($0["residents_only_it_covers"] as? Double ?? 0) > 0 })
        #expect(result.stdout.contains("residents newly covered"), "\(result.stdout)")
    }

    @Test("""
        --backhaul-reach: before/ and after/ follow the chains to the fibre in each mast's outage (EX-1's takes off air the \
        chosen masts whose rows name it); a reach file naming none of the candidates is refused before any footprint
        """)
    func backhaulReach() throws {
        let folder = try temporaryFolder("plan-backhaul")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            id,depends_on
            EX-1,
            SH-1,EX-1
            SH-2,EX-1
            GF-2,SH-2;EX-1
            GF-3,SH-1;EX-1

            """.write(toFile: folder + "/reach.csv", atomically: true, encoding: .utf8)
        let result = try run(batXatPlan(out: folder + "/out") + ["--budget", "160", "--backhaul-reach", folder + "/reach.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let chosen = try #require(try json(folder + "/out/plan.json")["chosen"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        let after = try csvRows(folder + "/out/after/masts.csv"), before = try csvRows(folder + "/out/before/masts.csv")
        let dependants = ["SH-1", "SH-2", "GF-2", "GF-3"].filter(chosen.contains)
        #expect(!dependants.isEmpty && Set(after.keys) == Set(chosen), "\(chosen)")
        #expect(Set(try #require(after["EX-1"]?["masts_cut_off"]).split(separator: ";").map(String.init)) == Set(dependants))
        if chosen.contains("SH-2") && chosen.contains("GF-2") { #expect(after["SH-2"]?["masts_cut_off"] == "GF-2") }
        #expect(before.keys.sorted() == ["EX-1"] && before["EX-1"]?["masts_cut_off"] == "")
        #expect(Double(try #require(after["EX-1"]?["residents_only_they_cover"]))! > Double(try #require(after["EX-1"]?["residents_only_it_covers"]))!)
        let plan = try json(folder + "/out/plan.json")
        #expect(plan["chosen_without_backhaul"] == nil, "a reach file without working_hops says nothing of them")

        try "id,depends_on\nBTS-99,\n".write(toFile: folder + "/elsewhere.csv", atomically: true, encoding: .utf8)
        let refused = try run(batXatPlan(out: folder + "/refused") + ["--budget", "160", "--backhaul-reach", folder + "/elsewhere.csv"])
        #expect(refused.status != 0 && refused.stderr.contains(folder + "/elsewhere.csv") && refused.stderr.contains("names none of the run's sites"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
    }

    @Test("""
        With phusong backhaul's own reach over the candidates (EX-1 on the fibre, hops within 8 km; GF-1a and GF-1b on one \
        spot are no hop), each chosen site reaches the fibre exactly when working hops between the chosen sites join it to \
        EX-1; the others are listed, printed and counted (a batch plan job's figure too); --backhaul-required leaves out \
        the candidates no chain joins to EX-1 with every candidate built
        """)
    func chosenSitesWithoutBackhaul() throws {
        let folder = try temporaryFolder("plan-fibre")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeCandidatesOnFibre(folder + "/candidates.csv")
        let hops = try backhaul(folder + "/candidates.csv", out: folder + "/backhaul")
        func partners(_ id: String) -> Set<String> { Set(hops.compactMap { $0["from"] == id ? $0["to"] : $0["to"] == id ? $0["from"] : nil }) }
        #expect(!partners("GF-1a").contains("GF-1b") && partners("GF-1a") == partners("GF-1b") && !partners("GF-1a").isEmpty)
        var arguments = batXatPlan(out: folder + "/out") + ["--budget", "160", "--backhaul-reach", folder + "/backhaul/reach.csv"]
        arguments[arguments.firstIndex(of: Fixtures.path("sites/batxat_candidates.csv"))!] = folder + "/candidates.csv"
        let result = try run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let chosen = try #require(try json(folder + "/out/plan.json")["chosen"] as? [[String: Any]])
        let ids = Set(chosen.compactMap { $0["id"] as? String })
        let reached = reachedFromFibre(over: hops, among: ids)
        for site in chosen {
            let id = try #require(site["id"] as? String)
            #expect(site["reaches_fibre"] as? Bool == reached.contains(id) && (site["route_to_fibre"] != nil) == reached.contains(id), "\(id)")
        }
        let stranded = ids.subtracting(reached).sorted()
        let listed = try json(folder + "/out/plan.json")["chosen_without_backhaul"] as? [String]
        #expect(!stranded.isEmpty && Set(listed ?? []) == Set(stranded), "\(String(describing: listed))")
        #expect(result.stdout.contains("backhaul: \(stranded.count) chosen sites reach no fibre over the chosen masts"), "\(result.stdout)")

        try """
            scenarios:
              batxat: {terrain: \(SharedData.path("terrain/batxat_copernicus_glo30.tif")), population: \(SharedData.path("population/laocai_communes_census2009.geojson")),
                       model: los, radius_km: 8, resolution_m: 30, max_void_fraction: 0.7, backhaul_reach: backhaul/reach.csv}
            jobs:
              - {id: fibre, type: plan, scenario: batxat, sites: candidates.csv, budget: 160}
            """.write(toFile: folder + "/manifest.yaml", atomically: true, encoding: .utf8)
        let batch = try run(["batch", folder + "/manifest.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let jobs = try #require(try json(folder + "/batch/batch.json")["jobs"] as? [[String: Any]])
        let figures = try #require(jobs.first?["figures"] as? [String: Any])
        #expect(figures["chosen_without_backhaul"] as? Double == Double(stranded.count), "\(figures)")

        // --backhaul-required: the candidates no chain joins to EX-1 with every candidate built are left out.
        let everyone = reachedFromFibre(over: hops, among: Set(hops.flatMap { [$0["from"]!, $0["to"]!] }))
        let required = try run(arguments.map { $0 == folder + "/out" ? folder + "/required" : $0 } + ["--backhaul-required"])
        #expect(required.status == 0, "\(required.stderr)")
        let plan = try json(folder + "/required/plan.json")
        let leftOut = ["SH-1", "SH-2", "GF-1a", "GF-1b", "GF-2", "GF-3"].filter { !everyone.contains($0) }
        #expect(!leftOut.isEmpty && plan["candidates_without_backhaul"] as? [String] == leftOut, "\(plan)")
        let kept = try #require(plan["chosen"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(Set(kept).isSubset(of: everyone) && plan["candidates"] as? Int == 7, "\(kept)")
        #expect(required.stdout.contains("left out: \(leftOut.count) candidates no chain of working hops joins to the fibre"), "\(required.stdout)")
        let unreached = try run(batXatPlan(out: folder + "/unreached") + ["--budget", "160", "--backhaul-required"])
        #expect(unreached.status == 64 && unreached.stderr.contains("--backhaul-required needs --backhaul-reach"), "\(unreached.stderr)")
        let manifest = try String(contentsOfFile: folder + "/manifest.yaml", encoding: .utf8)
        try manifest.replacingOccurrences(of: ", backhaul_reach: backhaul/reach.csv", with: "")
            .replacingOccurrences(of: "budget: 160}", with: "budget: 160, backhaul_required: true}")
            .write(toFile: folder + "/unreached.yaml", atomically: true, encoding: .utf8)
        let refused = try run(["batch", folder + "/unreached.yaml", "--out", folder + "/unreached-batch"])
        #expect(refused.status != 0 && refused.stderr.contains("backhaul_required: needs the scenario's backhaul_reach"), "\(refused.stderr)")
    }

    @Test("""
        --backhaul-required with ten hilltops offered beside the fixture's candidates (hops within 8 km, EX-1 on the fibre): \
        every chosen site reaches the fibre over working hops between chosen sites, some chosen as relays, where the plan \
        without the rule leaves sites stranded; each site's route of fewest hops is given and printed; proven optimal, and \
        below the plan without the rule; the same plan from one batch manifest whose plan job takes the backhaul job's \
        reach (backhaul_from), shards with it and runs again when it changes; a failed backhaul job fails the plan waiting on it
        """)
    func backhaulRequiredRelays() throws {
        let folder = try temporaryFolder("plan-relays")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeCandidatesOnFibre(folder + "/candidates.csv")
        let hilltops = try run([
            "candidates", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"),
            "--population", SharedData.path("population/laocai_communes_census2009.geojson"), "--existing", folder + "/candidates.csv",
            "--max-candidates", "10", "--reach-km", "8", "--resolution-m", "30", "--max-void-fraction", "0.9", "--cost", "60",
            "--out", folder + "/all.csv",
        ])
        #expect(hilltops.status == 0, "\(hilltops.stderr)")
        let hops = try backhaul(folder + "/all.csv", out: folder + "/backhaul")
        var arguments = batXatPlan(out: folder + "/free") + ["--budget", "300", "--backhaul-reach", folder + "/backhaul/reach.csv"]
        arguments[arguments.firstIndex(of: Fixtures.path("sites/batxat_candidates.csv"))!] = folder + "/all.csv"
        #expect(try run(arguments).status == 0)
        let free = try json(folder + "/free/plan.json")
        #expect(!(try #require(free["chosen_without_backhaul"] as? [String])).isEmpty, "the rule matters here: \(free)")

        let required = try run(arguments.map { $0 == folder + "/free" ? folder + "/required" : $0 } + ["--backhaul-required"])
        #expect(required.status == 0, "\(required.stderr)")
        let plan = try json(folder + "/required/plan.json")
        let ids = Set(try #require(plan["chosen"] as? [[String: Any]]).compactMap { $0["id"] as? String })
        #expect(reachedFromFibre(over: hops, among: ids) == ids, "\(ids)")
        let relayed = ids.subtracting(reachedFromFibre(over: hops, among: ids.intersection(["EX-1"])))
        #expect(!relayed.isEmpty, "some chosen sites reach the fibre through other chosen sites: \(ids)")
        // Each chosen site's route: working hops between chosen sites, as few as breadth first finds, ending at EX-1.
        let fewest = hopsToFibre(over: hops, among: ids)
        let working = Set(hops.filter { $0["clears_60_percent"] == "true" }.flatMap { [[$0["from"]!, $0["to"]!], [$0["to"]!, $0["from"]!]] })
        for site in try #require(plan["chosen"] as? [[String: Any]]) {
            let id = try #require(site["id"] as? String), route = try #require(site["route_to_fibre"] as? [String], "\(site)")
            let chain = [id] + route
            #expect(route.count == fewest[id] && chain.last == "EX-1" && Set(route).isSubset(of: ids), "\(id): \(route)")
            #expect(zip(chain, chain.dropFirst()).allSatisfy { working.contains([$0, $1]) }, "\(id): \(route)")
            if route.count > 1 { #expect(required.stdout.contains("    \(id) → \(route.joined(separator: " → "))\n"), "\(required.stdout)") }
        }
        #expect(plan["chosen_without_backhaul"] as? [String] == [] && plan["status"] as? String == "optimal", "\(plan)")
        let objective = try #require(plan["objective"] as? Double), freeObjective = try #require(free["objective"] as? Double)
        #expect(objective < freeObjective && objective > 0)
        #expect(required.stdout.contains("backhaul: every chosen site with a row in the reach file reaches the fibre"), "\(required.stdout)")

        // One manifest does both: the plan job takes the backhaul job's reach.csv (backhaul_from) once it has finished;
        // listed second, it runs in the backhaul job's shard (0 of 2), and shard 1 runs nothing.
        let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif")
        try """
            scenarios:
              batxat: {terrain: \(terrain), population: \(SharedData.path("population/laocai_communes_census2009.geojson")),
                       model: los, radius_km: 8, resolution_m: 30, max_void_fraction: 0.7}
            jobs:
              - {id: hops, type: backhaul, terrain: \(terrain), sites: all.csv, within_km: 8, hub_field: fibre}
              - {id: linked, type: plan, scenario: batxat, sites: all.csv, budget: 300, backhaul_from: hops, backhaul_required: true}
            """.write(toFile: folder + "/manifest.yaml", atomically: true, encoding: .utf8)
        for shard in ["1/2", "0/2"] {
            let batch = try run(["batch", folder + "/manifest.yaml", "--out", folder + "/batch", "--shard", shard])
            #expect(batch.status == 0, "\(batch.stderr)")
            let ran = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/batch/jobs")) ?? []
            #expect(ran.sorted() == (shard == "1/2" ? [] : ["hops", "linked"]), "\(shard): \(ran)")
        }
        #expect(try run(["batch", "merge", folder + "/manifest.yaml", "--out", folder + "/batch"]).status == 0)
        let chained = try json(folder + "/batch/jobs/linked/plan.json")
        #expect(chained["objective"] as? Double == objective && chained["chosen_without_backhaul"] as? [String] == [], "\(chained)")
        #expect(Set(try #require(chained["chosen"] as? [[String: Any]]).compactMap { $0["id"] as? String }) == ids)
        // Named within the results, whichever folder they were made in.
        let outages = try json(folder + "/batch/jobs/linked/after/summary.json")["mast_outages"] as? [String: Any]
        #expect(outages?["backhaul_reach"] as? String == "jobs/hops/reach.csv", "\(String(describing: outages))")
        // A re-run keeps both; a change to the backhaul job runs the plan job again too.
        func jobsRun(_ manifest: String) throws -> [String] {
            let result = try run(["batch", manifest, "--out", folder + "/batch", "--log-format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            return result.stderr.split(separator: "\n").compactMap { line in
                let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return event?["event"] as? String == "job_finished" ? event?["id"] as? String : nil
            }.sorted()
        }
        #expect(try jobsRun(folder + "/manifest.yaml") == [])
        try String(contentsOfFile: folder + "/manifest.yaml", encoding: .utf8).replacingOccurrences(of: "within_km: 8", with: "within_km: 7.9")
            .write(toFile: folder + "/nearer.yaml", atomically: true, encoding: .utf8)
        #expect(try jobsRun(folder + "/nearer.yaml") == ["hops", "linked"])
        // Without a hub the backhaul job fails, and the plan waiting on it fails naming it.
        try String(contentsOfFile: folder + "/manifest.yaml", encoding: .utf8).replacingOccurrences(of: "hub_field: fibre", with: "hub_field: mains")
            .write(toFile: folder + "/nohub.yaml", atomically: true, encoding: .utf8)
        let failed = try run(["batch", folder + "/nohub.yaml", "--out", folder + "/nohub"])
        let records = try #require(try json(folder + "/nohub/batch.json")["jobs"] as? [[String: Any]])
        #expect(failed.status == 1 && records.map { $0["status"] as? String } == ["failed", "failed"], "\(records)")
        #expect((records[1]["error"] as? String)?.contains("needs the results of job 'hops', which failed") == true, "\(records)")
    }

    /// The fixture's candidates with a `fibre` column: EX-1 on the fibre.
    func writeCandidatesOnFibre(_ path: String) throws {
        let lines = try String(contentsOfFile: Fixtures.path("sites/batxat_candidates.csv"), encoding: .utf8).split(separator: "\n")
        let flagged = [lines[0] + ",fibre"] + lines.dropFirst().map { $0 + ($0.hasPrefix("EX-1,") ? ",yes" : ",") }
        try (flagged.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// `phusong backhaul` over `sites` (hops within 8 km, hubs by `fibre`) into `out`; its hops.csv.
    func backhaul(_ sites: String, out: String) throws -> [[String: String]] {
        let result = try run([
            "backhaul", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", sites,
            "--within-km", "8", "--hub-field", "fibre", "--out", out,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return try csvTable(out + "/hops.csv")
    }

    /// EX-1 and the sites of `among` a chain of hops that clear 0.6 of the zone joins to it through sites of `among`.
    func reachedFromFibre(over hops: [[String: String]], among ids: Set<String>) -> Set<String> {
        Set(hopsToFibre(over: hops, among: ids).keys)
    }

    /// Breadth first from EX-1 over the hops that clear 0.6 of the zone through sites of `among`: the fewest hops from
    /// each site reached.
    func hopsToFibre(over hops: [[String: String]], among ids: Set<String>) -> [String: Int] {
        var count = ["EX-1": 0], queue = ["EX-1"], next = 0
        while next < queue.count {
            let id = queue[next]
            next += 1
            for hop in hops where hop["clears_60_percent"] == "true" {
                for (a, b) in [(hop["from"]!, hop["to"]!), (hop["to"]!, hop["from"]!)] where a == id && ids.contains(b) && count[b] == nil {
                    count[b] = count[id]! + 1
                    queue.append(b)
                }
            }
        }
        return count
    }

    @Test("--min-separation-m: no two chosen sites closer than 3 km; the mast 2.1 km from the site on air is not taken")
    func separation() throws {
        let folder = try temporaryFolder("planseparation")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(batXatPlan(out: folder + "/out") + ["--budget", "160", "--min-separation-m", "3000"])
        #expect(result.status == 0, "\(result.stderr)")
        let ids = try #require((try json(folder + "/out/plan.json")["chosen"] as? [[String: Any]])?.compactMap { $0["id"] as? String })
        #expect(ids.contains("EX-1") && !ids.contains("SH-2"), "\(ids)")
        let rows = try String(contentsOfFile: Fixtures.path("sites/batxat_candidates.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        var places: [String: (Double, Double)] = [:]
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            places[String(fields[0])] = (Double(fields[1])!, Double(fields[2])!)
        }
        for a in ids {
            for b in ids where a < b {
                let (lat1, lon1) = places[a]!, (lat2, lon2) = places[b]!
                let north = (lat2 - lat1) * 111_195, east = (lon2 - lon1) * 111_195 * cos(lat1 * .pi / 180)
                #expect((north * north + east * east).squareRoot() >= 3_000 * 0.99, "\(a)–\(b)")
            }
        }
    }

    @Test("--min-separation-m keeps masts apart, not the sectors of one mast: two sectors of one place are both chosen, a site 550 m away is not")
    func separationBetweenMasts() throws {
        let folder = try temporaryFolder("planseparationsectors")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            id,lat,lon,height_m,technology,frequency_mhz,eirp_dbm,bandwidth_mhz,azimuth_deg,beamwidth_deg,vertical_beamwidth_deg,cost,kind
            L-1,22.53,103.88,30,4G,1800,61,10,0,65,7,10,greenfield
            L-2,22.53,103.88,30,4G,1800,61,10,120,65,7,10,greenfield
            L-3,22.53,103.88,30,4G,1800,61,10,240,65,7,10,greenfield
            NEAR,22.525,103.88,10,4G,1800,45,10,,,,10,greenfield

            """.write(toFile: folder + "/sectors.csv", atomically: true, encoding: .utf8)
        var arguments = batXatPlan(out: folder + "/out", resolution: "90") + ["--budget", "40", "--min-separation-m", "3000"]
        arguments[arguments.firstIndex(of: Fixtures.path("sites/batxat_candidates.csv"))!] = folder + "/sectors.csv"
        arguments[arguments.firstIndex(of: "los")!] = "itm"  // line of sight knows no antenna pattern: sectors would cover alike
        let result = try run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let ids = try #require((try json(folder + "/out/plan.json")["chosen"] as? [[String: Any]])?.compactMap { $0["id"] as? String })
        // The third sector, facing 240°, covers no resident the other two do not.
        #expect(ids == ["L-1", "L-2"], "\(ids)")
        // Without the separation the site 550 m away adds residents of its own.
        arguments.removeLast(2)
        arguments[arguments.firstIndex(of: folder + "/out")!] = folder + "/free"
        #expect(try run(arguments).status == 0)
        #expect((try json(folder + "/free/plan.json")["chosen"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["L-1", "L-2", "NEAR"])
    }

    @Test("Bad candidates: a negative cost, an unknown kind or a wrong group capacity names the file and the site, and nothing is written")
    func badCandidates() throws {
        let folder = try temporaryFolder("badplan")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let header = "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology,cost,kind,group,group_capacity\n"
        for (row, fault) in [
            ("A,22.53,103.88,30,900,60,2G,-5,greenfield,,", "site 1 ('A'): cost must be a number ≥ 0"),
            ("B,22.53,103.88,30,900,60,2G,10,tower,,", "kind 'tower' is not greenfield, shared or existing"),
            ("C,22.53,103.88,30,900,60,2G,10,shared,m1,two", "site 1 ('C'): group_capacity must be a whole number ≥ 0 (got 'two')"),
        ] {
            let path = folder + "/candidates.csv"
            try (header + row + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let result = try run([
                "plan", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", path,
                "--population", SharedData.path("population/laocai_communes_census2009.geojson"), "--p", "1", "--out", folder + "/out",
            ])
            #expect(result.status == 1 && result.stderr.hasPrefix("phusong: error: \(path): ") && result.stderr.contains(fault), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        }
    }

    @Test("A radius shorter than two cells is refused as in footprint, and nothing is written")
    func radiusShorterThanTwoCells() throws {
        let folder = try temporaryFolder("planradius")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(batXatPlan(out: folder + "/out") + ["--budget", "160", "--resolution-m", "5000"])
        #expect(result.status == 1 && result.stderr.contains("a radius of 8 km is shorter than 2 cells of 5000.0 m"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }
}

extension PlanJobTests {
    /// `plan` on Bát Xát with `extra` arguments: the exit, stderr and (when written) plan.json's communes by name.
    func communePlan(_ extra: [String], in folder: String) throws -> (ProgramOutput, [String: Any]?) {
        let out = folder + "/out\(extra.joined())"
        let result = try run(batXatPlan(out: out) + extra)
        return (result, FileManager.default.fileExists(atPath: out + "/plan.json") ? try json(out + "/plan.json") : nil)
    }

    @Test("--commune-minimum-percent: every commune gets 5 % of its residents covered or all the candidates reach; it costs objective; unreachable within the budget → a clear error")
    func communeMinimum() throws {
        let folder = try temporaryFolder("planminimum")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func percents(_ plan: [String: Any]?) throws -> [String: Double] {
            let communes = try #require(plan?["communes"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: communes.filter { ($0["residents"] as? Double ?? 0) > 0 }.map {
                ($0["name"] as? String ?? "", $0["after_percent_any"] as? Double ?? -1)
            })
        }
        let (_, free) = try communePlan(["--p", "3"], in: folder)
        let (_, everything) = try communePlan(["--p", "7"], in: folder)
        let (result, bound) = try communePlan(["--p", "3", "--commune-minimum-percent", "5"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(bound?["status"] as? String == "optimal")
        let (withMinimum, without, reach) = (try percents(bound), try percents(free), try percents(everything))
        for (name, percent) in withMinimum {
            #expect(percent >= min(5, reach[name] ?? 0) - 1e-6, "\(name): \(percent) % covered, candidates reach \(reach[name] ?? 0) %")
        }
        #expect(without.contains { name, percent in percent < min(5, reach[name] ?? 0) - 1e-6 }, "the minimum must bind here")
        let objective = try #require(bound?["objective"] as? Double), unbound = try #require(free?["objective"] as? Double)
        #expect(objective < unbound, "a binding minimum costs covered residents: \(objective) vs \(unbound)")

        let (refused, written) = try communePlan(["--budget", "160", "--commune-minimum-percent", "5"], in: folder)
        #expect(refused.status == 1 && refused.stderr.contains("infeasible") && refused.stderr.contains("minimum coverage"), "\(refused.stderr)")
        #expect(written == nil)
    }

    /// The residents each mast of an evaluation's `masts.csv` alone covers, by mast.
    func residentsOnlyItCovers(_ path: String) throws -> [String: Double] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = try #require(lines.first?.firstIndex(of: "residents_only_it_covers"))
        return Dictionary(uniqueKeysWithValues: lines.dropFirst().map { (String($0[0]), Double($0[column]) ?? .nan) })
    }

    @Test("""
        --second-mast-weight 1: the residents on the one mast on air whom the plan gives a second mast count in the objective, and \
        their number is what that mast alone covers in before/ less in after/; for 25 it takes the shared mast overlapping \
        the one on air rather than the one covering more new residents; a batch plan job takes second_mast_weight
        """)
    func secondMast() throws {
        let folder = try temporaryFolder("plan-second-mast")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var plans: [Double: [String: Any]] = [:]
        for weight in [0.0, 1.0] {
            let out = folder + "/weight-\(Int(weight))"
            let result = try run(batXatPlan(out: out, resolution: "90") + ["--budget", "25", "--second-mast-weight", "\(weight)"])
            #expect(result.status == 0, "\(result.stderr)")
            let plan = try json(out + "/plan.json")
            plans[weight] = plan
            let given = try #require(plan["residents_given_a_second_mast"] as? Double)
            let before = try residentsOnlyItCovers(out + "/before/masts.csv"), after = try residentsOnlyItCovers(out + "/after/masts.csv")
            let lost = before.keys.reduce(0) { $0 + before[$1]! - (after[$1] ?? .nan) }
            #expect(abs(given - lost) <= 0.1 * Double(before.count), "\(given) against \(lost)")
            let covered = try #require(
                (((try json(out + "/after/summary.json")["residents"] as? [String: Any])?["total"] as? [String: Any])?["covered_residents"] as? [String: Double])?["any"]
            )
            let objective = try #require(plan["objective"] as? Double)
            #expect(abs(objective - (covered + weight * given)) < 1e-6 * objective, "\(objective) against \(covered) + \(weight) × \(given)")
            #expect(plan["second_mast_weight"] as? Double == weight && result.stdout.contains(String(format: "given a second %.0f", given)))
        }
        let (coverage, resilience) = (try #require(plans[0]), try #require(plans[1]))
        func figure(_ plan: [String: Any], _ key: String) -> Double { plan[key] as? Double ?? .nan }
        #expect(figure(resilience, "residents_given_a_second_mast") > figure(coverage, "residents_given_a_second_mast") + 100, "\(resilience)")
        #expect(figure(coverage, "residents_newly_covered") > figure(resilience, "residents_newly_covered"), "the second masts cost new coverage")
        let refused = try run(batXatPlan(out: folder + "/refused") + ["--budget", "25", "--second-mast-weight", "1.5"])
        #expect(refused.status == 64 && refused.stderr.contains("--second-mast-weight must be within 0–1"))

        try """
            scenarios:
              batxat: {terrain: \(SharedData.path("terrain/batxat_copernicus_glo30.tif")), population: \(SharedData.path("population/laocai_communes_census2009.geojson")),
                       model: los, radius_km: 8, resolution_m: 90, max_void_fraction: 0.7}
            jobs:
              - {id: resilient, type: plan, scenario: batxat, sites: \(Fixtures.path("sites/batxat_candidates.csv")), budget: 25, second_mast_weight: 1}
            """.write(toFile: folder + "/manifest.yaml", atomically: true, encoding: .utf8)
        let batch = try run(["batch", folder + "/manifest.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let jobs = try #require(try json(folder + "/batch/batch.json")["jobs"] as? [[String: Any]])
        let figures = try #require(jobs.first?["figures"] as? [String: Any])
        #expect(figures["residents_given_a_second_mast"] as? Double == figure(resilience, "residents_given_a_second_mast"), "\(figures)")
    }
}
