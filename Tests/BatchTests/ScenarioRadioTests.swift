import Batch
import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Scenario radio settings: location percentage, uplink and clutter", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct ScenarioRadioTests {
    let terrain = SharedData.path("terrain/N44W072.hgt")

    @Test("Scenarios take location_percent, location_sigma_db, uplink, sinr and lte_load_percent, throughput, its limit, ue_antennas, nr_tdd_pattern and nr_load_percent, ecio and its figures, ci and ci_limit_db, neighbours and theirs; p526 at 90 % without a σ, and a σ for ITM, are refused naming the key")
    func scenarioFields() throws {
        let folder = try temporaryFolder("location-scenario")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = Fixtures.path("sites/nh_two_sites.csv")
        func load(_ scenario: String) throws -> Manifest {
            let path = folder + "/manifest.yaml"
            try """
                name: reliability
                scenarios:
                  base: {terrain: \(terrain), radius_km: 5, \(scenario)}
                jobs:
                  - {id: run, type: evaluate, scenario: base, sites: \(sites)}
                """.write(toFile: path, atomically: true, encoding: .utf8)
            return try Manifest.load(path)
        }
        let manifest = try load("model: hata, location_percent: 95, location_sigma_db: 7, uplink: true")
        guard case .evaluate(let request) = manifest.jobs[0].work else { Issue.record("expected an evaluate job"); return }
        #expect(request.parameters.environment.itm.location == 95 && request.parameters.environment.locationSigmaDB == 7)
        #expect(request.parameters.checksUplink)
        guard case .evaluate(let quality) = try load("model: hata, sinr: true, lte_load_percent: 50").jobs[0].work else {
            Issue.record("expected an evaluate job")
            return
        }
        #expect(quality.sinr == SINRSettings(loadPercent: 50, noiseFigureDB: 7) && quality.ecio == nil)
        guard case .evaluate(let rate) = try load("model: hata, sinr: true, throughput: true, throughput_limit_mbps: 10").jobs[0].work else {
            Issue.record("expected an evaluate job")
            return
        }
        #expect(rate.sinr?.throughput == ThroughputSettings(limitMbps: 10))
        guard case .evaluate(let layers) = try load("model: hata, sinr: true, throughput: true, ue_antennas: 4, nr_tdd_pattern: DDDDDDDSUU:6, nr_load_percent: 60").jobs[0].work else {
            Issue.record("expected an evaluate job")
            return
        }
        #expect(layers.sinr?.throughput == ThroughputSettings(limitMbps: 5, handsetAntennas: 4, nrFrame: try TDDFrame(parsing: "DDDDDDDSUU:6")))
        #expect(layers.sinr?.nrLoadPercent == 60 && layers.sinr?.loadPercent == 100)
        let pilots = "model: hata, ecio: true, umts_load_percent: 60, pilot_share_percent: 15, ecio_limit_db: -14, ue_noise_figure_db: 8, pilot_window_db: 4, active_set_size: 2"
        guard case .evaluate(let umts) = try load(pilots).jobs[0].work else {
            Issue.record("expected an evaluate job")
            return
        }
        #expect(umts.ecio == EcIoSettings(
            loadPercent: 60, pilotSharePercent: 15, noiseFigureDB: 8, limitDB: -14, crowding: ServerCrowding(windowDB: 4, limit: 2)
        ))
        #expect(umts.sinr == nil && umts.ci == nil)
        guard case .evaluate(let gsm) = try load("model: hata, ci: true, ci_limit_db: 12, ue_noise_figure_db: 8").jobs[0].work else {
            Issue.record("expected an evaluate job")
            return
        }
        #expect(gsm.ci == CarrierToInterferenceSettings(noiseFigureDB: 8, limitDB: 12) && gsm.sinr == nil && gsm.ecio == nil)
        #expect(gsm.neighbours == nil)
        let lists = "model: hata, neighbours: true, handover_margin_db: 4, neighbour_min_percent: 2.5, max_neighbours: 16"
        guard case .evaluate(let neighbours) = try load(lists).jobs[0].work else {
            Issue.record("expected an evaluate job")
            return
        }
        #expect(neighbours.neighbours == NeighbourSettings(marginDB: 4, minimumPercent: 2.5, maximum: 16) && neighbours.ci == nil)
        for (fields, fault) in [
            ("model: hata, ecio: true, active_set_size: 2.5", "active_set_size: must be a whole number"),
            ("model: hata, ecio: true, active_set_size: 9", "active_set_size: must be within 1–6"),
            ("model: hata, pilot_window_db: 4", "pilot_window_db: applies with ecio: true"),
            ("model: hata, sinr: true, rsrp_overlap_limit: 0", "rsrp_overlap_limit: must be within 1–6"),
            ("model: hata, rsrp_window_db: 6", "rsrp_window_db: applies with sinr: true"),
            ("model: hata, throughput: true", "throughput: applies with sinr: true"),
            ("model: hata, sinr: true, throughput_limit_mbps: 10", "throughput_limit_mbps: applies with throughput: true"),
            ("model: hata, sinr: true, throughput: true, throughput_limit_mbps: 0", "throughput_limit_mbps: must be within 0.01–1000 Mbps"),
            ("model: hata, sinr: true, ue_antennas: 2", "ue_antennas: applies with throughput: true"),
            ("model: hata, sinr: true, throughput: true, ue_antennas: 3", "ue_antennas: must be 1, 2 or 4"),
            ("model: hata, sinr: true, throughput: true, ue_antennas: 1.5", "ue_antennas: must be 1, 2 or 4"),
            ("model: hata, sinr: true, nr_tdd_pattern: DDDSU", "nr_tdd_pattern: applies with throughput: true"),
            ("model: hata, sinr: true, nr_load_percent: 50", "nr_load_percent: applies with throughput: true"),
            ("model: hata, sinr: true, throughput: true, nr_tdd_pattern: DDDSU:14", "nr_tdd_pattern: '14' in 'DDDSU:14' is not a special slot's downlink symbols"),
            ("model: hata, ci: true, ci_limit_db: 40", "ci_limit_db: must be within −10–30 dB"),
            ("model: hata, ci_limit_db: 12", "ci_limit_db: applies with ci: true"),
            ("model: hata, max_neighbours: 8", "max_neighbours: applies with neighbours: true"),
            ("model: hata, neighbours: true, max_neighbours: 8.5", "max_neighbours: must be a whole number"),
            ("model: hata, neighbours: true, handover_margin_db: 0", "handover_margin_db: must be within 1–20 dB"),
            ("model: hata, neighbours: true, neighbour_min_percent: 120", "neighbour_min_percent: must be within 0–100"),
        ] {
            let refused = try #require(throws: InputError.self) { try load(fields) }
            #expect(refused.reason.contains(fault), "\(refused)")
        }
        let weakPilot = try #require(throws: InputError.self) { try load("model: hata, ecio: true, pilot_share_percent: 80") }
        #expect(weakPilot.reason.contains("pilot_share_percent: must be within 1–50"), "\(weakPilot)")
        let overloaded = try #require(throws: InputError.self) { try load("model: hata, sinr: true, lte_load_percent: 150") }
        #expect(overloaded.reason.contains("lte_load_percent: must be within 0–100"), "\(overloaded)")
        for flag in ["3", "1", "0"] {
            let notBoolean = try #require(throws: InputError.self) { try load("model: hata, uplink: \(flag)") }
            #expect(notBoolean.reason.contains("uplink: must be true or false"), "\(notBoolean)")
        }
        let p526 = try #require(throws: InputError.self) { try load("model: p526, location_percent: 90") }
        #expect(p526.reason.contains("location_percent: p526: it predicts the median") && p526.path.hasSuffix("manifest.yaml:3"), "\(p526.path): \(p526.reason)")
        let itm = try #require(throws: InputError.self) { try load("model: itm, location_percent: 90, location_sigma_db: 8") }
        #expect(itm.reason.contains("location_sigma_db: itm: it has its own location variability"), "\(itm)")
    }

    @Test("Scenarios take the empirical models' settings: environment, rma_building_height_m, rma_street_width_m, los_probability and allow_extrapolation, which lets rma reach beyond its 5 km; an unknown clutter class and a width of 0 are refused naming the key")
    func empiricalFields() throws {
        let folder = try temporaryFolder("empirical-scenario")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func load(_ scenario: String) throws -> FootprintRequest {
            try evaluateRequest(in: folder, scenario: scenario, model: "model: rma, radius_km: 6")
        }
        var request = try load("environment: open, rma_building_height_m: 10, rma_street_width_m: 30, los_probability: true, allow_extrapolation: true")
        let environment = request.parameters.environment
        #expect(environment.hata == .open && environment.cost231 == .mediumCity && environment.allowExtrapolation && environment.sightProbability)
        #expect(environment.rural == RuralSurroundings(buildingHeight: 10, streetWidth: 30))
        request.outputDirectory = folder + "/stretched"
        let summary = try FootprintJob.run(request)
        #expect(summary.settings.ruralBuildingHeightM == 10 && summary.settings.sightProbability && summary.warnings.contains { $0.contains("rma: distance 6 km") && $0.hasSuffix("(extrapolated)") })
        var strict = try load("environment: metropolitan")
        #expect(strict.parameters.environment.cost231 == .metropolitan && strict.parameters.environment.hata == .urban)
        #expect(!strict.parameters.environment.sightProbability)
        strict.outputDirectory = folder + "/strict"
        let refused = try #require(throws: InputError.self) { try FootprintJob.run(strict) }
        #expect(refused.reason.contains("rma: distance 6 km is outside 0.01–5 km"), "\(refused)")
        for (fields, fault) in [
            ("environment: forest", "environment: must be urban, suburban, open (hata), medium-city or metropolitan (cost231)"),
            ("rma_street_width_m: 0", "rma_street_width_m: must be positive"),
            ("allow_extrapolation: sometimes", "allow_extrapolation: must be true or false"),
        ] {
            let error = try #require(throws: InputError.self) { try load(fields) }
            #expect(error.reason.contains(fault), "\(error)")
        }
    }

    @Test("Scenarios take the receiver's budget: rx_gain_dbi, body_loss_db, foliage_loss_db, and indoor_loss_db or indoor_penetration with indoor_depth_m, which the job's summary then gives per site; conflicting or bad values are refused naming the key")
    func receiverFields() throws {
        let folder = try temporaryFolder("receiver-scenario")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func load(_ scenario: String) throws -> FootprintRequest { try evaluateRequest(in: folder, scenario: scenario) }
        var indoors = try load("rx_gain_dbi: 2, body_loss_db: 3, foliage_loss_db: 1, indoor_penetration: 3gpp-high, indoor_depth_m: 4")
        let penetration = BuildingPenetration(walls: .highLoss, depthM: 4)
        #expect(indoors.parameters.receiver == ReceiverBudget(
            antennaGainDBi: 2, penetration: penetration, bodyLossDB: 3, foliageLossDB: 1
        ))
        indoors.outputDirectory = folder + "/indoors"
        let summary = try FootprintJob.run(indoors)
        for site in summary.siteAreas {
            #expect(site.indoorLossDB == penetration.lossDB(frequencyMHz: site.frequencyMHz), "\(site.id)")
        }
        #expect(summary.settings.indoorPenetration == "3gpp-high" && summary.settings.indoorDepthM == 4)
        #expect(try load("indoor_loss_db: 12").parameters.receiver == ReceiverBudget(indoorLossDB: 12))
        for (fields, fault) in [
            ("indoor_loss_db: 12, indoor_penetration: 3gpp-low", "indoor_loss_db: leave it out with indoor_penetration"),
            ("indoor_depth_m: 4", "indoor_depth_m: applies with indoor_penetration"),
            ("indoor_penetration: 3gpp-low, indoor_depth_m: 120", "indoor_depth_m: must be within 0–100 m"),
            ("indoor_penetration: brick", "indoor_penetration: must be one of 3gpp-low, 3gpp-high, p2109-traditional, p2109-efficient"),
            ("indoor_penetration: p2109-traditional, indoor_depth_m: 4", "indoor_depth_m: applies to 3GPP's buildings"),
            ("body_loss_db: -3", "body_loss_db: must not be negative"),
        ] {
            let error = try #require(throws: InputError.self) { try load(fields) }
            #expect(error.reason.contains(fault), "\(error)")
        }
    }

    /// The manifest of one evaluate job of the two NH sites (by default free space over 5 km) with `scenario`'s fields
    /// besides, written into `folder` and loaded.
    func evaluateManifest(in folder: String, scenario: String, model: String = "model: fspl, radius_km: 5") throws -> Manifest {
        let path = folder + "/manifest.yaml"
        try """
            name: fields
            scenarios:
              base: {terrain: \(terrain), \(model), \(scenario)}
            jobs:
              - {id: run, type: evaluate, scenario: base, sites: \(Fixtures.path("sites/nh_two_sites.csv"))}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return try Manifest.load(path)
    }

    /// The request of `evaluateManifest`'s job.
    func evaluateRequest(in folder: String, scenario: String, model: String = "model: fspl, radius_km: 5") throws -> FootprintRequest {
        guard case .evaluate(let request) = try evaluateManifest(in: folder, scenario: scenario, model: model).jobs[0].work else {
            throw InputError(path: folder, reason: "not an evaluate job")
        }
        return request
    }

    @Test("Scenarios take channels, pci, psc, tilts and loads plans, resolved against the manifest's folder and counted among the job's inputs; a missing plan is refused naming its key, and loads without sinr or ecio")
    func identityPlanFields() throws {
        let folder = try temporaryFolder("identity-plan-scenario")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["channels.csv", "pci.csv", "psc.csv", "tilts.csv", "loads.csv"] { try "x".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        func load(_ scenario: String) throws -> Manifest { try evaluateManifest(in: folder, scenario: scenario) }
        guard case .evaluate(let request) = try load("channels: channels.csv, pci: pci.csv, psc: psc.csv, tilts: tilts.csv, loads: loads.csv, sinr: true").jobs[0].work else {
            Issue.record("expected an evaluate job")
            return
        }
        let plans = [request.channelPlanPath, request.pciPlanPath, request.pscPlanPath, request.tiltPlanPath, request.loadPlanPath]
        #expect(zip(plans, ["/channels.csv", "/pci.csv", "/psc.csv", "/tilts.csv", "/loads.csv"]).allSatisfy { $0?.hasPrefix(folder) == true && $0?.hasSuffix($1) == true }, "\(plans)")
        #expect(plans.allSatisfy { request.inputFiles.contains($0!) }, "a changed plan makes the job run again")
        for key in ["psc", "tilts", "loads"] {
            let absent = try #require(throws: InputError.self) { try load("\(key): absent.csv, ecio: true") }
            #expect(absent.reason.contains(key) && absent.reason.contains("absent.csv"), "\(absent)")
        }
        let idle = try #require(throws: InputError.self) { try load("loads: loads.csv") }
        #expect(idle.reason.contains("loads: applies with sinr: true or ecio: true"), "\(idle)")
    }

    @Test("Scenarios take clutter, clutter_losses and residential_classes, resolved against the manifest's folder; one without the other, or a missing file, is refused")
    func clutterFields() throws {
        let folder = try temporaryFolder("clutter-scenario")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["landcover.tif", "losses.csv"] { try "x".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        func load(_ scenario: String) throws -> Manifest { try evaluateManifest(in: folder, scenario: scenario) }
        let manifest = try load("clutter: landcover.tif, clutter_losses: losses.csv")
        guard case .evaluate(let request) = manifest.jobs[0].work else { Issue.record("expected an evaluate job"); return }
        #expect(request.clutter?.rasterPath.hasSuffix("/landcover.tif") == true && request.clutter?.lossesPath.hasSuffix("/losses.csv") == true)
        #expect(request.inputFiles.contains(request.clutter!.lossesPath), "a changed table makes the job run again")
        let absent = try #require(throws: InputError.self) { try load("clutter: absent.tif, clutter_losses: losses.csv") }
        #expect(absent.reason.contains("clutter") && absent.reason.contains("absent.tif"), "\(absent)")
        let alone = try #require(throws: InputError.self) { try load("clutter: landcover.tif") }
        #expect(alone.reason.contains("clutter: clutter and clutter_losses go together"), "\(alone)")
        guard case .evaluate(let residential) = try load("clutter: landcover.tif, clutter_losses: losses.csv, residential_classes: [50, 51]").jobs[0].work else {
            Issue.record("expected an evaluate job")
            return
        }
        #expect(residential.clutter?.residentialClasses == [50, 51])
        let bare = try #require(throws: InputError.self) { try load("residential_classes: [50]") }
        #expect(bare.reason.contains("residential_classes: needs clutter and clutter_losses"), "\(bare)")
        let fractional = try #require(throws: InputError.self) { try load("clutter: landcover.tif, clutter_losses: losses.csv, residential_classes: [50.5]") }
        #expect(fractional.reason.contains("residential_classes: must be a list of whole numbers"), "\(fractional)")
    }

    @Test("""
        A batch evaluation with the uplink, SINR and rate, Ec/Io, C/I and clutter gives their headline figures in \
        batch.json: the sites the uplink limits, the median SINR, SS-SINR, rates, Ec/Io and C/I, the shares polluted (RSRP, \
        pilots), the shares under the rates' and the C/I's limits and each land-cover class's share covered, as the job's \
        summary.json has them; \
        the scenario's ue_antennas and the site file's tx_antennas set the rate's layers
        """)
    func linkFigures() throws {
        let folder = try temporaryFolder("batch-link-figures")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try GeoTIFF.writeIntegers(
            path: folder + "/landcover.tif", width: 300, height: 250,
            values: (0..<75_000).map { UInt8($0 % 300 < 150 ? 10 : 50) }, nodata: 0,
            georeference: RasterGeoreference(geoTransform: [-71.60, 0.001, 0, 44.57, 0, -0.001], crs: .epsg(4326))
        )
        try "class,loss_db\n10,12\n50,20\n".write(toFile: folder + "/losses.csv", atomically: true, encoding: .utf8)
        let sitesFile = folder + "/sites.csv"
        let fixture = try String(contentsOfFile: Fixtures.path("fuzz/sites_uplink.csv"), encoding: .utf8)
        try (fixture + "N1,44.45,-71.44,30,5G,3500,53,24,2,100,,,,,,4\n").write(toFile: sitesFile, atomically: true, encoding: .utf8)
        try """
            name: link figures
            scenarios:
              base: {terrain: \(terrain), model: fspl, radius_km: 3, uplink: true, sinr: true, throughput: true, ue_antennas: 2, ecio: true, ci: true, clutter: landcover.tif, clutter_losses: losses.csv}
            jobs:
              - {id: run, type: evaluate, scenario: base, sites: \(sitesFile)}
            """.write(toFile: folder + "/manifest.yaml", atomically: true, encoding: .utf8)
        let result = try runProgram(phusongExecutable, ["batch", folder + "/manifest.yaml", "--out", folder + "/out"])
        #expect(result.status == 0, "\(result.stderr)")
        let batch = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/batch.json"))) as? [String: Any])
        let figures = try #require((batch["jobs"] as? [[String: Any]])?.first?["figures"] as? [String: Any])
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/jobs/run/summary.json"))) as? [String: Any]
        )
        let sites = try #require(summary["site_areas"] as? [[String: Any]])
        let limited = sites.filter { ($0["uplink"] as? [String: Any])?["limiting_link"] as? String == "uplink" }.count
        #expect(figures["uplink_limited_sites"] as? Double == Double(limited) && sites.count == 4)
        #expect(figures["lte_sinr_median_db"] as? Double == (summary["lte_sinr"] as? [String: Any])?["median_db"] as? Double)
        let rate = try #require(summary["lte_throughput"] as? [String: Any])
        #expect(figures["lte_throughput_median_mbps"] as? Double == rate["median_mbps"] as? Double && rate["median_mbps"] != nil)
        let servers = try #require(rate["servers"] as? [[String: Any]])
        #expect(rate["ue_antennas"] as? Int == 2 && servers.map { $0["layers"] as? Int } == [2], "the site file's tx_antennas 2, the scenario's ue_antennas 2")
        #expect(figures["lte_throughput_under_limit_percent"] as? Double == rate["percent_under_limit"] as? Double && rate["percent_under_limit"] != nil)
        let nrRate = try #require(summary["nr_throughput"] as? [String: Any])
        #expect(figures["nr_throughput_median_mbps"] as? Double == nrRate["median_mbps"] as? Double && nrRate["median_mbps"] != nil)
        #expect(figures["nr_throughput_under_limit_percent"] as? Double == nrRate["percent_under_limit"] as? Double)
        #expect((nrRate["servers"] as? [[String: Any]])?.map { $0["layers"] as? Int } == [2], "the 5G site's tx_antennas 4, the scenario's ue_antennas 2")
        #expect(figures["nr_ss_sinr_median_db"] as? Double == (summary["nr_ss_sinr"] as? [String: Any])?["median_db"] as? Double)
        #expect(figures["nr_ss_sinr_median_db"] != nil)
        let ecio = try #require((summary["umts_ecio"] as? [String: Any])?["median_db"] as? Double)
        #expect(figures["umts_ecio_median_db"] as? Double == ecio)
        for (key, figure) in [("umts_ecio", "umts_pilot_polluted_percent"), ("lte_sinr", "lte_rsrp_polluted_percent"), ("nr_ss_sinr", "nr_ss_rsrp_polluted_percent")] {
            let crowding = try #require((summary[key] as? [String: Any])?["crowding"] as? [String: Any])
            #expect(figures[figure] as? Double == crowding["percent_polluted"] as? Double && figures[figure] != nil, "\(figure)")
        }
        let ci = try #require(summary["gsm_ci"] as? [String: Any])
        #expect(figures["gsm_ci_median_db"] as? Double == ci["median_db"] as? Double && figures["gsm_ci_median_db"] != nil)
        #expect(figures["gsm_ci_under_limit_percent"] as? Double == ci["percent_under_limit"] as? Double && ci["percent_under_limit"] != nil)
        let classes = try #require((summary["clutter"] as? [String: Any])?["coverage_by_class"] as? [String: [String: Any]])
        for value in ["10", "50"] {
            let share = (classes[value]?["covered_percent"] as? [String: Double])?["any"]
            #expect(share != nil && figures["land_cover_\(value)_covered_percent"] as? Double == share, "class \(value)")
        }
    }

    /// `phusong batch` of one evaluate job of `folder`'s sites.csv under a scenario of `scenario`'s fields: the job's
    /// figures in batch.json and its summary.json.
    func batchEvaluation(in folder: String, scenario: String) throws -> (figures: [String: Any], summary: FootprintSummary) {
        try """
            name: figures
            scenarios:
              base: {\(scenario)}
            jobs:
              - {id: run, type: evaluate, scenario: base, sites: sites.csv}
            """.write(toFile: folder + "/manifest.yaml", atomically: true, encoding: .utf8)
        let result = try runProgram(phusongExecutable, ["batch", folder + "/manifest.yaml", "--out", folder + "/out"])
        #expect(result.status == 0, "\(result.stderr)")
        let batch = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/batch.json"))) as? [String: Any])
        let figures = try #require((batch["jobs"] as? [[String: Any]])?.first?["figures"] as? [String: Any])
        return (figures, try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/out/jobs/run/summary.json"))))
    }

    @Test("A batch evaluation with the rate, a sunset and a population gives the shares of residents at the rate limit and losing coverage in batch.json, as summary.json has them")
    func residentsAtRateFigure() throws {
        let folder = try temporaryFolder("batch-rate-residents")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology,bandwidth_mhz\nBX-L1,22.53,103.88,30,1815,61,4G,20\nBX-G1,22.50,103.83,30,900,60,2G,\n"
            .write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        let (figures, summary) = try batchEvaluation(in: folder, scenario: """
            terrain: \(SharedData.path("terrain/batxat_copernicus_glo30.tif")), population: \(SharedData.path("population/laocai_communes_census2009.geojson")),
                     model: fspl, radius_km: 4, resolution_m: 90, max_void_fraction: 0.95, sinr: true, throughput: true, throughput_limit_mbps: 60,
                     sunset: [2G]
            """)
        let share = try #require(summary.lteThroughput?.residentsPercentAtRate)
        #expect(figures["lte_throughput_residents_percent"] as? Double == share && share > 0 && share < 100, "\(figures)")
        let losing = try #require(summary.sunset?.residentsPercentLosingCoverage)
        #expect(figures["sunset_residents_losing_percent"] as? Double == losing && losing > 0 && losing < 100, "\(figures)")
    }

    @Test("""
        Scenarios take traffic with subscribers_percent, voice_merl, blocking_percent, data_kbps and half_rate_percent; a batch evaluation \
        with them writes traffic.csv and counts its overloaded sites in batch.json; the figures without traffic: true, out \
        of range, or traffic without a population, are refused naming the key
        """)
    func trafficFields() throws {
        let folder = try temporaryFolder("batch-traffic")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let population = SharedData.path("population/laocai_communes_census2009.geojson")
        let settings = "traffic: true, subscribers_percent: 70, voice_merl: 40, blocking_percent: 1, data_kbps: 80, half_rate_percent: 25"
        guard case .evaluate(let request) = try evaluateManifest(in: folder, scenario: "population: \(population), \(settings)").jobs[0].work else {
            Issue.record("expected an evaluate job")
            return
        }
        #expect(request.residents?.traffic == TrafficSettings(subscribersPercent: 70, voiceMilliErlangs: 40, blockingPercent: 1, dataKbps: 80, halfRatePercent: 25))
        for (fields, fault) in [
            ("population: \(population), voice_merl: 30", "voice_merl: applies with traffic: true"),
            ("population: \(population), traffic: true, blocking_percent: 0", "blocking_percent: must be within 0.01–50"),
            ("population: \(population), traffic: true, subscribers_percent: 101", "subscribers_percent: must be within 0–100"),
            ("population: \(population), traffic: true, half_rate_percent: -1", "half_rate_percent: must be within 0–100"),
            ("traffic: true", "traffic: needs population"),
        ] {
            let refused = try #require(throws: InputError.self) { try evaluateManifest(in: folder, scenario: fields) }
            #expect(refused.reason.contains(fault), "\(refused)")
        }
        try "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology,trx\nBX-G1,22.53,103.88,30,900,60,2G,1\nBX-G2,22.50,103.83,30,900,60,2G,8\n"
            .write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        let (figures, summary) = try batchEvaluation(in: folder, scenario: """
            terrain: \(SharedData.path("terrain/batxat_copernicus_glo30.tif")), population: \(population),
                     model: fspl, radius_km: 4, resolution_m: 90, max_void_fraction: 0.95, \(settings)
            """)
        let gsm = try #require(summary.traffic?.technologies.first)
        #expect(gsm.technology == "2G" && gsm.sites == 2 && gsm.overloadedSites == ["BX-G1"] && gsm.residentsServed > 0, "\(gsm)")
        #expect(figures["overloaded_sites"] as? Double == 1, "\(figures)")
        #expect(FileManager.default.fileExists(atPath: folder + "/out/jobs/run/traffic.csv"))
    }

    @Test("""
        Scenarios take backhaul_reach, resolved against the manifest's folder and counted among the job's inputs; a batch \
        evaluation with it writes the masts each outage cuts off and gives the worst outage's share of the residents in \
        batch.json (without it, the worst mast's own); backhaul_reach without a population is refused naming the key
        """)
    func backhaulReachField() throws {
        let folder = try temporaryFolder("batch-backhaul-reach")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let population = SharedData.path("population/laocai_communes_census2009.geojson")
        try "id,depends_on\nBX-G2,BX-G1\n".write(toFile: folder + "/reach.csv", atomically: true, encoding: .utf8)
        guard case .evaluate(let request) = try evaluateManifest(in: folder, scenario: "population: \(population), backhaul_reach: reach.csv").jobs[0].work else {
            Issue.record("expected an evaluate job")
            return
        }
        #expect(request.residents?.backhaulReachPath == folder + "/reach.csv" && request.inputFiles.contains(folder + "/reach.csv"))
        let refused = try #require(throws: InputError.self) { try evaluateManifest(in: folder, scenario: "backhaul_reach: reach.csv") }
        #expect(refused.reason.contains("backhaul_reach: needs population"), "\(refused)")
        try "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology\nBX-G1,22.53,103.88,30,900,60,2G\nBX-G2,22.545,103.9,30,900,60,2G\n"
            .write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        for reach in [false, true] {
            let (figures, summary) = try batchEvaluation(in: folder, scenario: """
                terrain: \(SharedData.path("terrain/batxat_copernicus_glo30.tif")), population: \(population),
                         model: fspl, radius_km: 4, resolution_m: 90, max_void_fraction: 0.95\(reach ? ", backhaul_reach: reach.csv" : "")
                """)
            let worst = try #require(summary.mastOutages?.worst.first)
            #expect(worst.mastsCutOff == (reach ? ["BX-G2"] : nil) && (worst.mast == "BX-G1" || !reach), "\(worst)")
            let share = try #require(reach ? worst.residentsPercentOnlyTheyCover : worst.residentsPercentOnlyItCovers)
            #expect(figures["worst_mast_outage_residents_percent"] as? Double == share && share > 0, "\(figures)")
            try FileManager.default.removeItem(atPath: folder + "/out")
        }
    }

    @Test("""
        A batch evaluation with neighbours gives the relations within and between technologies, the sites without a \
        neighbour and the identity clashes of the technologies whose sites all have their identity (the 2G sites' BSICs, not the 4G sites without PCIs) in \
        batch.json, as summary.json counts them
        """)
    func neighbourFigures() throws {
        let folder = try temporaryFolder("batch-neighbour-figures")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology,ncc,bcc
            G1,44.45,-71.45,30,935.2,57,2G,1,2
            G2,44.46,-71.42,30,935.2,57,2G,1,2
            G3,44.43,-71.44,30,936.0,57,2G,1,2
            L1,44.45,-71.45,30,1815,31,4G,,
            L2,44.30,-71.20,30,1815,31,4G,,
            """.write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        let (figures, summary) = try batchEvaluation(in: folder, scenario: "terrain: \(terrain), model: fspl, radius_km: 3, neighbours: true, max_neighbours: 2")
        let technologies = try #require(summary.neighbours?.technologies)
        #expect(technologies.map(\.technology) == ["2G", "4G"] && technologies[0].relations == 6 && technologies[0].sitesWithoutNeighbours.isEmpty)
        #expect(technologies[1].sitesWithoutNeighbours == ["L1", "L2"])
        #expect(figures["neighbour_relations"] as? Double == 6 && figures["sites_without_neighbours"] as? Double == 2, "\(figures)")
        let gsm = technologies[0]
        #expect(technologies[1].identityCollisions == nil && (gsm.identityCollisions ?? 0) > 0 && (gsm.identityConfusions ?? 0) > 0)
        #expect(figures["identity_collisions"] as? Double == gsm.identityCollisions.map(Double.init), "\(figures)")
        #expect(figures["identity_confusions"] as? Double == gsm.identityConfusions.map(Double.init), "\(figures)")
        let between = try #require(summary.neighbours?.interTechnology)
        #expect(figures["inter_technology_relations"] as? Double == Double(between.reduce(0) { $0 + $1.relations }) && between.contains { $0.relations > 0 })
        #expect(FileManager.default.fileExists(atPath: folder + "/out/jobs/run/neighbours.csv"))
    }
}
