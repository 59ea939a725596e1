import Foundation
import TestSupport
import Testing

extension PathCommandTests {
    @Test("""
        path --calibration takes a drive test's correction off the loss at the path's length, as footprints add it to \
        their power: a 4G row's offset and slope (held at its farther end beyond it), the row for all for 3G and without \
        --technology; a file without the row, a file fitted for another model, --calibration with --cases, --technology \
        without --calibration or unknown, are refused
        """, .enabled(if: SharedData.isAvailable, SharedData.absence))
    func calibratedPath() throws {
        let folder = try temporaryFolder("path-calibration")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/calibration.csv"
        try "model,technology,offset_db,slope_db_per_decade,from_km,to_km\nitm,4G,-6,3,0.5,5\nitm,all,2.5,,,\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let path = ["path", "--model", "itm", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--from", "44.45,-71.45", "--to", "44.50,-71.30"]
        func report(_ extra: [String]) throws -> (loss: Double, calibration: Double?, lengthKm: Double) {
            let result = try run(path + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let length = try #require((json["profile"] as? [String: Any])?["length_m"] as? Double)
            return (try #require(json["loss_db"] as? Double), (json["components"] as? [String: Double])?["calibration_db"], length / 1_000)
        }
        let plain = try report([])
        #expect(plain.calibration == nil && plain.lengthKm > 5, "the path is longer than the 4G row's 5 km")
        let lte = try report(["--calibration", file, "--technology", "4G"])
        #expect(abs((lte.calibration ?? 0) - (-6 + 3 * log10(5.0))) < 1e-9 && abs(lte.loss - (plain.loss + 6 - 3 * log10(5.0))) < 1e-9, "\(lte)")
        let near = try report(["--calibration", file, "--technology", "4G", "--to", "44.47,-71.42"])
        let nearPlain = try report(["--to", "44.47,-71.42"])
        let expected = -6 + 3 * log10(nearPlain.lengthKm)
        let nearCalibration = try #require(near.calibration)
        #expect(nearPlain.lengthKm > 0.5 && nearPlain.lengthKm < 5 && abs(nearCalibration - expected) < 1e-9, "\(nearPlain)")
        #expect(abs(near.loss - (nearPlain.loss - expected)) < 1e-9)
        for extra in [["--technology", "3G"], []] {
            let all = try report(["--calibration", file] + extra)
            #expect(abs((all.calibration ?? 0) - 2.5) < 1e-9 && abs(all.loss - (plain.loss - 2.5)) < 1e-9, "\(extra)")
        }
        try "model,technology,offset_db\nitm,4G,3\n".write(toFile: folder + "/lte.csv", atomically: true, encoding: .utf8)
        try "model,technology,offset_db\nhata,all,3\n".write(toFile: folder + "/hata.csv", atomically: true, encoding: .utf8)
        let reference = SharedData.path("reference/itm/")
        for (arguments, status, message) in [
            (path + ["--calibration", folder + "/lte.csv"], Int32(1), "lte.csv: no correction for all technologies (a row 'all'; or give --technology) (its rows: 4G)"),
            (path + ["--calibration", folder + "/lte.csv", "--technology", "2G"], 1, "lte.csv: no correction for 2G (its rows: 4G)"),
            (path + ["--calibration", folder + "/hata.csv"], 1, "hata.csv: line 2: fitted for hata, but the run's model is itm"),
            (path + ["--technology", "4G"], 64, "--technology needs --calibration"),
            (path + ["--calibration", file, "--technology", "6G"], 64, "--technology must be one of"),
            (["path", "--model", "itm", "--cases", reference + "p2p.csv", "--profiles", reference + "pfls.csv", "--calibration", file], 64,
             "--calibration works with a terrain path, not with --cases"),
        ] {
            let refused = try run(arguments)
            #expect(refused.status == status && refused.stderr.contains(message) && refused.stdout.isEmpty, "\(refused.stderr)")
        }
    }
}
