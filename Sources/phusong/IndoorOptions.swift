import ArgumentParser
import Propagation

/// The building a handset stands in (`footprint`'s receiver and `path`'s): one loss for every band, or 3GPP's by
/// frequency with its spread from building to building.
struct IndoorOptions: ParsableArguments {
    @Option(name: .customLong("indoor-loss-db"), parsing: .unconditional, help: "Building penetration margin, dB, the same for every band.")
    var flatLossDB: Double = 0

    @Option(
        name: .customLong("indoor-penetration"),
        help: "Building penetration by frequency, 3GPP TR 38.901's: 3gpp-low (glass and concrete, older buildings) or 3gpp-high (infrared-reflecting glass); or ITU-R P.2109's entry loss: p2109-traditional or p2109-efficient (thermally efficient); instead of --indoor-loss-db."
    )
    var walls: BuildingPenetration.Walls?

    @Option(name: .customLong("indoor-depth-m"), parsing: .unconditional, help: "With --indoor-penetration: the handset's depth inside, m (0.5 dB a metre; default 25/3, 38.901's mean in towns; 10/3 its rural one).")
    var depthM: Double?

    func validate() throws {
        guard flatLossDB >= 0, flatLossDB.isFinite else { throw ValidationError("--indoor-loss-db must be a finite number ≥ 0") }
        if walls != nil, flatLossDB != 0 {
            throw ValidationError("--indoor-penetration gives the building loss by frequency: leave out --indoor-loss-db")
        }
        if let depthM {
            guard let walls else { throw ValidationError("--indoor-depth-m goes with --indoor-penetration") }
            guard walls.countsDepth else {
                throw ValidationError("--indoor-depth-m is for 3GPP's buildings: P.2109's loss is the building's entry loss")
            }
            guard (0...100).contains(depthM) else { throw ValidationError("--indoor-depth-m must be within 0–100 m") }
        }
    }

    /// The first of the building's options given (`--indoor-depth-m` needs `--indoor-penetration`); nil outdoors.
    var firstGiven: String? {
        walls != nil ? "--indoor-penetration" : flatLossDB != 0 ? "--indoor-loss-db" : nil
    }

    /// The building by frequency asked for; nil without `--indoor-penetration`.
    var penetration: BuildingPenetration? {
        walls.map { BuildingPenetration(walls: $0, depthM: depthM ?? BuildingPenetration.urbanDepthM) }
    }
}
