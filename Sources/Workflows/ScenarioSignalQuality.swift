import Terrain

extension ScenarioFields {
    /// The SINR settings with `sinr: true` (and the rate with `throughput: true`), the Ec/Io settings with `ecio: true`
    /// and the C/I settings with `ci: true`; their figures without them are refused, as they would change nothing.
    /// `ue_noise_figure_db` serves all three.
    static func signalQuality(
        _ scenario: JSONFields
    ) throws(InputError) -> (sinr: SINRSettings?, ecio: EcIoSettings?, ci: CarrierToInterferenceSettings?) {
        let sinr = try scenario.bool("sinr") == true, ecio = try scenario.bool("ecio") == true, ci = try scenario.bool("ci") == true
        let noiseFigure = try bounded(
            scenario, "ue_noise_figure_db", SINRSettings.noiseFigureRange, "0–20 dB", appliesWith: sinr || ecio || ci, "sinr, ecio or ci"
        )
        let lteLoad = try bounded(scenario, "lte_load_percent", SINRSettings.loadRange, "0–100", appliesWith: sinr, "sinr")
        let throughput = try scenario.bool("throughput") == true
        if throughput, !sinr { throw scenario.fault("throughput", "applies with sinr: true (the rate comes from the SINR)") }
        let rateLimit = try bounded(scenario, "throughput_limit_mbps", ThroughputSettings.limitRange, "0.01–1000 Mbps", appliesWith: throughput, "throughput")
        let handsetAntennas = try bounded(scenario, "ue_antennas", 1...4, "1–4", appliesWith: throughput, "throughput")
        if let handsetAntennas, !ThroughputSettings.handsetAntennaChoices.map(Double.init).contains(handsetAntennas) {
            throw scenario.fault("ue_antennas", "must be 1, 2 or 4 (a handset's receive antennas)")
        }
        let frame = try tddFrame(scenario, appliesWith: throughput)
        let nrLoad = try bounded(scenario, "nr_load_percent", SINRSettings.loadRange, "0–100", appliesWith: throughput, "throughput")
        let umtsLoad = try bounded(scenario, "umts_load_percent", SINRSettings.loadRange, "0–100", appliesWith: ecio, "ecio")
        let pilotShare = try bounded(scenario, "pilot_share_percent", EcIoSettings.pilotShareRange, "1–50", appliesWith: ecio, "ecio")
        let limit = try bounded(scenario, "ecio_limit_db", EcIoSettings.limitRange, "−30–0 dB", appliesWith: ecio, "ecio")
        let ciLimit = try bounded(scenario, "ci_limit_db", CarrierToInterferenceSettings.limitRange, "−10–30 dB", appliesWith: ci, "ci")
        var sinrSettings = SINRSettings(), ecioSettings = EcIoSettings(), ciSettings = CarrierToInterferenceSettings()
        try crowding(scenario, window: "rsrp_window_db", limit: "rsrp_overlap_limit", appliesWith: sinr, "sinr", into: &sinrSettings.crowding)
        try crowding(scenario, window: "pilot_window_db", limit: "active_set_size", appliesWith: ecio, "ecio", into: &ecioSettings.crowding)
        if let noiseFigure {
            (sinrSettings.noiseFigureDB, ecioSettings.noiseFigureDB, ciSettings.noiseFigureDB) = (noiseFigure, noiseFigure, noiseFigure)
        }
        if let lteLoad { sinrSettings.loadPercent = lteLoad }
        if let nrLoad { sinrSettings.nrLoadPercent = nrLoad }
        if throughput {
            let defaults = ThroughputSettings()
            sinrSettings.throughput = ThroughputSettings(
                limitMbps: rateLimit ?? defaults.limitMbps, handsetAntennas: handsetAntennas.map { Int($0) } ?? defaults.handsetAntennas,
                nrFrame: frame ?? defaults.nrFrame
            )
        }
        if let umtsLoad { ecioSettings.loadPercent = umtsLoad }
        if let pilotShare { ecioSettings.pilotSharePercent = pilotShare }
        if let limit { ecioSettings.limitDB = limit }
        if let ciLimit { ciSettings.limitDB = ciLimit }
        return (sinr ? sinrSettings : nil, ecio ? ecioSettings : nil, ci ? ciSettings : nil)
    }

