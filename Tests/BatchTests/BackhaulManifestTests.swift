import Batch
import Propagation
import Foundation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Batch backhaul jobs", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct BackhaulManifestTests {
    let terrain = SharedData.path("terrain/N44W072.hgt")

    func load(_ job: String, in folder: String) throws -> Manifest {
        let path = folder + "/manifest.yaml"
        try """
            name: backhaul
            scenarios:
              province: {terrain: \(terrain), population: \(terrain), model: itm, radius_km: 5, climate: 5}
            jobs:
              - {id: hops, type: backhaul, \(job)}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return try Manifest.load(path)
    }

    @Test("A backhaul job takes the command's settings as fields (the air's too), and from its scenario the terrain and radio climate alone; faults name the field and the line")
    func fields() throws {
        let folder = try temporaryFolder("backhaul-manifest")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try writeSitesGrid(into: folder)
        let manifest = try load(
            "scenario: province, sites: \(sites), within_km: 3, frequency_mhz: 13000, hub_field: fibre, tx_power_dbm: 18, tx_gain_dbi: 38, threshold_dbm: -68",
            in: folder
        )
        guard case .backhaul(let request) = manifest.jobs[0].work else { Issue.record("expected a backhaul job"); return }
        #expect(request.terrainPath == terrain && request.sitesPath == sites && request.hops == .within(km: 3))
        #expect(request.model == .p526 && request.frequencyMHz == 13_000 && request.environment.itm.climate == .continentalTemperate)
        #expect(request.budget == LinkBudgetSettings(eirpDBm: 56, thresholdDBm: -68) && request.hubField == "fibre")
        #expect(manifest.jobs[0].inputs == [terrain, sites] && manifest.jobs[0].type == "backhaul" && request.fading == nil)
        let climate = try load("scenario: province, sites: \(sites), within_km: 3, eirp_dbm: 56, threshold_dbm: -68, rain_rate_mm_h: 95, dn1: -450", in: folder)
        guard case .backhaul(let rainy) = climate.jobs[0].work else { Issue.record("expected a backhaul job"); return }
        #expect(rainy.fading == FadingClimate(rainRate001: 95, refractivityGradient: -450) && rainy.availabilityTarget == nil)
        let strict = try load(
            "scenario: province, sites: \(sites), within_km: 3, eirp_dbm: 56, threshold_dbm: -68, rain_rate_mm_h: 95, dn1: -450, hub_field: fibre, availability_target_percent: 99.99",
            in: folder
        )
        guard case .backhaul(let targeted) = strict.jobs[0].work else { Issue.record("expected a backhaul job"); return }
        #expect(targeted.availabilityTarget == 99.99 && targeted.hubField == "fibre")
        #expect(request.atmosphere == .reference)
        let humid = try load("scenario: province, sites: \(sites), within_km: 3, water_vapour_g_m3: 18, air_temperature_c: 27", in: folder)
        guard case .backhaul(let tropical) = humid.jobs[0].work else { Issue.record("expected a backhaul job"); return }
        #expect(tropical.atmosphere.waterVapourDensity == 18 && tropical.atmosphere.temperatureC == 27)
        for (job, fault) in [
            ("terrain: \(terrain), sites: \(sites), within_km: 3, eirp_dbm: 56, threshold_dbm: -68, rain_rate_mm_h: 95", "dn1: rain_rate_mm_h and dn1 go together"),
            ("terrain: \(terrain), sites: \(sites), within_km: 3, eirp_dbm: 56, threshold_dbm: -68, dn1: -400", "rain_rate_mm_h: rain_rate_mm_h and dn1 go together"),
            ("terrain: \(terrain), sites: \(sites), within_km: 3, eirp_dbm: 56, rain_rate_mm_h: 95, dn1: -400", "rain_rate_mm_h: availability needs threshold_dbm"),
            ("terrain: \(terrain), sites: \(sites), within_km: 3, eirp_dbm: 56, threshold_dbm: -68, rain_rate_mm_h: -5, dn1: -400", "rain_rate_mm_h"),
            ("terrain: \(terrain), sites: \(sites), within_km: 3, eirp_dbm: 56, threshold_dbm: -68, availability_target_percent: 99.99", "availability_target_percent: needs the climate the hops fade in: rain_rate_mm_h and dn1"),
            ("terrain: \(terrain), sites: \(sites), within_km: 3, eirp_dbm: 56, threshold_dbm: -68, rain_rate_mm_h: 95, dn1: -400, availability_target_percent: 99.99", "availability_target_percent: chooses the hops that chain sites to a hub: give hub_field"),
            ("terrain: \(terrain), sites: \(sites), within_km: 3, water_vapour_g_m3: 150", "water_vapour_g_m3: water_vapour_g_m3 must be within 0–100 g/m³"),
            ("terrain: \(terrain), sites: \(sites), within_km: 3, air_temperature_c: -90", "air_temperature_c: air_temperature_c must be within −80–60 °C"),
            ("sites: \(sites), within_km: 3, radius_km: 5", "radius_km"),
            ("terrain: \(terrain), sites: \(sites), within_km: 3, links: \(sites)", "links: give links or within_km, one of them"),
            ("terrain: \(terrain), sites: \(sites), within_km: 3, eirp_dbm: 60, tx_power_dbm: 20", "eirp_dbm: give eirp_dbm or tx_power_dbm, not both"),
            ("terrain: \(terrain), sites: \(sites), within_km: 3, threshold_dbm: -70", "threshold_dbm: threshold_dbm needs the transmitter's power"),
            ("terrain: \(terrain), sites: \(sites), within_km: 3, model: okumura", "model: unknown model 'okumura'"),
            ("terrain: \(terrain), within_km: 3", "sites: missing"),
        ] {
            let error = try #require(throws: InputError.self) { try load(job, in: folder) }
            #expect(error.reason.contains(fault) && error.path.hasSuffix("manifest.yaml:5"), "\(job): \(error.path): \(error.reason)")
        }
    }

    @Test("""
        backhaul_from names a backhaul job listed before: the plan, evaluation or tilt job takes its reach.csv from the \
        results folder where it runs, and shards with it; faults name the field and the line
        """)
    func chained() throws {
        let folder = try temporaryFolder("backhaul-chained")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try writeSitesGrid(into: folder)
        func load(_ jobs: [String]) throws -> Manifest {
            try """
                scenarios:
                  province: {terrain: \(terrain), population: \(terrain), model: itm, radius_km: 5}
                jobs:

                """.appending(jobs.map { "  - {\($0)}\n" }.joined()).write(toFile: folder + "/manifest.yaml", atomically: true, encoding: .utf8)
            return try Manifest.load(folder + "/manifest.yaml")
        }
        let hops = "id: hops, type: backhaul, scenario: province, sites: \(sites), within_km: 3, hub_field: fibre"
        func plan(from source: String) -> String { "id: plan, type: plan, scenario: province, sites: \(sites), p: 2, backhaul_from: \(source)" }
        let manifest = try load([
            hops, "id: alone, type: evaluate, scenario: province, sites: \(sites)", plan(from: "hops") + ", backhaul_required: true",
            "id: outages, type: evaluate, scenario: province, sites: \(sites), backhaul_from: hops",
        ])
        #expect(manifest.jobs.map(\.backhaulFrom) == [nil, nil, "hops", "hops"] && manifest.shardPositions == [0, 1, 0, 0])
        guard case .plan(let request) = manifest.jobs[2].work else { Issue.record("expected a plan job"); return }
        #expect(request.backhaulRequired && request.evaluation.residents?.backhaulReachPath == nil)
        #expect(!manifest.jobs[2].inputs.contains { $0.hasSuffix("reach.csv") })
        #expect(try load([hops, "id: plan, type: plan, scenario: province, sites: \(sites), p: 2"]).shardPositions == [0, 1])
        for (jobs, fault) in [
            ([hops, plan(from: "links")], "backhaul_from: no backhaul job 'links' listed before this one (hops)"),
            ([plan(from: "hops"), hops], "backhaul_from: no backhaul job 'hops' listed before this one (none)"),
            ([hops, plan(from: "hops") + ", backhaul_reach: \(sites)"], "backhaul_from: give backhaul_reach or backhaul_from, not both"),
            ([hops, "id: plain, type: evaluate, terrain: \(terrain), sites: \(sites), backhaul_from: hops"], "backhaul_from: needs population"),
            ([hops, "id: plan, type: plan, scenario: province, sites: \(sites), p: 2, backhaul_required: true"], "backhaul_required: needs the scenario's backhaul_reach, or backhaul_from"),
            ([hops.replacingOccurrences(of: ", hub_field: fibre", with: ""), plan(from: "hops")], "backhaul_from: job 'hops' has no hub_field, so writes no reach.csv"),
            ([hops + ", outputs: [geojson]", plan(from: "hops")], "backhaul_from: job 'hops' keeps no csv outputs, so not its reach.csv"),
        ] {
            let error = try #require(throws: InputError.self) { try load(jobs) }
            let line = jobs[0].contains("backhaul_from: hops") ? 4 : 5
            #expect(error.reason.contains(fault) && error.path.hasSuffix("manifest.yaml:\(line)"), "\(jobs): \(error.path): \(error.reason)")
        }
    }
}
