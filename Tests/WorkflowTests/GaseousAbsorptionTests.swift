import Foundation
import Propagation
import TestSupport
import Testing
import Workflows

@Suite("Gaseous absorption in phusong path's and backhaul's link budgets (ITU-R P.676-13 in P.835-6's air)")
struct GaseousAbsorptionTests {
    func run(_ arguments: [String]) throws -> ProgramOutput { try runProgram(phusongExecutable, arguments) }

    /// 35 m masts 20 km apart over the plain 200 m up, at 23 GHz, 58 dBm EIRP over a −70 dBm threshold.
    func hop(over terrain: String, _ extra: [String] = []) -> [String] {
        [
            "path", "--model", "fspl", "--terrain", terrain, "--from", "22.6,106.1", "--to", "22.6,106.3", "--tx-height-m", "35",
            "--rx-height-m", "35", "--frequency-mhz", "23000", "--eirp-dbm", "58", "--threshold-dbm", "-70",
        ] + extra
    }

    func report(_ arguments: [String]) throws -> [String: Any] {
        let result = try run(arguments)
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("A 20 km hop at 23 GHz loses P.676's specific attenuation, in the air at its antennas' mean altitude, times the distance between the antennas: P.835's air by default; the water vapour and temperature given replace it, the pressure stays P.835's; the budget loses exactly that")
    func hopOverPlain() throws {
        let folder = try temporaryFolder("gaseous-plain")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = try writeLevelPlain(in: folder)
        var absorbed: [Double] = []
        for (extra, temperatureC, density) in [([], nil, nil), (["--water-vapour-g-m3", "19", "--air-temperature-c", "28"], 28.0, 19.0)] {
            let json = try report(hop(over: terrain, extra))
            let gas = try #require(json["gaseous_absorption"] as? [String: Any])
            func figure(_ name: String) -> Double { gas[name] as? Double ?? .nan }
            let altitude = 235.0, length = try #require((json["profile"] as? [String: Any])?["length_m"] as? Double)
            let temperature = temperatureC.map { $0 + 273.15 } ?? ReferenceAtmosphere.temperatureK(altitude: altitude)
            let vapour = density ?? ReferenceAtmosphere.waterVapourDensity(altitude: altitude)
            let air = AirConditions(
                temperatureK: temperature, dryPressureHPa: ReferenceAtmosphere.pressureHPa(altitude: altitude) - vapour * temperature / 216.7,
                waterVapourDensity: vapour
            )
            #expect(figure("altitude_m") == altitude && abs(figure("temperature_c") - (temperature - 273.15)) < 1e-9)
            #expect(figure("water_vapour_g_m3") == vapour && abs(figure("dry_pressure_hpa") - air.dryPressureHPa) < 1e-9)
            let specific = GaseousAttenuation(frequencyGHz: 23, air: air)
            #expect(abs(figure("oxygen_db_per_km") - specific.oxygen) < 1e-12 && abs(figure("water_vapour_db_per_km") - specific.waterVapour) < 1e-12)
            #expect(abs(figure("db") - specific.total * length / 1_000) < 1e-9, "equal masts: the antennas are the profile's length apart")
            let budget = try #require(json["link_budget"] as? [String: Any])
            let loss = try #require(json["loss_db"] as? Double)
            #expect(budget["gaseous_absorption_db"] as? Double == figure("db"))
            #expect(abs((budget["received_power_dbm"] as? Double ?? .nan) - (58 - loss - figure("db"))) < 1e-9)
            absorbed.append(figure("db"))
        }
        // P.835 puts 6.7 g/m³ at 235 m; 19 g/m³ at 28 °C, humid tropical air, absorbs over two and a half times as much at 23 GHz.
        #expect(absorbed[0] > 3 && absorbed[0] < 4.5 && absorbed[1] > 2.5 * absorbed[0], "\(absorbed)")
    }

    @Test("A hop above P.835's first layer (a DEM in error: none stands 11 km up) takes the air at its top, not formulas past their range")
    func aboveTheFirstLayer() throws {
        let top = HopAtmosphere.reference.absorption(frequencyMHz: 23_000, altitude: 11_019.1, lengthM: 10_000)
        for altitude in [20_000.0, 45_000, 1e9] {
            let high = HopAtmosphere.reference.absorption(frequencyMHz: 23_000, altitude: altitude, lengthM: 10_000)
            #expect(high.db.isFinite && abs(high.db - top.db) < 1e-6 && high.altitudeM == altitude, "\(high)")
        }
    }

    @Test("Air no hop crosses is refused naming the option or the field; the options work with a terrain path only")
    func refusals() throws {
        let folder = try temporaryFolder("gaseous-refusals")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = try writeLevelPlain(in: folder)
        for (extra, fault) in [
            (["--water-vapour-g-m3", "-1"], "--water-vapour-g-m3 must be within 0–100 g/m³"),
            (["--air-temperature-c", "75"], "--air-temperature-c must be within −80–60 °C"),
        ] {
            let refused = try run(hop(over: terrain, extra))
            #expect(refused.status == 64 && refused.stderr.contains(fault) && refused.stdout.isEmpty, "\(extra): \(refused.stderr)")
        }
        let cases = try run(["path", "--model", "itm", "--cases", "p2p.csv", "--profiles", "pfls.csv", "--water-vapour-g-m3", "15"])
        #expect(cases.status == 64 && cases.stderr.contains("--water-vapour-g-m3 works with a terrain path, not with --cases"))
    }

    @Test("backhaul gives each hop the absorption and received power `phusong path` gives it, in the air given")
    func backhaulColumn() throws {
        let folder = try temporaryFolder("gaseous-backhaul")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = try writeLevelPlain(in: folder)
        let sites = folder + "/sites.csv"
        try "id,latitude,longitude,height_m,technology,frequency_mhz,eirp_dbm\nA,22.6,106.1,35,4G,7000,58\nB,22.6,106.3,35,4G,7000,58\n".write(toFile: sites, atomically: true, encoding: .utf8)
        let air = ["--water-vapour-g-m3", "19", "--air-temperature-c", "28"]
        let result = try run([
            "backhaul", "--terrain", terrain, "--sites", sites, "--within-km", "30", "--out", folder + "/out", "--model", "fspl",
            "--frequency-mhz", "23000", "--eirp-dbm", "58", "--threshold-dbm", "-70",
        ] + air)
        try #require(result.status == 0, "\(result.stderr)")
        let row = try #require(try csvTable(folder + "/out/hops.csv").first)
        let json = try report(hop(over: terrain, air))
        let gas = try #require((json["gaseous_absorption"] as? [String: Any])?["db"] as? Double)
        let received = try #require((json["link_budget"] as? [String: Any])?["received_power_dbm"] as? Double)
        #expect(abs(try #require(Double(row["gaseous_absorption_db"] ?? "")) - gas) <= 0.005, "\(row)")
        #expect(abs(try #require(Double(row["received_power_dbm"] ?? "")) - received) <= 0.005, "\(row)")
    }
}
