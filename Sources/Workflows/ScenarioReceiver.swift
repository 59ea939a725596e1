import Coverage
import Propagation
import Terrain

extension ScenarioFields {
    /// The receiving end of the link budget, as `phusong evaluate`'s options give it: `rx_gain_dbi`, the margins
    /// `indoor_loss_db`, `body_loss_db` and `foliage_loss_db` (dB, ≥ 0), or instead of `indoor_loss_db` building
    /// penetration by frequency, `indoor_penetration` (`3gpp-low` or `3gpp-high` with `indoor_depth_m`, 0–100 m;
    /// `p2109-traditional` or `p2109-efficient`); the clutter around the handset, `handset_clutter`.
    static func receiver(_ scenario: JSONFields) throws(InputError) -> ReceiverBudget {
        var budget = ReceiverBudget()
        budget.handsetClutter = try handsetClutter(scenario)
        budget.antennaGainDBi = try scenario.number("rx_gain_dbi") ?? budget.antennaGainDBi
        func margin(_ key: String) throws(InputError) -> Double {
            guard let value = try scenario.number(key) else { return 0 }
            guard value >= 0 else { throw scenario.fault(key, "must not be negative") }
            return value
        }
        budget.indoorLossDB = try margin("indoor_loss_db")
        budget.bodyLossDB = try margin("body_loss_db")
        budget.foliageLossDB = try margin("foliage_loss_db")
        let depth = try scenario.number("indoor_depth_m")
        guard let kind = try scenario.string("indoor_penetration") else {
            if depth != nil { throw scenario.fault("indoor_depth_m", "applies with indoor_penetration") }
            return budget
        }
        guard let walls = BuildingPenetration.Walls(rawValue: kind) else {
            throw scenario.fault("indoor_penetration", "must be one of " + BuildingPenetration.Walls.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if depth != nil, !walls.countsDepth {
            throw scenario.fault("indoor_depth_m", "applies to 3GPP's buildings: P.2109's loss is the building's entry loss")
        }
        if budget.indoorLossDB != 0 {
            throw scenario.fault("indoor_loss_db", "leave it out with indoor_penetration, which gives the building loss by frequency")
        }
        if let depth, !(0...100).contains(depth) { throw scenario.fault("indoor_depth_m", "must be within 0–100 m") }
        budget.penetration = BuildingPenetration(walls: walls, depthM: depth ?? BuildingPenetration.urbanDepthM)
        return budget
    }

    /// ITU-R P.2108's clutter around the handset: `handset_clutter` (a kind), with `handset_clutter_height_m` and
    /// `handset_street_width_m` (1–100 m; P.2108's defaults without); nil without it.
    private static func handsetClutter(_ scenario: JSONFields) throws(InputError) -> HandsetClutter? {
        var sizes: [String: Double] = [:]
        for key in ["handset_clutter_height_m", "handset_street_width_m"] {
            guard let value = try scenario.number(key) else { continue }
            guard HandsetClutter.heightRangeM.contains(value) else { throw scenario.fault(key, "must be within 1–100 m") }
            sizes[key] = value
        }
        guard let name = try scenario.string("handset_clutter") else {
            if let key = sizes.keys.sorted().first { throw scenario.fault(key, "applies with handset_clutter") }
            return nil
        }
        guard let kind = HandsetClutter.Kind(rawValue: name) else {
            throw scenario.fault("handset_clutter", "must be one of " + HandsetClutter.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return HandsetClutter(
            kind: kind, heightM: sizes["handset_clutter_height_m"],
            streetWidthM: sizes["handset_street_width_m"] ?? HandsetClutter.defaultStreetWidthM
        )
    }

    /// Refuses the clutter around the handset for a model whose formula holds it already, for a handset on the
    /// ground, and beside a land-cover raster pricing the same buildings and trees.
    static func checkHandsetClutter(_ scenario: JSONFields, parameters: CoverageParameters) throws(InputError) {
        guard parameters.receiver.handsetClutter != nil else { return }
        do { try HandsetClutter.check(model: parameters.model) } catch { throw scenario.fault("handset_clutter", error.message) }
        guard parameters.receiverHeight > 0 else {
            throw scenario.fault("handset_clutter", "needs the handset above the ground: receiver_height_m > 0")
        }
        guard !scenario.contains("clutter") else {
            throw scenario.fault("handset_clutter", "clutter and handset_clutter both price the clutter around the handset: give one")
        }
    }
}