    /// `nr_tdd_pattern`, 5G carriers' TDD pattern, with `throughput: true`; nil when not given.
    private static func tddFrame(_ scenario: JSONFields, appliesWith throughput: Bool) throws(InputError) -> TDDFrame? {
        guard let text = try scenario.string("nr_tdd_pattern") else { return nil }
        guard throughput else { throw scenario.fault("nr_tdd_pattern", "applies with throughput: true (it sets 5G's downlink time)") }
        do { return try TDDFrame(parsing: text) } catch { throw scenario.fault("nr_tdd_pattern", error.description) }
    }

    /// The neighbour settings with `neighbours: true`; `handover_margin_db`, `neighbour_min_percent` and
    /// `max_neighbours` without it are refused.
    static func neighbourSettings(_ scenario: JSONFields) throws(InputError) -> NeighbourSettings? {
        let on = try scenario.bool("neighbours") == true
        var settings = NeighbourSettings()
        if let margin = try bounded(scenario, "handover_margin_db", NeighbourSettings.marginRange, "1–20 dB", appliesWith: on, "neighbours") {
            settings.marginDB = margin
        }
        if let share = try bounded(scenario, "neighbour_min_percent", NeighbourSettings.minimumPercentRange, "0–100", appliesWith: on, "neighbours") {
            settings.minimumPercent = share
        }
        let most = NeighbourSettings.maximumRange
        if let maximum = try bounded(scenario, "max_neighbours", Double(most.lowerBound)...Double(most.upperBound), "1–256", appliesWith: on, "neighbours") {
            guard maximum == maximum.rounded() else { throw scenario.fault("max_neighbours", "must be a whole number") }
            settings.maximum = Int(maximum)
        }
        return on ? settings : nil
    }

    /// The traffic settings with `traffic: true`; `subscribers_percent`, `voice_merl`, `blocking_percent`, `data_kbps`,
    /// `half_rate_percent` and `operator_shares` (`{"Viettel": 55, …}`) without it are refused.
    static func trafficSettings(_ scenario: JSONFields) throws(InputError) -> TrafficSettings? {
        let on = try scenario.bool("traffic") == true
        var settings = TrafficSettings()
        for field in TrafficSettings.fields {
            if let value = try bounded(scenario, field.key, field.range, field.bounds, appliesWith: on, "traffic") { settings[keyPath: field.value] = value }
        }
        if let shares = try scenario.object("operator_shares") {
            guard on else { throw scenario.fault("operator_shares", "applies with traffic: true") }
            for name in shares.keys {
                let range = TrafficSettings.shareRange
                settings.operatorShares[name] = try bounded(shares, name, range, "0–100 %", appliesWith: true, "traffic")
            }
        }
        return on ? settings : nil
    }

    /// The crowding window and limit at keys `window` and `limit`, where given, into `crowding`.
    private static func crowding(
        _ scenario: JSONFields, window: String, limit: String, appliesWith on: Bool, _ switches: String, into crowding: inout ServerCrowding
    ) throws(InputError) {
        let limits = ServerCrowding.limitRange
        if let value = try bounded(scenario, window, ServerCrowding.windowRange, "1–15 dB", appliesWith: on, switches) { crowding.windowDB = value }
        if let value = try bounded(scenario, limit, Double(limits.lowerBound)...Double(limits.upperBound), "1–6", appliesWith: on, switches) {
            guard value == value.rounded() else { throw scenario.fault(limit, "must be a whole number") }
            crowding.limit = Int(value)
        }
    }

    /// The number at `key`, refused outside `range` (described as `bounds`) or without its switch on.
    private static func bounded(
        _ scenario: JSONFields, _ key: String, _ range: ClosedRange<Double>, _ bounds: String, appliesWith on: Bool, _ switches: String
    ) throws(InputError) -> Double? {
        guard let value = try scenario.number(key) else { return nil }
        guard on else { throw scenario.fault(key, "applies with \(switches): true") }
        guard range.contains(value) else { throw scenario.fault(key, "must be within \(bounds)") }
        return value
    }
}
