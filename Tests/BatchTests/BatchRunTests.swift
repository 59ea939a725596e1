import Foundation
import TestSupport
import Testing

/// `phusong batch` on the Bát Xát DEM and the Lào Cai communes: proposals sharing sites, a claim, an
/// optimisation; resumed after kill -9, re-run, split into shards and merged — always the same bytes.
@Suite("phusong batch", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct BatchRunTests {
    func run(_ arguments: [String]) throws -> ProgramOutput { try runProgram(phusongExecutable, arguments) }

    /// A manifest of three proposals (sharing sites), a verification and an optimisation, in `folder`.
    func writeManifest(in folder: String) throws -> String {
        let header = "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology\n"
        let sites = [
            "EX-1,22.53,103.88,30,900,60,2G", "SH-1,22.50,103.83,30,900,58,2G", "SH-2,22.515,103.865,25,900,58,2G",
            "GF-1,22.49,103.86,45,1800,60,4G", "GF-2,22.545,103.90,30,900,60,2G",
        ]
        for (name, rows) in [("north", [0, 2, 4]), ("south", [1, 3]), ("all", [0, 1, 2, 3, 4])] {
            try (header + rows.map { sites[$0] }.joined(separator: "\n") + "\n").write(toFile: folder + "/\(name).csv", atomically: true, encoding: .utf8)
        }
        let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif")
        let population = SharedData.path("population/laocai_communes_census2009.geojson")
        try writeBatXatClaim(into: folder, sites: "north.csv", radiusKm: 6, maxVoidFraction: 0.7, percent: 30, tolerance: 50)
        try """
            name: Bát Xát proposals (test)
            scenarios:
              batxat:
                terrain: \(terrain)
                population: \(population)
                model: los
                radius_km: 6
                resolution_m: 90
                max_void_fraction: 0.7
            jobs:
              - {id: north, type: evaluate, scenario: batxat, sites: north.csv}
              - {id: south, type: evaluate, scenario: batxat, sites: south.csv, outputs: [json, csv, png]}
              - {id: all, type: evaluate, scenario: batxat, sites: all.csv}
              - {id: claim, type: verify, claim: claim.json}
              - {id: mclp, type: optimize, instance: \(SharedData.path("mclp/grid_m2000_n100_r5.0_s1.json.gz")), p: 5}
            """.write(toFile: folder + "/manifest.yaml", atomically: true, encoding: .utf8)
        return folder + "/manifest.yaml"
    }

    /// A manifest of `count` quick jobs, optimisations of the smallest shared MCLP instance for p = 1…count, in `folder`.
    func writeOptimizations(_ count: Int, in folder: String) throws -> String {
        let instance = SharedData.path("mclp/grid_m2000_n100_r5.0_s1.json.gz")
        let manifest = folder + "/manifest.yaml"
        try ("jobs:\n" + (1...count).map { "  - {id: p\($0), type: optimize, instance: \(instance), p: \($0)}\n" }.joined())
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        return manifest
    }

    /// Every result file (jobs/, batch.json, batch.csv, index.html) by relative path, with its bytes.
    func results(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let names = (FileManager.default.enumerator(atPath: folder + "/jobs")?.allObjects as? [String] ?? []).map { "jobs/" + $0 }
        for name in names + ["batch.json", "batch.csv", "index.html"] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return files
    }

    func expectSame(_ a: [String: Data], _ b: [String: Data], _ label: String) {
        #expect(a.keys.sorted() == b.keys.sorted(), "\(label): different files")
        let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
        #expect(differing.isEmpty, "\(label): files differ: \(differing)")
    }

    /// JSON log events of a run's standard error.
    func events(_ stderr: String) -> [[String: Any]] {
        stderr.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test("Summary and outputs; a re-run skips every job; a lost job is rebuilt from cached footprints; kill -9 + resume and shards + merge give the same bytes")
    func batch() throws {
        let folder = try temporaryFolder("batch")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try writeManifest(in: folder)
        let reference = folder + "/reference"
        let started = Date()
        let first = try run(["batch", manifest, "--out", reference, "--log-format", "json"])
        let duration = Date().timeIntervalSince(started)
        #expect(first.status == 0, "\(first.stderr)")
        let batch = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reference + "/batch.json"))) as? [String: Any])
        let jobs = try #require(batch["jobs"] as? [[String: Any]])
        #expect(jobs.map { $0["id"] as? String } == ["north", "south", "all", "claim", "mclp"] && batch["done"] as? Int == 5)
        let figures = Dictionary(uniqueKeysWithValues: jobs.map { ($0["id"] as! String, $0["figures"] as? [String: Any] ?? [:]) })
        #expect(figures["claim"]?["result"] as? String == "PASS")
        #expect(figures["mclp"]?["objective"] as? Double == 45_756, "the proven optimum of this instance")
        #expect((figures["all"]?["union_area_km2"] as? Double ?? 0) >= (figures["north"]?["union_area_km2"] as? Double ?? .infinity))
        let south = try FileManager.default.contentsOfDirectory(atPath: reference + "/jobs/south").sorted()
        #expect(south == ["communes.csv", "gaps.csv", "map.png", "masts.csv", "summary.json"], "outputs: [json, csv, png] keeps only those: \(south)")
        let html = try String(contentsOfFile: reference + "/index.html", encoding: .utf8)
        #expect(html.contains("href=\"jobs/north/coverage.tif\"") && html.contains("<img src=\"jobs/north/map.png\""))
        let csv = try String(contentsOfFile: reference + "/batch.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 6 && csv[0].hasPrefix("id,type,status,"))
        let expected = try results(reference)

        // The same command again: nothing to do, nothing changes.
        let again = try run(["batch", manifest, "--out", reference, "--log-format", "json"])
        #expect(events(again.stderr).filter { $0["event"] as? String == "job_skipped" }.count == 5, "\(again.stderr)")
        expectSame(expected, try results(reference), "re-run")

        // A job whose folder was lost runs again, its footprints all from the cache.
        try FileManager.default.removeItem(atPath: reference + "/jobs/all")
        let rebuilt = try run(["batch", manifest, "--out", reference, "--log-format", "json"])
        let finished = events(rebuilt.stderr).filter { $0["event"] as? String == "job_finished" }
        #expect(finished.count == 1 && finished.first?["footprints_cached"] as? Int == 5 && finished.first?["footprints_computed"] as? Int == 0, "\(rebuilt.stderr)")
        expectSame(expected, try results(reference), "rebuilt from the cache")

        // Killed at a random moment, then resumed.
        let resumed = folder + "/resumed"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: phusongExecutable)
        process.arguments = ["batch", manifest, "--out", resumed]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A moment within the uninterrupted run's time: mid-job, mid-write or between jobs.
        let moment = Double.random(in: 0.1...max(0.2, duration * 0.9))
        Thread.sleep(forTimeInterval: moment)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let resume = try run(["batch", manifest, "--out", resumed])
        #expect(resume.status == 0, "\(resume.stderr)")
        expectSame(expected, try results(resumed), "killed after \(moment) s and resumed")

        // Two shards in folders of their own, side by side, then merged.
        let shards = (0..<2).map { folder + "/shard\($0)" }
        let runs = try shards.enumerated().map { index, out in
            let shard = Process()
            shard.executableURL = URL(fileURLWithPath: phusongExecutable)
            shard.arguments = ["batch", manifest, "--out", out, "--shard", "\(index)/2"]
            shard.standardOutput = FileHandle.nullDevice
            shard.standardError = FileHandle.nullDevice
            try shard.run()
            return shard
        }
        for shard in runs { shard.waitUntilExit() }
        #expect(runs.allSatisfy { $0.terminationStatus == 0 })
        #expect(!FileManager.default.fileExists(atPath: shards[0] + "/batch.json"), "a shard writes no summary")
        let merged = folder + "/merged"
        let merge = try run(["batch", "merge", manifest, "--out", merged, "--from", shards[0], "--from", shards[1]])
        #expect(merge.status == 0, "\(merge.stderr)")
        expectSame(expected, try results(merged), "two shards merged")
        let incomplete = try run(["batch", "merge", manifest, "--out", folder + "/incomplete", "--from", shards[0]])
        #expect(incomplete.status == 1 && incomplete.stderr.contains("not finished by any shard"), "\(incomplete.stderr)")
    }

    @Test("make demo-real's manifest: Bát Xát on Copernicus terrain and census communes — every job done, the claim passes, the plan is proven optimal within its budget")
    func realDemo() throws {
        let folder = try temporaryFolder("demoreal")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(["batch", Fixtures.path("batch/batxat-real.yaml"), "--out", folder])
        #expect(result.status == 0, "\(result.stderr)")
        let batch = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/batch.json"))) as? [String: Any])
        let jobs = try #require(batch["jobs"] as? [[String: Any]])
        let figures = Dictionary(uniqueKeysWithValues: jobs.map { ($0["id"] as! String, $0["figures"] as? [String: Any] ?? [:]) })
        #expect(batch["done"] as? Int == 4 && figures["claim"]?["result"] as? String == "PASS", "\(jobs)")
        #expect(figures["shared-first-plan"]?["optimality"] as? String == "optimal" && (figures["shared-first-plan"]?["cost"] as? Double ?? .infinity) <= 260)
        #expect((figures["proposal"]?["residents_covered_percent"] as? Double ?? 0) > (figures["on-air"]?["residents_covered_percent"] as? Double ?? 100))
        // The DEM is a district's clip: each evaluation's figures count its warnings of sites whose disc leaves it,
        // and of sites whose steep horizons take ITM beyond its validated range.
        for id in ["on-air", "proposal"] {
            let summary = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/jobs/\(id)/summary.json"))) as? [String: Any]
            )
            let warnings = try #require(summary["warnings"] as? [String])
            #expect(warnings.contains { $0.contains("has no terrain") } && warnings.contains { $0.contains("ITM beyond its validated range") })
            #expect(warnings.allSatisfy { $0.contains("has no terrain") || $0.contains("ITM beyond its validated range") }, "\(id): \(warnings)")
            #expect(figures[id]?["warnings"] as? Double == Double(warnings.count), "\(id)")
        }
    }

    @Test("A progress bar of jobs on a terminal; one text line per event otherwise")
    func progress() throws {
        let folder = try temporaryFolder("batchprogress")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try writeOptimizations(3, in: folder)
        // `script` runs the command on a pseudo-terminal and copies what it draws to our stdout.
        let onTerminal = try runProgram("script", ["-qec", "'\(phusongExecutable)' batch '\(manifest)' --out '\(folder)/tty'", "/dev/null"])
        #expect(onTerminal.status == 0, "\(onTerminal.stdout)")
        #expect(onTerminal.stdout.contains("jobs ██████████████████████████████ 3/3"), "\(onTerminal.stdout)")
        let plain = try run(["batch", manifest, "--out", folder + "/plain"])
        let lines = plain.stderr.split(separator: "\n")
        #expect(lines.first == "batch: 3 jobs, 3 to run, 0 finished earlier" && lines.filter { $0.hasSuffix("computed)") }.count == 3, "\(plain.stderr)")
    }

    @Test("A results folder another run is writing into is refused at once, writing nothing: a whole run or merge holds it alone, shards share it, each shard alone; a held lock frees itself when its process ends")
    func folderInUse() throws {
        let folder = try temporaryFolder("batchlock")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try writeOptimizations(2, in: folder)
        let out = folder + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        /// Runs `arguments` while this process holds `lock` (a lock file in `out`) as another phusong would.
        func runHolding(_ lock: String, shared: Bool, _ arguments: [String]) throws -> ProgramOutput {
            let descriptor = open(out + "/" + lock, O_RDWR | O_CREAT, 0o644)
            try #require(descriptor >= 0 && flock(descriptor, shared ? LOCK_SH : LOCK_EX) == 0)
            defer { close(descriptor) }
            return try run(arguments)
        }
        let whole = ["batch", manifest, "--out", out]
        let busy = "\(out): another phusong batch run or merge is writing into it; wait for it to end, or give another --out"
        for (lock, shared) in [(".lock", false), (".lock", true)] {
            let refused = try runHolding(lock, shared: shared, whole)
            #expect(refused.status == 1 && refused.stderr.contains(busy), "\(refused.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/jobs").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out + "/journal.jsonl") && !FileManager.default.fileExists(atPath: out + "/run.log"))

        let sibling = try runHolding(".lock", shared: true, whole + ["--shard", "0/2"])
        #expect(sibling.status == 0, "another shard running beside it: \(sibling.stderr)")
        let twice = try runHolding(".lock-shard-1-of-2", shared: false, whole + ["--shard", "1/2"])
        #expect(twice.status == 1 && twice.stderr.contains("another run of shard 1/2 is writing into it"), "\(twice.stderr)")
        let mergeDuringShard = try runHolding(".lock", shared: true, ["batch", "merge", manifest, "--out", out])
        #expect(mergeDuringShard.status == 1 && mergeDuringShard.stderr.contains(busy), "\(mergeDuringShard.stderr)")
        #expect(try run(whole + ["--shard", "1/2"]).status == 0, "the lock went with the process that held it")
        #expect(try run(["batch", "merge", manifest, "--out", out]).status == 0)
    }

    @Test("A batch into a folder that holds a user's work/ folder leaves it alone (jobs are built in .work/, removed only when empty)")
    func userWorkFolder() throws {
        let folder = try temporaryFolder("batchwork")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try writeOptimizations(1, in: folder)
        try FileManager.default.createDirectory(atPath: folder + "/work", withIntermediateDirectories: true)
        try "drafts".write(toFile: folder + "/work/notes.txt", atomically: true, encoding: .utf8)
        let result = try run(["batch", manifest, "--out", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: folder + "/work/notes.txt", encoding: .utf8) == "drafts")
        #expect(try !FileManager.default.contentsOfDirectory(atPath: folder + "/jobs/p1").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder + "/.work"), "the build folder went once empty")
    }

    @Test("Bad manifests: malformed YAML, a mapping as a key, an unknown job type, a missing file, a duplicate id, an id too long for a folder, an unknown field → the line and field named, exit 2, nothing written")
    func badManifests() throws {
        let folder = try temporaryFolder("badmanifest")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let instance = SharedData.path("mclp/grid_m2000_n100_r5.0_s1.json.gz")
        let cases = [
            ("jobs:\n  - id: a\n    type: optimize\n    instance: [x\n", "line 5, column 1: did not find expected ',' or ']'"),
            ("jobs:\n  - id: a\n    type: evaluat\n    sites: a.csv\n", ":3: jobs[0].type: unknown job type 'evaluat' (one of evaluate, verify, optimize, plan, tilt, backhaul, emf)"),
            ("jobs:\n  - id: a\n    type: optimize\n    instance: missing.json\n", ":4: jobs[0].instance: no such file: \(folder)/missing.json"),
            ("jobs:\n  - {id: a, type: optimize, instance: \(instance)}\n  - {id: a, type: optimize, instance: \(instance)}\n", ":3: jobs[1].id: 'a' is already the id of jobs[0]"),
            ("jobs:\n  - id: a\n    type: optimize\n    instance: \(instance)\n    colour: red\n", ":5: jobs[0].colour: unknown field"),
            (
                "jobs:\n  - {id: \(String(repeating: "j", count: 201)), type: optimize, instance: \(instance)}\n",
                ":2: jobs[0].id: '\(String(repeating: "j", count: 40))…' is 201 bytes long, over 200 (it names the job's folder)"
            ),
            ("scenarios:\n  s: {terrain: none.tif}\njobs:\n  - {id: a, type: evaluate, scenario: s, sites: x.csv}\n", ":2: scenarios.s.terrain: no such file"),
            ("{\"jobs\": [{\"id\": \"a\", \"type\": \"optimize\", \"instance\": \"\(instance)\", \"p\": -1}]}", ":1: jobs[0].p: must be a whole number ≥ 0"),
            // Found by the fuzzer: a mapping as a key crashed inside Yams' constructor.
            ("{\"name\": \"x\",\n {\"s\": 1}: 2, \"jobs\": []}", ":2: a key must be a plain name, not a mapping or a list"),
        ]
        for (index, (text, fault)) in cases.enumerated() {
            let path = folder + "/bad\(index).yaml"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try run(["batch", path])
            #expect(result.status == 2, "\(index): \(result.stdout)")
            #expect(result.stderr.hasPrefix("phusong: error: \(path)") && result.stderr.contains(fault), "\(index): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/bad\(index)-results"), "\(index): nothing written")
        }
    }
}
