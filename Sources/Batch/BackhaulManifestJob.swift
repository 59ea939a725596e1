import Propagation
import Terrain
import Workflows

extension Manifest {
    /// What a backhaul job takes from the scenario it names.
    static let backhaulScenarioKeys: Set<String> = ["terrain", "climate", "refractivity"]
    static let backhaulKeys: Set<String> = backhaulScenarioKeys.union([
        "sites", "links", "within_km", "model", "frequency_mhz", "k_factor", "hub_field", "eirp_dbm", "tx_power_dbm",
        "tx_gain_dbi", "tx_feeder_loss_db", "rx_gain_dbi", "rx_feeder_loss_db", "threshold_dbm", "rain_rate_mm_h", "dn1",
        "availability_target_percent", "water_vapour_g_m3", "air_temperature_c",
    ])

    /// A `phusong backhaul` run from a job's fields, as the command's options give it (`--links` as `links`, …);
    /// its output folder is the job's.
    static func backhaulRequest(_ fields: JSONFields, resolve: (String) -> String) throws(InputError) -> BackhaulRequest {
        try fields.onlyKeys(backhaulKeys)
        try requireFiles(fields, ["terrain", "sites", "links"], resolve: resolve)
        guard let terrain = try fields.string("terrain").map(resolve) else { throw fields.fault("terrain", "missing") }
        guard let sites = try fields.string("sites").map(resolve) else { throw fields.fault("sites", "missing") }
        let links = try fields.string("links").map(resolve), within = try fields.number("within_km")
        guard (links == nil) != (within == nil) else { throw fields.fault("links", "give links or within_km, one of them") }
        if let within, !(within > 0 && within <= 1_000) { throw fields.fault("within_km", "must be within 0–1000 km") }
        let model = try ScenarioFields.model(fields) ?? .p526
        let frequency = try ScenarioFields.positive(fields, "frequency_mhz") ?? 7_000
        let k = try ScenarioFields.positive(fields, "k_factor") ?? 4.0 / 3.0
        var environment = RadioEnvironment()
        try ScenarioFields.radioClimate(fields, into: &environment.itm)
        let budget = try budget(fields)
        let request = BackhaulRequest(
            terrainPath: terrain, sitesPath: sites, hops: links.map { .listed(file: $0) } ?? .within(km: within ?? 0), outputPath: "",
            model: model, frequencyMHz: frequency, environment: environment, earth: EarthModel(kFactor: k),
            budget: budget, hubField: try fields.string("hub_field"), fading: try fading(fields, budget: budget),
            availabilityTarget: try fields.number("availability_target_percent"), atmosphere: try atmosphere(fields)
        )
        if let problem = request.availabilityTargetProblem(naming: { $0 }) { throw fields.fault(problem.field, problem.message) }
        return request
    }

    /// The climate for the hops' availability, checked as the command's options are.
    private static func fading(_ fields: JSONFields, budget: LinkBudgetSettings?) throws(InputError) -> FadingClimate? {
        let input = FadingInput(rainRate001: try fields.number("rain_rate_mm_h"), refractivityGradient: try fields.number("dn1"))
        do throws(LinkBudgetError) {
            return try input.climate(budget: budget) { $0 }
        } catch {
            throw fields.fault(error.field, error.message)
        }
    }

    /// The air the hops cross, checked as the command's options are.
    private static func atmosphere(_ fields: JSONFields) throws(InputError) -> HopAtmosphere {
        let temperature = try fields.number("air_temperature_c"), density = try fields.number("water_vapour_g_m3")
        do throws(LinkBudgetError) {
            return try HopAtmosphere(temperatureC: temperature, waterVapourDensity: density) { $0 }
        } catch {
            throw fields.fault(error.field, error.message)
        }
    }

    /// The link budget the fields give, checked as the command's options are.
    private static func budget(_ fields: JSONFields) throws(InputError) -> LinkBudgetSettings? {
        let input = LinkBudgetInput(
            eirpDBm: try fields.number("eirp_dbm"), transmitterPowerDBm: try fields.number("tx_power_dbm"),
            transmitterGainDBi: try fields.number("tx_gain_dbi"), transmitterFeederLossDB: try fields.number("tx_feeder_loss_db"),
            receiverGainDBi: try fields.number("rx_gain_dbi"), receiverFeederLossDB: try fields.number("rx_feeder_loss_db"),
            thresholdDBm: try fields.number("threshold_dbm")
        )
        do throws(LinkBudgetError) {
            return try input.settings { $0 }
        } catch {
            throw fields.fault(error.field, error.message)
        }
    }
}
