import Batch
import Foundation
import TestSupport
import Testing
import Workflows

@Suite("Batch time limit", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct BatchTimeLimitTests {
    let terrain = SharedData.path("terrain/N44W072.hgt")

    @Test("A deadline already past: no job starts, each is 'not run', the batch is marked partial; the next run does them")
    func batchCutShort() throws {
        let folder = try temporaryFolder("batch-deadline")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try writeSitesGrid(into: folder)
        let manifest = folder + "/manifest.yaml"
        try """
            name: deadline
            scenarios:
              base: {terrain: \(terrain), model: fspl, radius_km: 2}
            jobs:
              - {id: first, type: evaluate, scenario: base, sites: \(sites)}
              - {id: second, type: evaluate, scenario: base, sites: \(sites)}
            """.write(toFile: manifest, atomically: true, encoding: .utf8)
        let loaded = try Manifest.load(manifest)
        let records = try BatchRunner.run(loaded, limits: RunLimits(deadline: Deadline(seconds: 0)))
        #expect(records.map(\.status) == [JobRecord.notRun, JobRecord.notRun])
        let summary = try String(contentsOfFile: loaded.output + "/batch.json", encoding: .utf8)
        #expect(summary.contains("\"partial\" : \"time limit of 0 s reached\""), "\(summary)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: loaded.output + "/jobs").isEmpty)

        let finished = try BatchRunner.run(loaded)
        #expect(finished.map(\.status) == ["done", "done"])
        #expect(try !String(contentsOfFile: loaded.output + "/batch.json", encoding: .utf8).contains("\"partial\""))
    }

    @Test("A job waiting on a backhaul job the deadline kept from running is 'not run' too, naming it")
    func waitingJobCutShort() throws {
        let folder = try temporaryFolder("batch-deadline-chain")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try writeSitesGrid(into: folder)
        try """
            jobs:
              - {id: hops, type: backhaul, terrain: \(terrain), sites: \(sites), within_km: 3, hub_field: fibre}
              - {id: outages, type: evaluate, terrain: \(terrain), population: \(terrain), sites: \(sites), backhaul_from: hops}
            """.write(toFile: folder + "/manifest.yaml", atomically: true, encoding: .utf8)
        let records = try BatchRunner.run(try Manifest.load(folder + "/manifest.yaml"), limits: RunLimits(deadline: Deadline(seconds: 0)))
        #expect(records.map(\.status) == [JobRecord.notRun, JobRecord.notRun])
        #expect(records[1].error == "needs the results of job 'hops', which did not finish", "\(records)")
    }
}
