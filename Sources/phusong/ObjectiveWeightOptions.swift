import ArgumentParser
import Workflows

/// `--road-weight` and `--facility-weight`: what a plan's or a tilt search's objective counts each kilometre of road and
/// each facility covered for, in residents.
struct ObjectiveWeightOptions: ParsableArguments {
    @Option(
        name: .customLong("road-weight"),
        parsing: .unconditional,
        help: "With --roads: what each kilometre of road covered counts in the objective, in residents (0: roads reported, not weighed)."
    )
    var road = 0.0

    @Option(
        name: .customLong("facility-weight"),
        parsing: .unconditional,
        help: "With --facilities: what each facility covered counts in the objective, in residents (0: facilities reported, not weighed)."
    )
    var facility = 0.0

    var weights: ObjectiveWeights { ObjectiveWeights(road: road, facility: facility) }

    /// Each weight a number ≥ 0, and above 0 only with the layer of `options` it weighs.
    func validate(against options: SiteRunOptions) throws {
        guard road >= 0, road.isFinite else { throw ValidationError("--road-weight must be a number ≥ 0") }
        guard road == 0 || options.roads != nil else { throw ValidationError("--road-weight needs --roads (the roads it weighs)") }
        guard facility >= 0, facility.isFinite else { throw ValidationError("--facility-weight must be a number ≥ 0") }
        guard facility == 0 || options.facilities != nil else { throw ValidationError("--facility-weight needs --facilities (the facilities it weighs)") }
    }
}
