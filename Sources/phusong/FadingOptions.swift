import ArgumentParser
import Propagation

/// The climate a microwave hop fades in (`phusong path`'s and `backhaul`'s availability, ITU-R P.530).
struct FadingOptions: ParsableArguments {
    @Option(name: .customLong("rain-rate-mm-h"), parsing: .unconditional, help: "Rain rate exceeded for 0.01 % of the year, mm/h (ITU-R P.837's map; with --dn1 and --threshold-dbm): the hop's availability against rain and multipath.")
    var rainRate: Double?

    @Option(name: .customLong("dn1"), parsing: .unconditional, help: "Point refractivity gradient in the lowest 65 m not exceeded for 1 % of the year, N-units/km (ITU-R P.453's map, e.g. -400; with --rain-rate-mm-h).")
    var refractivityGradient: Double?

    func validate() throws {
        guard (rainRate == nil) == (refractivityGradient == nil) else {
            throw ValidationError("--rain-rate-mm-h and --dn1 go together: availability needs both rain and multipath")
        }
    }

    /// The climate given, or nil when none was.
    var climate: FadingClimate? {
        guard let rainRate, let refractivityGradient else { return nil }
        return FadingClimate(rainRate001: rainRate, refractivityGradient: refractivityGradient)
    }
}
