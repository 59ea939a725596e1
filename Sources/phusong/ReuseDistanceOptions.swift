import ArgumentParser
import Workflows

/// `--sites` and `--reuse-distance-km` of the identity plans (`pci`, `psc`).
struct ReuseDistanceOptions: ParsableArguments {
    @Option(help: "The site list holding the neighbour lists' sites (by id): where they stand, for --reuse-distance-km, and for pci their tx_antennas.")
    var sites: String?

    @Option(name: .customLong("reuse-distance-km"), parsing: .unconditional, help: "Sites nearer than this, neighbours or not, must not share an identity, km (needs --sites).")
    var reuseDistanceKm: Double?

    func validate() throws {
        switch (sites, reuseDistanceKm) {
        case (nil, nil): break
        case (_?, let distance?): guard distance > 0, distance <= 1_000 else { throw ValidationError("--reuse-distance-km must be within 0–1000 km") }
        case (nil, _?): throw ValidationError("--reuse-distance-km needs --sites (where the sites are)")
        case (_?, nil): break
        }
    }

    /// Refuses `--sites` without `--reuse-distance-km` for `command`, whose plan reads the site list for nothing else.
    func requireDistanceWithSites(for command: String) throws {
        guard sites == nil || reuseDistanceKm != nil else { throw ValidationError("--sites applies to \(command) with --reuse-distance-km") }
    }

    /// The reuse distance asked for, metres; nil for none.
    var reuseMetres: Double? { reuseDistanceKm.map { $0 * 1_000 } }
}
