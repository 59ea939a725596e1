import ArgumentParser
import Workflows

/// The air a hop crosses, whose oxygen and water vapour absorb part of its budget (`phusong path`'s and `backhaul`'s,
/// ITU-R P.676).
struct AtmosphereOptions: ParsableArguments {
    @Option(name: .customLong("water-vapour-g-m3"), parsing: .unconditional, help: "Water vapour density at the hop, g/m³ (ITU-R P.836's maps; 15-20 in the humid tropics). Default: ITU-R P.835's reference atmosphere at the hop's height (7.5 at sea level).")
    var waterVapourDensity: Double?

    @Option(name: .customLong("air-temperature-c"), parsing: .unconditional, help: "Air temperature at the hop, °C. Default: ITU-R P.835's reference atmosphere at the hop's height (15 at sea level).")
    var temperatureC: Double?

    /// The option given first, if any (for commands where it does not apply).
    var firstGiven: String? {
        waterVapourDensity != nil ? "--water-vapour-g-m3" : temperatureC != nil ? "--air-temperature-c" : nil
    }

    func validate() throws { _ = try atmosphere() }

    /// The air given, the reference atmosphere for what is not.
    func atmosphere() throws -> HopAtmosphere {
        do throws(LinkBudgetError) {
            return try HopAtmosphere(temperatureC: temperatureC, waterVapourDensity: waterVapourDensity, naming: LinkBudgetOptions.option)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
