import ArgumentParser
import Workflows

/// `--sites` and `--reuse-distance-km` of the identity plans (`pci`, `psc`).
struct ReuseDistanceOptions: ParsableArguments {
    @Option(help: "The site list placing the neighbour lists' sites (by id), for --reuse-distance-km.")
    var sites: String?

    @Option(name: .customLong("reuse-distance-km"), parsing: .unconditional, help: "Sites nearer than this, neighbours or not, must not share an identity, km (needs --sites).")
    var reuseDistanceKm: Double?

    func validate() throws {
        switch (sites, reuseDistanceKm) {
        case (nil, nil): break
        case (_?, let distance?): guard distance > 0, distance <= 1_000 else { throw ValidationError("--reuse-distance-km must be within 0–1000 km") }
        case (nil, _?): throw ValidationError("--reuse-distance-km needs --sites (where the sites are)")
        case (_?, nil): throw ValidationError("--sites applies with --reuse-distance-km")
        }
    }

    /// The reuse distance asked for; nil for none.
    var reuse: ReuseDistance? {
        guard let sites, let reuseDistanceKm else { return nil }
        return ReuseDistance(metres: reuseDistanceKm * 1_000, sitesPath: sites)
    }
}
