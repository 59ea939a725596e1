import ArgumentParser
import Workflows

/// `--backhaul-reach`: the commands whose evaluations write `masts.csv` (evaluate, plan, tilt) follow a backhaul's
/// chains to the fibre in each mast's outage.
struct BackhaulReachOption: ParsableArguments {
    @Option(name: .customLong("backhaul-reach"), help: "A backhaul's reach.csv (phusong backhaul --hub-field): each mast's outage in masts.csv also takes off air the masts whose every chain to the fibre passes through it.")
    var path: String?

    /// `residents` with the reach file, if given.
    func following(_ residents: ResidentsRequest) -> ResidentsRequest {
        var followed = residents
        followed.backhaulReachPath = path
        return followed
    }
}
