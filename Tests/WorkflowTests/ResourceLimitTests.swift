import Coverage
import Foundation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Memory cap and time limit", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct ResourceLimitTests {
    let terrain = SharedData.path("terrain/N44W072.hgt")

    /// The two New Hampshire sites over N44W072 at `resolution` metres, into `out`.
    func twoSites(radius: Double, resolution: Double, out: String) -> FootprintRequest {
        FootprintRequest(
            terrainPath: terrain, sitesPath: Fixtures.path("sites/nh_two_sites.csv"), outputDirectory: out,
            parameters: CoverageParameters(radius: radius), resolution: resolution
        )
    }

    @Test("A grid beyond the memory cap is refused before loading, with the estimate; nothing is written")
    func memoryCap() throws {
        let folder = try temporaryFolder("memory")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var request = twoSites(radius: 30_000, resolution: 30, out: folder + "/out")
        request.limits.memoryBytes = 100 << 20
        let error = try #require(throws: InputError.self) { try FootprintJob.run(request) }
        #expect(error.path == terrain)
        #expect(error.reason.contains("needs about") && error.reason.contains("over the memory limit of 100 MiB"), "\(error.reason)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))

        // A resolution no integer can count the cells of is refused the same way, not trapped on.
        request.limits = RunLimits()
        request.resolution = 1e-30
        let absurd = try #require(throws: InputError.self) { try FootprintJob.run(request) }
        #expect(absurd.reason.contains("e+34 cells"), "\(absurd.reason)")

        // The same run fits under the default cap (half of physical memory).
        let estimate = MemoryBudget().estimate(gridCells: 2_300 * 2_400, sourceCells: 2_300 * 2_400 / 4, windowCells: 2_001 * 2_001)
        #expect(MemoryBudget().allows(estimate))
    }

    @Test("A radius shorter than two cells is refused before loading, naming the terrain and both options; nothing is written")
    func radiusShorterThanTwoCells() throws {
        let folder = try temporaryFolder("shortradius")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 20 km cells on a 30 km radius: nine cells of 400 km² each, 3,600 km² for a disc of 2,827 km².
        var request = twoSites(radius: 30_000, resolution: 20_000, out: folder + "/out")
        let coarse = try #require(throws: InputError.self) { try FootprintJob.run(request) }
        #expect(coarse.path == terrain)
        #expect(coarse.reason == "a radius of 30 km is shorter than 2 cells of 20000.0 m: lower --resolution-m (resolution_m) or raise --radius-km (radius_km)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))

        // Two cells exactly are enough.
        request.resolution = 15_000
        #expect(try FootprintJob.run(request).siteAreas.count == 2)

        // At the DEM's own 3″ spacing (92.7 m), through the command: 0.1 km is about one cell.
        let run = try runProgram(phusongExecutable, [
            "footprint", "--terrain", terrain, "--sites", request.sitesPath, "--out", folder + "/cli", "--radius-km", "0.1",
        ])
        #expect(run.status == 1 && run.stderr.contains("a radius of 0.1 km is shorter than 2 cells of 92.7 m"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/cli"))
    }

    @Test("--time-limit: sites started before the deadline are written, the rest listed; outputs marked partial")
    func footprintCutShort() throws {
        let folder = try temporaryFolder("deadline")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var request = FootprintRequest(
            terrainPath: terrain, sitesPath: try writeSitesGrid(into: folder), outputDirectory: folder + "/out",
            parameters: CoverageParameters(radius: 3_000)
        )
        let deadline = Deadline(seconds: 1)
        request.limits.deadline = deadline
        // The first site to finish waits for the deadline: only the sites already under way finish after it.
        let summary = try FootprintJob.run(request) { progress in
            guard case let .sites(done, _) = progress, done > 0 else { return }
            while !deadline.hasPassed { usleep(10_000) }
        }
        let partial = try #require(summary.partial)
        #expect(partial.reason == "time limit of 1 s reached")
        #expect((1..<12).contains(partial.sitesDone))
        #expect(partial.sitesDone + partial.sitesSkipped.count == 12)
        #expect(summary.siteAreas.count == partial.sitesDone)
        #expect(Set(summary.siteAreas.map(\.id)).isDisjoint(with: partial.sitesSkipped))
        let written = try FileManager.default.contentsOfDirectory(atPath: folder + "/out/sites")
        #expect(written.filter { $0.hasSuffix(".tif") }.count == partial.sitesDone && written.count == 2 * partial.sitesDone, "\(written)")
        let json = try String(contentsOfFile: folder + "/out/summary.json", encoding: .utf8)
        #expect(json.contains("\"sites_skipped\""))
        let info = try runProgram("gdalinfo", [folder + "/out/coverage.tif"])
        #expect(info.stdout.contains("PHUSONG_PARTIAL=YES"))

        // Through the command: the same marking, a PARTIAL line and exit status 3.
        let run = try runProgram(phusongExecutable, [
            "footprint", "--terrain", terrain, "--sites", request.sitesPath, "--out", folder + "/cli", "--radius-km", "3",
            "--model", "itm", "--time-limit", "0.000001",
        ])
        #expect(run.status == 1 && run.stderr.contains("before any site was computed; nothing written"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/cli"))
    }
}
