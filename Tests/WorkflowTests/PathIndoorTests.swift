import Foundation
import Propagation
import TestSupport
import Testing

extension PathCommandTests {
    @Test("""
        path --indoor-penetration adds the building's loss at the link's frequency and, at 90 % of locations, joins its \
        spread to the model's: Okumura's for Hata, the table's for rma, ITM's own σL per path; --indoor-loss-db adds one \
        figure; both with --cases are refused
        """, .enabled(if: SharedData.isAvailable, SharedData.absence))
    func indoorPath() throws {
        let path = [
            "path", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--from", "44.45,-71.45", "--to", "44.47,-71.42",
            "--frequency-mhz", "1800", "--tx-height-m", "30", "--allow-extrapolation",
        ]
        func report(_ extra: [String]) throws -> (loss: Double, components: [String: Double]) {
            let result = try run(path + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return (try #require(json["loss_db"] as? Double), try #require(json["components"] as? [String: Double]))
        }
        let building = BuildingPenetration(walls: .lowLoss), wall = building.lossDB(frequencyMHz: 1_800)
        let z = LocationVariability.marginDB(percent: 90, sigma: 1), indoors = ["--indoor-penetration", "3gpp-low"]
        for model in ["hata", "rma"] {
            let outside = try report(["--model", model, "--location", "90"]), inside = try report(["--model", model, "--location", "90"] + indoors)
            let sigma = try #require(outside.components["location_sigma_db"]), joined = (sigma * sigma + 4.4 * 4.4).squareRoot()
            #expect(abs((inside.components["indoor_loss_db"] ?? 0) - wall) < 1e-9 && abs((inside.components["location_sigma_db"] ?? 0) - joined) < 1e-9)
            #expect(abs(inside.loss - (outside.loss - sigma * z + wall + joined * z)) < 1e-9, "\(model): \(inside) against \(outside)")
        }
        let median = try report(["--model", "itm"]), outside = try report(["--model", "itm", "--location", "90"])
        let inside = try report(["--model", "itm", "--location", "90"] + indoors)
        let terrainSigma = (outside.loss - median.loss) / z
        #expect(terrainSigma > 0 && terrainSigma < 10 && outside.components["indoor_loss_db"] == nil)
        let expected = median.loss + wall + (terrainSigma * terrainSigma + 4.4 * 4.4).squareRoot() * z
        #expect(abs(inside.loss - expected) < 1e-4, "ITM: \(inside.loss) dB, expected \(expected)")
        // P.2109's building loses more as the path arrives steeper: the receiver's elevation, from the ends' heights and
        // the flat-earth drop at 4/3 of the earth's radius, sets its median.
        let entry = try run(path + ["--model", "fspl", "--indoor-penetration", "p2109-traditional", "--rx-height-m", "1.5"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(entry.stdout.utf8)) as? [String: Any])
        let (from, to) = (try #require(json["from"] as? [String: Double]), try #require(json["to"] as? [String: Double]))
        let length = try #require((json["profile"] as? [String: Any])?["length_m"] as? Double)
        let rise = from["ground_m"]! + from["antenna_m"]! - to["ground_m"]! - to["antenna_m"]! - EarthModel(kFactor: 4.0 / 3).drop(atDistance: length)
        let elevation = atan2(rise, length) * 180 / .pi, components = try #require(json["components"] as? [String: Double])
        let steep = BuildingEntryLoss(.traditional).lossDB(frequencyMHz: 1_800, percent: 50, elevationDegrees: elevation)
        #expect(abs((components["receiver_elevation_deg"] ?? .nan) - elevation) < 1e-9 && abs(elevation) > 0.5, "\(components)")
        #expect(abs((components["indoor_loss_db"] ?? 0) - steep) < 1e-9 && steep > BuildingEntryLoss(.traditional).lossDB(frequencyMHz: 1_800, percent: 50))
        #expect(inside.components["receiver_elevation_deg"] == nil)
        let flat = try report(["--model", "itm", "--indoor-loss-db", "12"])
        #expect(abs(flat.loss - (median.loss + 12)) < 1e-9 && flat.components["indoor_loss_db"] == 12)
        let reference = SharedData.path("reference/itm/")
        for (option, value) in [("--indoor-penetration", "3gpp-high"), ("--indoor-loss-db", "10")] {
            let refused = try run(["path", "--model", "itm", "--cases", reference + "p2p.csv", "--profiles", reference + "pfls.csv", option, value])
            #expect(refused.status == 64 && refused.stderr.contains("\(option) works with a terrain path, not with --cases"), "\(refused.stderr)")
        }
    }
}
