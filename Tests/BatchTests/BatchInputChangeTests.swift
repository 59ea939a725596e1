import Foundation
import TestSupport
import Testing

/// A batch re-run keeps a finished job only while nothing it reads has changed: the files a claim names, a
/// Shapefile's attribute table, the antenna patterns its sites name.
@Suite("phusong batch: inputs behind inputs", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct BatchInputChangeTests {
    /// The `job_finished` events of a batch run (jobs skipped as finished earlier have none).
    func finishedJobs(_ manifest: String, out: String, executable: String = phusongExecutable) throws -> [[String: Any]] {
        let result = try runProgram(executable, ["batch", manifest, "--out", out, "--log-format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stderr.split(separator: "\n").compactMap { line in
            guard let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                event["event"] as? String == "job_finished"
            else { return nil }
            return event
        }
    }

    /// Ids of the jobs a batch run finished (rather than skipped).
    func jobsRun(_ manifest: String, out: String) throws -> [String] {
        try finishedJobs(manifest, out: out).compactMap { $0["id"] as? String }.sorted()
    }

    /// Writes `sites` (id, height, antenna file) as a GeoJSON FeatureCollection of sites in Bát Xát.
    func writeSites(_ sites: [(id: String, height: Int, antenna: String?)], to path: String) throws {
        let features = sites.enumerated().map { index, site in
            let radio = site.antenna.map { #""tx_power_dbm": 43, "antenna_file": "\#($0)", "azimuth_deg": 120"# } ?? #""eirp_dbm": 60"#
            return #"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [\#(103.85 + 0.02 * Double(index)), 22.52]}, "#
                + #""properties": {"id": "\#(site.id)", "height_m": \#(site.height), "technology": "2G", \#(radio)}}"#
        }
        try #"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ",\n"))]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("Editing a claim's sites, an antenna pattern they name or a Shapefile's .dbf (its .shp unchanged) reruns just the jobs that read it; verification.json lists them all")
    func rerunsWhatReadsAChangedFile() throws {
        let folder = try temporaryFolder("batch-inputs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pattern = folder + "/sector.msi"
        let original = try String(contentsOfFile: Fixtures.path("antennas/sector65_900mhz_tilt2.msi"), encoding: .utf8)
        try original.write(toFile: pattern, atomically: true, encoding: .utf8)
        try writeSites([("LC-1", 30, "sector.msi")], to: folder + "/claimed.geojson")
        func writeShapefile(height: Int) throws {
            try writeSites([("M-1", height, nil), ("M-2", 25, nil)], to: folder + "/masts.geojson")
            let converted = try runProgram("ogr2ogr", ["-overwrite", "-f", "ESRI Shapefile", folder + "/masts.shp", folder + "/masts.geojson"])
            try #require(converted.status == 0, "ogr2ogr failed: \(converted.stderr)")
        }
        try writeShapefile(height: 30)
        let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif")
        try writeBatXatClaim(into: folder, sites: "claimed.geojson", radiusKm: 3, maxVoidFraction: 0.9, percent: 1, tolerance: 100)
        let manifest = folder + "/manifest.yaml"
        try """
            name: inputs behind inputs
            jobs:
              - {id: masts, type: evaluate, terrain: \(terrain), sites: masts.shp, model: los, radius_km: 3, resolution_m: 90, max_void_fraction: 0.9}
              - {id: claim, type: verify, claim: claim.json}
            """.write(toFile: manifest, atomically: true, encoding: .utf8)
        let out = folder + "/out"

        #expect(try jobsRun(manifest, out: out) == ["claim", "masts"])
        #expect(try jobsRun(manifest, out: out) == [], "nothing changed")

        let shape = try Data(contentsOf: URL(fileURLWithPath: folder + "/masts.shp"))
        try writeShapefile(height: 31)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/masts.shp")) == shape, "the geometry file is the same")
        #expect(try jobsRun(manifest, out: out) == ["masts"], "the heights in masts.dbf changed")

        try original.replacingOccurrences(of: "GAIN 15.9 dBd", with: "GAIN 14.9 dBd").write(toFile: pattern, atomically: true, encoding: .utf8)
        #expect(try jobsRun(manifest, out: out) == ["claim"], "the claimed site's antenna pattern changed")

        try writeSites([("LC-1", 40, "sector.msi")], to: folder + "/claimed.geojson")
        #expect(try jobsRun(manifest, out: out) == ["claim"], "the claim's sites changed, the claim itself did not")

        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/jobs/claim/verification.json"))) as? [String: Any]
        )
        // A side-car .aux.xml beside the shared DEM, where GDAL keeps statistics, would be listed as well.
        let inputs = (report["inputs"] as? [[String: Any]] ?? []).compactMap { ($0["path"] as? String).map { ($0 as NSString).lastPathComponent } }
            .filter { !$0.hasSuffix(".aux.xml") }
        #expect(inputs == ["claim.json", "batxat_copernicus_glo30.tif", "claimed.geojson", "sector.msi", "laocai_communes_census2009.geojson"])
    }

    @Test("Another build of phusong (the same binary with a byte appended) recomputes every job and footprint, removing the other build's cached footprints, and finds its own again; a changed outputs list rebuilds the job")
    func buildAndOutputsInTheKey() throws {
        let folder = try temporaryFolder("batch-build")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let other = folder + "/phusong-other"
        var binary = try Data(contentsOf: URL(fileURLWithPath: phusongExecutable))
        binary.append(0)
        try binary.write(to: URL(fileURLWithPath: other))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: other)
        try "id,lat,lon,height_m,eirp_dbm,technology\nBX-1,22.53,103.88,30,60,2G\n".write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        let manifest = folder + "/manifest.yaml"
        try """
            jobs:
              - {id: one, type: evaluate, terrain: \(SharedData.path("terrain/batxat_copernicus_glo30.tif")), sites: sites.csv, model: los, radius_km: 3, resolution_m: 90, max_void_fraction: 0.9}
            """.write(toFile: manifest, atomically: true, encoding: .utf8)
        let out = folder + "/out"
        let computed = { (events: [[String: Any]]) in events.map { $0["footprints_computed"] as? Int ?? -1 } }

        let cache = out + "/cache/footprints"
        #expect(computed(try finishedJobs(manifest, out: out)) == [1])
        #expect(computed(try finishedJobs(manifest, out: out)) == [], "the same build: finished earlier")
        let first = try FileManager.default.contentsOfDirectory(atPath: cache)
        try Data().write(to: URL(fileURLWithPath: cache + "/0123abcd.footprint"))  // an entry as builds before 35 kept them
        #expect(computed(try finishedJobs(manifest, out: out, executable: other)) == [1], "another build: the job and its footprint again")
        #expect(computed(try finishedJobs(manifest, out: out, executable: other)) == [], "that build again: finished earlier")
        let second = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(first.count == 1 && second.count == 1 && first != second, "each build keeps only its own footprints: \(first), \(second)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache + "/" + second[0]).count == 1)

        // Keeping fewer outputs, then all again: the job folder always holds what the manifest asks for.
        let all = try FileManager.default.contentsOfDirectory(atPath: out + "/jobs/one").sorted()
        try String(contentsOfFile: manifest, encoding: .utf8).replacingOccurrences(of: "}", with: ", outputs: [json]}")
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        #expect(computed(try finishedJobs(manifest, out: out, executable: other)) == [0], "rebuilt from the cached footprint")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/jobs/one") == ["summary.json"])
        try String(contentsOfFile: manifest, encoding: .utf8).replacingOccurrences(of: ", outputs: [json]}", with: "}")
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        #expect(computed(try finishedJobs(manifest, out: out, executable: other)) == [0])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/jobs/one").sorted() == all)
    }

    @Test("A layer named after a GeoPackage in a manifest and in a claim: the jobs read that layer, a re-run keeps them, naming another layer reruns the job, and the reports list the file")
    func namedLayers() throws {
        let folder = try temporaryFolder("batch-layers")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, sites) in [("north", [("N-1", 30, nil), ("N-2", 25, nil)]), ("south", [("S-1", 35, nil as String?)])] {
            try writeSites(sites, to: folder + "/\(name).geojson")
            let update = name == "north" ? [] : ["-update"]
            let converted = try runProgram("ogr2ogr", update + ["-f", "GPKG", "-nln", name, folder + "/masts.gpkg", folder + "/\(name).geojson"])
            try #require(converted.status == 0, "ogr2ogr failed: \(converted.stderr)")
        }
        try writeBatXatClaim(into: folder, sites: "masts.gpkg|layername=south", radiusKm: 3, maxVoidFraction: 0.9, percent: 1, tolerance: 100)
        let manifest = folder + "/manifest.yaml"
        func writeManifest(layer: String) throws {
            try """
                jobs:
                  - {id: masts, type: evaluate, terrain: \(SharedData.path("terrain/batxat_copernicus_glo30.tif")), sites: "masts.gpkg|layername=\(layer)", model: los, radius_km: 3, resolution_m: 90, max_void_fraction: 0.9}
                  - {id: claim, type: verify, claim: claim.json}
                """.write(toFile: manifest, atomically: true, encoding: .utf8)
        }
        func siteIDs() throws -> [String] {
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/jobs/masts/summary.json"))) as? [String: Any]
            return (summary?["site_areas"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        let out = folder + "/out"
        try writeManifest(layer: "north")
        #expect(try jobsRun(manifest, out: out) == ["claim", "masts"])
        #expect(try siteIDs() == ["N-1", "N-2"])
        #expect(try jobsRun(manifest, out: out) == [], "nothing changed")
        try writeManifest(layer: "south")
        #expect(try jobsRun(manifest, out: out) == ["masts"], "another layer of the same file")
        #expect(try siteIDs() == ["S-1"])

        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/jobs/claim/verification.json"))) as? [String: Any]
        let inputs = (report?["inputs"] as? [[String: Any]] ?? []).compactMap { ($0["path"] as? String).map { ($0 as NSString).lastPathComponent } }
        #expect(inputs.contains("masts.gpkg") && !inputs.contains { $0.contains("|") }, "\(inputs)")
    }
}
