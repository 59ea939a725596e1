import ArgumentParser
import Propagation
import Workflows

/// The climate a microwave hop fades in (`phusong path`'s and `backhaul`'s availability, ITU-R P.530).
struct FadingOptions: ParsableArguments {
    @Option(name: .customLong("rain-rate-mm-h"), parsing: .unconditional, help: "Rain rate exceeded for 0.01 % of the year, mm/h (ITU-R P.837's map; with --dn1 and --threshold-dbm): the hop's availability against rain and multipath.")
    var rainRate: Double?

    @Option(name: .customLong("dn1"), parsing: .unconditional, help: "Point refractivity gradient in the lowest 65 m not exceeded for 1 % of the year, N-units/km (ITU-R P.453's map, e.g. -400; with --rain-rate-mm-h).")
    var refractivityGradient: Double?

    /// The climate given, checked against the budget it goes with; nil when none was.
    func climate(budget: LinkBudgetSettings?) throws -> FadingClimate? {
        do throws(LinkBudgetError) {
            return try FadingInput(rainRate001: rainRate, refractivityGradient: refractivityGradient)
                .climate(budget: budget, naming: LinkBudgetOptions.option)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
