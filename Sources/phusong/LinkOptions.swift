import ArgumentParser
import Coverage
import Propagation
import Workflows

/// Climate, ground, polarisation, variability and clutter class, shared by `path` and `footprint`.
struct RadioEnvironmentOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "ITM radio climate 1–7 (1 equatorial, 2 continental subtropical, 3 maritime subtropical, 4 desert, 5 continental temperate, 6/7 maritime temperate over land/sea).")
    var climate: Int = RadioClimate.continentalSubtropical.rawValue

    @Option(parsing: .unconditional, help: "Surface refractivity at sea level, N-units.")
    var refractivity: Double = 301

    @Option(help: "Polarisation: horizontal or vertical.")
    var polarization: String = "vertical"

    @Option(parsing: .unconditional, help: "Ground relative permittivity.")
    var permittivity: Double = 15

    @Option(parsing: .unconditional, help: "Ground conductivity, S/m.")
    var conductivity: Double = 0.005

    @Option(parsing: .unconditional, help: "ITM mode of variability (mdvar): 0 single message, 1 accidental, 2 mobile, 3 broadcast; +10, +20.")
    var mdvar: Int = VariabilityMode.broadcast.rawValue

    @Option(parsing: .unconditional, help: "ITM time percentage.")
    var time: Double = 50

    @Option(
        parsing: .unconditional,
        help: "Percentage of locations at which the power is reached: ITM's own variability; for the other models a log-normal margin (--location-sigma-db)."
    )
    var location: Double = 50

    @Option(
        name: .customLong("location-sigma-db"), parsing: .unconditional,
        help: "σ of location variability, dB, for models other than ITM (default: Okumura's for hata and cost231, 3GPP's by line of sight for rma, uma and umi; los, fspl and p526 need it with --location)."
    )
    var locationSigmaDB: Double?

    @Option(parsing: .unconditional, help: "ITM situation percentage.")
    var situation: Double = 50

    @Option(help: "Clutter class: urban, suburban or open (hata); medium-city or metropolitan (cost231).")
    var environment: String?

    @Option(name: .customLong("rma-building-height-m"), parsing: .unconditional, help: "rma: mean height of buildings, m (3GPP's h, 5–50).")
    var ruralBuildingHeight: Double = RuralSurroundings().buildingHeight

    @Option(name: .customLong("rma-street-width-m"), parsing: .unconditional, help: "rma: mean width of streets, m (3GPP's W, 5–50).")
    var ruralStreetWidth: Double = RuralSurroundings().streetWidth

    @Option(name: .customLong("tx-siting"), help: "ITM area mode: transmitter siting, random|careful|very-careful.")
    var transmitterSiting: String = "careful"

    @Option(name: .customLong("rx-siting"), help: "ITM area mode: receiver siting, random|careful|very-careful.")
    var receiverSiting: String = "random"

    @Flag(
        name: .customLong("los-probability"),
        help: "rma, uma, umi: where the terrain leaves a handset in sight, it is so only with 3GPP's probability that the scenario's buildings and trees leave it so too (TR 38.901 Table 7.4.2-1); the loss mixes the two cases."
    )
    var sightProbability = false

    @Flag(name: .customLong("allow-extrapolation"), help: "Use hata, cost231, rma, uma and umi outside their validity range, and buildings' losses outside their frequencies, with a warning.")
    var allowExtrapolation = false

    func validate() throws {
        guard RadioClimate(rawValue: climate) != nil else { throw ValidationError("--climate must be 1–7") }
        guard ["horizontal", "vertical"].contains(polarization) else { throw ValidationError("--polarization must be horizontal or vertical") }
        guard VariabilityMode(rawValue: mdvar) != nil else { throw ValidationError("--mdvar must be 0–3, 10–13, 20–23 or 30–33") }
        for siting in [transmitterSiting, receiverSiting] where Self.sitings[siting] == nil {
            throw ValidationError("siting must be random, careful or very-careful, got '\(siting)'")
        }
        if let environment, HataEnvironment(rawValue: environment) == nil, Cost231Environment(rawValue: environment) == nil {
            throw ValidationError("--environment must be urban, suburban, open, medium-city or metropolitan")
        }
        guard [ruralBuildingHeight, ruralStreetWidth].allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw ValidationError("--rma-building-height-m and --rma-street-width-m must be positive, finite numbers")
        }
    }

    var settings: RadioEnvironment {
        var settings = RadioEnvironment(
            itm: ITMEnvironment(
                climate: RadioClimate(rawValue: climate)!, refractivity: refractivity,
                polarization: polarization == "horizontal" ? .horizontal : .vertical, permittivity: permittivity,
                conductivity: conductivity, variability: VariabilityMode(rawValue: mdvar)!, time: time,
                location: location, situation: situation
            ),
            hata: environment.flatMap(HataEnvironment.init(rawValue:)) ?? .urban,
            cost231: environment.flatMap(Cost231Environment.init(rawValue:)) ?? .mediumCity,
            rural: RuralSurroundings(buildingHeight: ruralBuildingHeight, streetWidth: ruralStreetWidth),
            allowExtrapolation: allowExtrapolation,
            siting: (Self.sitings[transmitterSiting] ?? .careful, Self.sitings[receiverSiting] ?? .random),
            locationSigmaDB: locationSigmaDB
        )
        settings.sightProbability = sightProbability
        return settings
    }

    /// Refuses, as a command-line error, variability settings `model` cannot serve (`PathLossModel.validateVariability`).
    func validate(for model: PathLossModel) throws {
        do {
            try model.validateVariability(environment: settings)
        } catch {
            throw ValidationError(error.message)
        }
    }

    static let sitings: [String: SitingCriteria] = ["random": .random, "careful": .careful, "very-careful": .veryCareful]
}

extension PathLossModel: ExpressibleByArgument {}
extension CoverageKernel: ExpressibleByArgument {}

/// Antenna heights and frequency of a single link.
struct LinkOptions: ParsableArguments {
    @Option(name: .customLong("tx-height-m"), parsing: .unconditional, help: "Transmitter antenna height above ground, m.")
    var transmitterHeight: Double = 30

    @Option(name: .customLong("rx-height-m"), parsing: .unconditional, help: "Receiver antenna height above ground, m.")
    var receiverHeight: Double = 1.5

    @Option(name: .customLong("frequency-mhz"), parsing: .unconditional, help: "Frequency, MHz.")
    var frequencyMHz: Double = 900

    @Option(name: .customLong("k-factor"), parsing: .unconditional, help: "Effective earth radius factor for the los, fspl and p526 models and the Fresnel clearance.")
    var kFactor: Double = 4.0 / 3.0

    @OptionGroup var radio: RadioEnvironmentOptions

    func validate() throws {
        guard kFactor > 0 else { throw ValidationError("--k-factor must be positive") }
        guard frequencyMHz > 0, frequencyMHz.isFinite else { throw ValidationError("--frequency-mhz must be a positive, finite number") }
        guard [transmitterHeight, receiverHeight].allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw ValidationError("--tx-height-m and --rx-height-m must be finite numbers ≥ 0")
        }
    }

    var settings: LinkSettings {
        LinkSettings(
            transmitterHeight: transmitterHeight, receiverHeight: receiverHeight, frequencyMHz: frequencyMHz,
            environment: radio.settings, earth: EarthModel(kFactor: kFactor)
        )
    }
}
extension BuildingPenetration.Walls: ExpressibleByArgument {}
