import Foundation
import FuzzTargets
import TestSupport
import Testing

/// The fuzz targets' smoke run: every parser of ours takes 1,000 mutations of its seeds (seeded, so a crash
/// reproduces) and must return or throw its typed error; `make fuzz` runs libFuzzer for longer.
@Suite("Fuzz smoke runs")
struct FuzzSmokeTests {
    @Test("1,000 mutated inputs per parser: no crash, no hang", arguments: FuzzTarget.allCases)
    func smoke(target: FuzzTarget) throws {
        let seeds = try target.seeds.map { try Data(contentsOf: SharedData.packageRoot.appendingPathComponent($0)) }
        #expect(!seeds.isEmpty && seeds.allSatisfy { !$0.isEmpty }, "seeds of \(target.rawValue)")
        let folder = try temporaryFolder("fuzz-\(target.rawValue)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let started = Date()
        MutationHarness(target: target, seeds: seeds).run(count: 1_000, seed: 20_261_130, in: folder)
        #expect(Date().timeIntervalSince(started) < 120, "1,000 executions of \(target.rawValue) must not take minutes")
    }
}
