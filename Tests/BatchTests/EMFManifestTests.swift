import Batch
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Batch EMF jobs")
struct EMFManifestTests {
    /// A manifest of one EMF job (`job`'s fields) with a coverage scenario over the level plain, in `folder`.
    func load(_ job: String, in folder: String) throws -> Manifest {
        let plain = try writeLevelPlain(in: folder)
        try """
            name: exposure
            scenarios:
              province: {terrain: \(plain), population: \(plain), model: itm, radius_km: 5}
            jobs:
              - {id: masts, type: emf, \(job)}
            """.write(toFile: folder + "/manifest.yaml", atomically: true, encoding: .utf8)
        return try Manifest.load(folder + "/manifest.yaml")
    }

    @Test("""
        An EMF job takes the command's settings as fields and from its scenario the terrain alone; it runs as the command \
        does and reports its masts, those over the limit on the ground and the widest zone; faults name the field and the line
        """)
    func fieldsAndRun() throws {
        let folder = try temporaryFolder("emf-manifest")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = folder + "/sites.csv"
        // A 3G omni carrier of 1,000 W 10 m up (over the limit under it, 1.59) and one 30 m up 1 km north (0.13).
        try """
            id,lat,lon,height_m,technology,frequency_mhz,eirp_dbm,pilot_offset_db
            LOW,22.6,106.2,10,3G,2100,60,10
            HIGH,22.61,106.2,30,3G,2100,60,10

            """.write(toFile: sites, atomically: true, encoding: .utf8)
        let manifest = try load("scenario: province, sites: \(sites), limits: icnirp-public, radius_m: 50, person_height_m: 1.8", in: folder)
        guard case .emf(let request) = manifest.jobs[0].work else { Issue.record("expected an EMF job"); return }
        #expect(request.terrainPath == folder + "/plain.asc" && request.sitesPath == sites && request.limits == .icnirpPublic)
        #expect(request.radiusM == 50 && request.personHeightM == 1.8 && manifest.jobs[0].inputs == [request.terrainPath, sites])
        let run = try load("scenario: province, sites: \(sites)", in: folder), records = try BatchRunner.run(run)
        #expect(records.map(\.status) == ["done"], "\(records)")
        let rows = try csvRows(run.output + "/jobs/masts/emf.csv")
        #expect(rows["LOW"]?["compliant"] == "false" && rows["HIGH"]?["compliant"] == "true")
        let widest = rows.values.compactMap { Double($0["zone_reach_m"] ?? "") }.max()!
        #expect(records[0].figures == ["masts": .number(2), "masts_over_limit_on_ground": .number(1), "widest_zone_m": records[0].figures["widest_zone_m"]!])
        if case .number(let reach) = records[0].figures["widest_zone_m"] { #expect(abs(reach - widest) < 0.005) }
        for (job, fault) in [
            ("scenario: province, sites: \(sites), limits: fcc", "limits: unknown limits 'fcc' (one of vietnam, icnirp-public, icnirp-occupational)"),
            ("scenario: province, sites: \(sites), radius_m: 5", "radius_m: must lie within 10–1000 m"),
            ("scenario: province, sites: \(sites), person_height_m: 4", "person_height_m: must lie within 0–3 m"),
            ("scenario: province, sites: \(sites), model: itm", "model"),
            ("scenario: province", "sites: missing"),
        ] {
            let error = try #require(throws: InputError.self) { try load(job, in: folder) }
            #expect(error.reason.contains(fault) && error.path.hasSuffix("manifest.yaml:5"), "\(job): \(error.path): \(error.reason)")
        }
    }
}
