import Foundation
import Propagation
import TestSupport
import Testing

@Suite("Clutter around the handset in footprints and paths (ITU-R P.2108 §3.1)")
struct HandsetClutterRunTests {
    /// A footprint run's summary and each site's power, of the two NH sites on N44W072 (900 and 1800 MHz).
    func footprint(_ folder: String, _ options: [String]) throws -> (summary: [String: Any], powers: [String: [Float]]) {
        let result = try runProgram(phusongExecutable, [
            "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", Fixtures.path("sites/nh_two_sites.geojson"),
            "--out", folder,
        ] + options)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as? [String: Any])
        let powers = try Dictionary(uniqueKeysWithValues: ["NH-1", "NH-2"].map { ($0, try rasterValues(folder + "/sites/\($0).tif")) })
        return (summary, powers)
    }

    @Test("""
        A handset 1.5 m up among urban buildings 15 m tall receives in every cell what a handset at 15 m receives less \
        P.2108's loss at its site's frequency — with ITM on exact profiles and P.526 on the sweep; summary.json gives \
        the clutter, the model's height and each site's loss; a handset above the clutter loses nothing
        """, .enabled(if: SharedData.isAvailable, SharedData.absence))
    func footprints() throws {
        let folder = try temporaryFolder("handset-clutter")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let urban = HandsetClutter(kind: .urban)
        for (model, radius) in [("itm", "2"), ("p526", "3")] {
            let common = ["--model", model, "--radius-km", radius]
            let among = try footprint(folder + "/among-\(model)", common + ["--handset-clutter", "urban"])
            let above = try footprint(folder + "/above-\(model)", common + ["--receiver-height-m", "15"])
            let settings = try #require(among.summary["settings"] as? [String: Any])
            #expect(settings["handset_clutter"] as? String == "urban" && settings["handset_clutter_height_m"] as? Double == 15)
            #expect(settings["handset_street_width_m"] as? Double == 27 && settings["model_receiver_height_m"] as? Double == 15)
            #expect(among.summary["receiver_height_m"] as? Double == 1.5)
            let areas = try #require(among.summary["site_areas"] as? [[String: Any]])
            for (site, frequency) in [("NH-1", 900.0), ("NH-2", 1_800)] {
                let loss = urban.lossDB(frequencyMHz: frequency, handsetHeight: 1.5)
                let area = try #require(areas.first { $0["id"] as? String == site })
                #expect(abs((area["handset_clutter_loss_db"] as? Double ?? 0) - loss) < 1e-9)
                let (low, high) = (try #require(among.powers[site]), try #require(above.powers[site]))
                #expect(low.count == high.count && low.filter { !$0.isNaN }.count > 1_000)
                for (a, b) in zip(low, high) {
                    #expect(a.isNaN == b.isNaN)
                    if !a.isNaN { #expect(abs(Double(b - a) - loss) < 1e-3, "\(model) \(site): \(a) among, \(b) above") }
                }
            }
            #expect((above.summary["settings"] as? [String: Any])?["handset_clutter"] == nil)
        }
        let tall = ["--model", "itm", "--radius-km", "2", "--receiver-height-m", "20"]
        let overTop = try footprint(folder + "/over-top", tall + ["--handset-clutter", "urban"])
        let plain = try footprint(folder + "/plain", tall)
        #expect(overTop.powers["NH-1"]?.elementsEqual(plain.powers["NH-1"] ?? [], by: { $0 == $1 || ($0.isNaN && $1.isNaN) }) == true)
        let nh1 = try #require((overTop.summary["site_areas"] as? [[String: Any]])?.first)
        #expect(nh1["handset_clutter_loss_db"] as? Double == 0)
    }

    @Test("path takes the receiver at the clutter's top and adds P.2108's loss: the loss at that height plus A_h, given among the components with the model's height; the receiver's own height stays in the report",
          .enabled(if: SharedData.isAvailable, SharedData.absence))
    func paths() throws {
        let base = [
            "path", "--model", "itm", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--from", "44.5,-71.5", "--to", "44.45,-71.42",
            "--frequency-mhz", "900",
        ]
        func report(_ options: [String]) throws -> [String: Any] {
            let result = try runProgram(phusongExecutable, base + options)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
        let among = try report(["--handset-clutter", "trees"]), above = try report(["--rx-height-m", "15"])
        let loss = HandsetClutter(kind: .trees).lossDB(frequencyMHz: 900, handsetHeight: 1.5)
        let components = try #require(among["components"] as? [String: Double])
        #expect(abs((components["handset_clutter_loss_db"] ?? 0) - loss) < 1e-9 && components["model_receiver_height_m"] == 15)
        #expect(abs((among["loss_db"] as? Double ?? 0) - (above["loss_db"] as? Double ?? 0) - loss) < 1e-9)
        #expect((among["to"] as? [String: Any])?["antenna_m"] as? Double == 1.5)
    }

    @Test("""
        The clutter is refused outside 30 MHz–3 GHz naming the site, exit 1 and no summary, and taken with a warning when \
        extrapolation is allowed; refused before any work with Hata's family and 3GPP's scenarios, beside --clutter, \
        for a handset on the ground, with its sizes alone or out of range, with an unknown kind, in path's --cases and \
        in candidates without footprints
        """)
    func refusals() throws {
        let folder = try temporaryFolder("handset-clutter-refusals")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = try writeLevelPlain(in: folder), sites = folder + "/sites.csv"
        try "id,lat,lon,technology,frequency_mhz,height_m,eirp_dbm\nN78,22.55,106.15,5G,3500,30,40\n".write(toFile: sites, atomically: true, encoding: .utf8)
        let run = ["footprint", "--terrain", plain, "--sites", sites, "--model", "fspl", "--radius-km", "1", "--resolution-m", "100", "--handset-clutter", "suburban"]
        let problem = "suburban clutter around the handset (P.2108): frequency 3500 MHz is outside 30–3000 MHz"
        let refused = try runProgram(phusongExecutable, run + ["--out", folder + "/refused"])
        #expect(refused.status == 1 && refused.stderr.contains("N78") && refused.stderr.contains(problem), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/refused/summary.json"))
        let allowed = try runProgram(phusongExecutable, run + ["--out", folder + "/allowed", "--allow-extrapolation"])
        let summary = try? String(contentsOfFile: folder + "/allowed/summary.json", encoding: .utf8)
        #expect(allowed.status == 0 && summary?.contains(problem + " (extrapolated)") == true, "\(allowed.stderr)")

        let base = ["footprint", "--terrain", "/nonexistent.hgt", "--sites", "/nonexistent.csv", "--out", "/nonexistent/out"]
        for (options, fault) in [
            (["--model", "hata", "--handset-clutter", "urban"], "hata: its formula holds the clutter around the handset already"),
            (["--model", "uma", "--handset-clutter", "urban"], "uma: its formula holds the clutter around the handset already"),
            (["--handset-clutter", "trees", "--clutter", "lc.tif", "--clutter-losses", "lc.csv"], "--handset-clutter and --clutter both price"),
            (["--handset-clutter", "open", "--receiver-height-m", "0"], "--handset-clutter needs the handset above the ground"),
            (["--handset-clutter-height-m", "12"], "--handset-clutter-height-m goes with --handset-clutter"),
            (["--handset-clutter", "urban", "--handset-street-width-m", "0.5"], "--handset-street-width-m must be within 1–100 m"),
            (["--handset-clutter", "forest"], "--handset-clutter"),
        ] {
            let result = try runProgram(phusongExecutable, base + options)
            #expect(result.status == 64 && result.stderr.contains(fault), "\(options): \(result.stderr)")
        }
        let cases = try runProgram(phusongExecutable, ["path", "--model", "itm-area", "--cases", "/nonexistent.csv", "--handset-clutter", "urban"])
        #expect(cases.status == 64 && cases.stderr.contains("--handset-clutter works with a terrain path"), "\(cases.stderr)")
        let candidates = try runProgram(phusongExecutable, [
            "candidates", "--terrain", "/nonexistent.hgt", "--population", "/nonexistent.geojson", "--out", "/nonexistent/c.csv",
            "--reach-by", "distance", "--handset-clutter", "urban",
        ])
        #expect(candidates.status == 64 && candidates.stderr.contains("--handset-clutter needs --reach-by footprint"), "\(candidates.stderr)")
    }
}
