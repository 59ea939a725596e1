import Coverage
import Propagation
import Terrain

extension ScenarioFields {
    /// The receiving end of the link budget, as `phusong evaluate`'s options give it: `rx_gain_dbi`, the margins
    /// `indoor_loss_db`, `body_loss_db` and `foliage_loss_db` (dB, ≥ 0), or instead of `indoor_loss_db` building
    /// penetration by frequency, `indoor_penetration` (`3gpp-low` or `3gpp-high` with `indoor_depth_m`, 0–100 m;
    /// `p2109-traditional` or `p2109-efficient`).
    static func receiver(_ scenario: JSONFields) throws(InputError) -> ReceiverBudget {
        var budget = ReceiverBudget()
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
}
