import Coverage
import Foundation
import Planning
import Propagation
import Terrain

/// The `scenario` object of a claim or a batch manifest: the same settings as `phusong evaluate`'s options.
package enum ScenarioFields {
    /// Every setting a scenario may hold.
    package static let keys: Set<String> = [
        "terrain", "sites", "population", "population_fields", "model", "kernel", "radius_km", "resolution_m",
        "receiver_height_m", "k_factor", "thresholds_dbm", "max_void_fraction", "max_fill_cells", "climate",
        "refractivity", "environment", "rma_building_height_m", "rma_street_width_m", "los_probability", "allow_extrapolation", "rx_gain_dbi", "indoor_loss_db", "indoor_penetration", "indoor_depth_m", "body_loss_db",
        "foliage_loss_db", "handset_clutter", "handset_clutter_height_m", "handset_street_width_m", "spread", "target_percent", "sunset", "population_raster", "settlements", "settlement_population_field",
        "location_percent", "location_sigma_db", "calibration", "clutter", "clutter_losses", "uplink", "sinr", "throughput", "throughput_limit_mbps", "ue_antennas", "nr_tdd_pattern", "nr_load_percent",
        "lte_load_percent", "ue_noise_figure_db", "residential_classes", "ecio", "umts_load_percent", "pilot_share_percent",
        "ecio_limit_db", "pilot_window_db", "active_set_size", "rsrp_window_db", "rsrp_overlap_limit", "ci", "ci_limit_db",
        "channels", "pci", "psc", "tilts", "loads", "neighbours", "handover_margin_db", "neighbour_min_percent", "max_neighbours",
        "traffic", "subscribers_percent", "voice_merl", "blocking_percent", "data_kbps", "half_rate_percent", "operator_shares", "backhaul_reach",
        "roads", "road_name_field", "facilities", "facility_name_field", "facility_type_field", "gap_min_residents", "gap_technology", "gap_operator",
    ]

    /// The run the fields describe; the keys in `required` must be there (a request without sites has an
    /// empty `sitesPath`, one without population no `residents`).
    package static func request(
        _ scenario: JSONFields, resolve: (String) -> String, required: Set<String> = ["sites", "population"]
    ) throws(InputError) -> FootprintRequest {
        try scenario.onlyKeys(keys)
        func path(_ key: String) throws(InputError) -> String? {
            guard let value = try scenario.string(key) else {
                if required.contains(key) { throw scenario.fault(key, "missing") }
                return nil
            }
            return resolve(value)
        }
        var parameters = CoverageParameters()
        if let model = try model(scenario) { parameters.model = model }
        if let kernel = try scenario.string("kernel") {
            guard let parsed = CoverageKernel(rawValue: kernel) else { throw scenario.fault("kernel", "must be sweep or exact") }
            parameters.kernel = parsed
        }
        if let radius = try positive(scenario, "radius_km") { parameters.radius = radius * 1_000 }
        if let height = try scenario.number("receiver_height_m") {
            guard height >= 0 else { throw scenario.fault("receiver_height_m", "must not be negative") }
            parameters.receiverHeight = height
        }
        if let k = try positive(scenario, "k_factor") { parameters.earth = EarthModel(kFactor: k) }
        if let thresholds = try scenario.object("thresholds_dbm") {
            try thresholds.onlyKeys(Set(Technology.allCases.map(\.rawValue)))
            for technology in Technology.allCases {
                if let value = try thresholds.number(technology.rawValue) { parameters.thresholds[technology] = value }
            }
        }
        if let uplink = try scenario.bool("uplink") { parameters.checksUplink = uplink }
        parameters.receiver = try receiver(scenario)
        try checkHandsetClutter(scenario, parameters: parameters)
        try radioClimate(scenario, into: &parameters.environment.itm)
        try empiricalSettings(scenario, into: &parameters.environment)
        if let location = try scenario.number("location_percent") { parameters.environment.itm.location = location }
        if let sigma = try scenario.number("location_sigma_db") { parameters.environment.locationSigmaDB = sigma }
        do {
            try parameters.model.validateVariability(environment: parameters.environment)
        } catch {
            let sigmaAtFault = parameters.environment.locationSigmaDB.map { parameters.model.isITM || !(0...30).contains($0) } ?? false
            throw scenario.fault(sigmaAtFault ? "location_sigma_db" : "location_percent", error.message)
        }
        var policy = VoidPolicy()
        if let fraction = try scenario.number("max_void_fraction") {
            guard (0...1).contains(fraction) else { throw scenario.fault("max_void_fraction", "must be within 0–1") }
            policy.maxVoidFraction = fraction
        }
        if let cells = try scenario.number("max_fill_cells") {
            guard let whole = Int(exactly: cells), whole >= 0 else {
                throw scenario.fault("max_fill_cells", "must be a whole number ≥ 0")
            }
            policy.maxFilledRegionCells = whole
        }
        let residents = try path("population").map { population throws(InputError) in
            try residentsRequest(scenario, population: population, resolve: resolve)
        }
        if residents == nil, try scenario.bool("traffic") == true {
            throw scenario.fault("traffic", "needs population (the residents each site serves)")
        }
        if residents == nil, try scenario.string("backhaul_reach") != nil {
            throw scenario.fault("backhaul_reach", "needs population (the residents the masts' outages leave without coverage)")
        }
        guard let terrain = try path("terrain") else { throw scenario.fault("terrain", "missing") }
        var request = FootprintRequest(
            terrainPath: terrain, sitesPath: try path("sites") ?? "", outputDirectory: "",
            parameters: parameters, resolution: try positive(scenario, "resolution_m"), voidPolicy: policy,
            residents: residents
        )
        (request.sinr, request.ecio, request.ci) = try signalQuality(scenario)
        request.neighbours = try neighbourSettings(scenario)
        request.calibration = try path("calibration").map { path throws(InputError) in try ModelCalibration.load(path, for: parameters.model) }
        request.channelPlanPath = try path("channels")
        request.pciPlanPath = try path("pci")
        request.pscPlanPath = try path("psc")
        request.tiltPlanPath = try path("tilts")
        request.loadPlanPath = try path("loads")
        if let roads = try path("roads") {
            request.roads = RoadsRequest(path: roads, nameField: try scenario.string("road_name_field"))
        } else if scenario.contains("road_name_field") {
            throw scenario.fault("road_name_field", "needs roads (the line layer whose attribute it names)")
        }
        if let facilities = try path("facilities") {
            request.facilities = FacilitiesRequest(
                path: facilities, nameField: try scenario.string("facility_name_field"), typeField: try scenario.string("facility_type_field")
            )
        } else if let key = ["facility_name_field", "facility_type_field"].first(where: scenario.contains) {
            throw scenario.fault(key, "needs facilities (the point layer whose attribute it names)")
        }
        if request.loadPlanPath != nil, request.sinr == nil, request.ecio == nil {
            throw scenario.fault("loads", "applies with sinr: true or ecio: true (cells' loads set the interference they cause)")
        }
        switch (try path("clutter"), try path("clutter_losses")) {
        case let (raster?, losses?):
            request.clutter = ClutterRequest(rasterPath: raster, lossesPath: losses, residentialClasses: try residentialClasses(scenario))
        case (nil, nil):
            guard !scenario.contains("residential_classes") else {
                throw scenario.fault("residential_classes", "needs clutter and clutter_losses (the land-cover raster they are classes of)")
            }
        default: throw scenario.fault("clutter", "clutter and clutter_losses go together")
        }
        return request
    }

    /// `residential_classes`: land-cover classes, each a 32-bit whole number.
    private static func residentialClasses(_ scenario: JSONFields) throws(InputError) -> Set<Int32> {
        let classes = try scenario.integers("residential_classes") ?? []
        guard classes.allSatisfy({ Int32(exactly: $0) != nil }) else { throw scenario.fault("residential_classes", "must be land-cover classes") }
        return Set(classes.map { Int32($0) })
    }

    private static func residentsRequest(
        _ scenario: JSONFields, population: String, resolve: (String) -> String
    ) throws(InputError) -> ResidentsRequest {
        var residents = ResidentsRequest(populationPath: population)
        if let fields = try scenario.object("population_fields") { residents.fields = try adminFields(fields) }
        if let spread = try scenario.string("spread") {
            guard let method = SpreadMethod(rawValue: spread) else { throw scenario.fault("spread", "must be dasymetric or uniform") }
            residents.method = method
        }
        if let raster = try scenario.string("population_raster") { residents.counts = .raster(path: resolve(raster)) }
        if let points = try scenario.string("settlements") {
            guard residents.counts == nil else { throw scenario.fault("settlements", "give population_raster or settlements, not both") }
            residents.counts = .settlements(path: resolve(points), field: try scenario.string("settlement_population_field") ?? "population")
        }
        if let target = try scenario.number("target_percent") {
            guard (0...100).contains(target) else { throw scenario.fault("target_percent", "must be within 0–100") }
            residents.targetPercent = target
        }
        if let names = try scenario.strings("sunset") {
            guard let technologies = ResidentsRequest.sunset(names) else {
                throw scenario.fault("sunset", "must list technologies (2G, 3G, 4G, 5G) and leave one on the air")
            }
            residents.sunset = technologies
        }
        if let minimum = try scenario.number("gap_min_residents") {
            guard minimum >= 0 else { throw scenario.fault("gap_min_residents", "must not be negative") }
            residents.gaps.minimumResidents = minimum
        }
        if let name = try scenario.string("gap_technology") {
            guard let technology = Technology(named: name) else { throw scenario.fault("gap_technology", "must be \(Technology.namesAccepted)") }
            residents.gaps.technology = technology
        }
        residents.gaps.networkOperator = try scenario.string("gap_operator")
        residents.traffic = try trafficSettings(scenario)
        residents.backhaulReachPath = try scenario.string("backhaul_reach").map(resolve)
        return residents
    }

    /// The path-loss model the fields name in `model`, if any.
    package static func model(_ fields: JSONFields) throws(InputError) -> PathLossModel? {
        guard let model = try fields.string("model") else { return nil }
        guard let parsed = PathLossModel(rawValue: model) else {
            throw fields.fault("model", "unknown model '\(model)' (one of \(PathLossModel.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return parsed
    }

    /// The ITM radio climate (`climate`, 1–7) and surface refractivity (`refractivity`) the fields give, set in `itm`.
    package static func radioClimate(_ fields: JSONFields, into itm: inout ITMEnvironment) throws(InputError) {
        if let climate = try fields.number("climate") {
            guard let parsed = Int(exactly: climate).flatMap(RadioClimate.init(rawValue:)) else {
                throw fields.fault("climate", "must be an ITM radio climate 1–7")
            }
            itm.climate = parsed
        }
        if let refractivity = try positive(fields, "refractivity") { itm.refractivity = refractivity }
    }

    /// The empirical models' settings: `environment` (Hata's or COST-231's clutter class, as `--environment`),
    /// `rma_building_height_m`, `rma_street_width_m`, `los_probability` and `allow_extrapolation`.
    private static func empiricalSettings(_ fields: JSONFields, into environment: inout RadioEnvironment) throws(InputError) {
        if let clutter = try fields.string("environment") {
            let hata = HataEnvironment(rawValue: clutter), cost231 = Cost231Environment(rawValue: clutter)
            guard hata != nil || cost231 != nil else {
                throw fields.fault("environment", "must be urban, suburban, open (hata), medium-city or metropolitan (cost231)")
            }
            environment.hata = hata ?? environment.hata
            environment.cost231 = cost231 ?? environment.cost231
        }
        if let height = try positive(fields, "rma_building_height_m") { environment.rural.buildingHeight = height }
        if let width = try positive(fields, "rma_street_width_m") { environment.rural.streetWidth = width }
        if let allowed = try fields.bool("allow_extrapolation") { environment.allowExtrapolation = allowed }
        if let mixed = try fields.bool("los_probability") { environment.sightProbability = mixed }
    }

    /// The number at `key`, refused unless positive.
    package static func positive(_ fields: JSONFields, _ key: String) throws(InputError) -> Double? {
        guard let value = try fields.number(key) else { return nil }
        guard value > 0 else { throw fields.fault(key, "must be positive") }
        return value
    }

    private static func adminFields(_ fields: JSONFields) throws(InputError) -> AdminFields {
        try fields.onlyKeys(["id", "name", "population", "district_id", "district_name", "province_id", "province_name", "priority"])
        var result = AdminFields()
        result.id = try fields.string("id") ?? result.id
        result.name = try fields.string("name") ?? result.name
        result.population = try fields.string("population") ?? result.population
        result.districtID = try fields.string("district_id") ?? result.districtID
        result.districtName = try fields.string("district_name") ?? result.districtName
        result.provinceID = try fields.string("province_id") ?? result.provinceID
        result.provinceName = try fields.string("province_name") ?? result.provinceName
        result.priority = try fields.string("priority")
        return result
    }
}
