import Terrain

extension ScenarioFields {
    /// The SINR settings with `sinr: true` and the Ec/Io settings with `ecio: true`; their figures without them are
    /// refused, as they would change nothing. `ue_noise_figure_db` serves both.
    static func signalQuality(_ scenario: JSONFields) throws(InputError) -> (SINRSettings?, EcIoSettings?) {
        let sinr = try scenario.bool("sinr") == true, ecio = try scenario.bool("ecio") == true
        let noiseFigure = try bounded(scenario, "ue_noise_figure_db", SINRSettings.noiseFigureRange, "0–20 dB", appliesWith: sinr || ecio, "sinr or ecio")
        let lteLoad = try bounded(scenario, "lte_load_percent", SINRSettings.loadRange, "0–100", appliesWith: sinr, "sinr")
        let umtsLoad = try bounded(scenario, "umts_load_percent", SINRSettings.loadRange, "0–100", appliesWith: ecio, "ecio")
        let pilotShare = try bounded(scenario, "pilot_share_percent", EcIoSettings.pilotShareRange, "1–50", appliesWith: ecio, "ecio")
        let limit = try bounded(scenario, "ecio_limit_db", EcIoSettings.limitRange, "−30–0 dB", appliesWith: ecio, "ecio")
        let window = try bounded(scenario, "pilot_window_db", EcIoSettings.pilotWindowRange, "1–15 dB", appliesWith: ecio, "ecio")
        let activeSet = try bounded(
            scenario, "active_set_size", Double(EcIoSettings.activeSetRange.lowerBound)...Double(EcIoSettings.activeSetRange.upperBound),
            "1–6", appliesWith: ecio, "ecio"
        )
        if let activeSet, activeSet != activeSet.rounded() { throw scenario.fault("active_set_size", "must be a whole number") }
        var sinrSettings = SINRSettings(), ecioSettings = EcIoSettings()
        if let noiseFigure { (sinrSettings.noiseFigureDB, ecioSettings.noiseFigureDB) = (noiseFigure, noiseFigure) }
        if let lteLoad { sinrSettings.loadPercent = lteLoad }
        if let umtsLoad { ecioSettings.loadPercent = umtsLoad }
        if let pilotShare { ecioSettings.pilotSharePercent = pilotShare }
        if let limit { ecioSettings.limitDB = limit }
        if let window { ecioSettings.pilotWindowDB = window }
        if let activeSet { ecioSettings.activeSetSize = Int(activeSet) }
        return (sinr ? sinrSettings : nil, ecio ? ecioSettings : nil)
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
