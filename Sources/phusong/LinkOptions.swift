import ArgumentParser
import Propagation
import Workflows

/// Antenna heights, frequency and ITM environment of a link.
struct LinkOptions: ParsableArguments {
    @Option(name: .customLong("tx-height-m"), help: "Transmitter antenna height above ground, m.")
    var transmitterHeight: Double = 30

    @Option(name: .customLong("rx-height-m"), help: "Receiver antenna height above ground, m.")
    var receiverHeight: Double = 1.5

    @Option(name: .customLong("frequency-mhz"), help: "Frequency, MHz.")
    var frequencyMHz: Double = 900

    @Option(help: "ITM radio climate 1–7 (1 equatorial, 2 continental subtropical, … 5 continental temperate, 7 maritime temperate over sea).")
    var climate: Int = RadioClimate.continentalSubtropical.rawValue

    @Option(help: "Surface refractivity at sea level, N-units.")
    var refractivity: Double = 301

    @Option(help: "Polarisation: horizontal or vertical.")
    var polarization: String = "vertical"

    @Option(help: "Ground relative permittivity.")
    var permittivity: Double = 15

    @Option(help: "Ground conductivity, S/m.")
    var conductivity: Double = 0.005

    @Option(help: "ITM mode of variability (mdvar): 0 single message, 1 accidental, 2 mobile, 3 broadcast; +10, +20.")
    var mdvar: Int = VariabilityMode.broadcast.rawValue

    @Option(help: "Time percentage.")
    var time: Double = 50

    @Option(help: "Location percentage.")
    var location: Double = 50

    @Option(help: "Situation percentage.")
    var situation: Double = 50

    @Option(name: .customLong("k-factor"), help: "Effective earth radius factor for the los and fspl models.")
    var kFactor: Double = 4.0 / 3.0

    func validate() throws {
        guard RadioClimate(rawValue: climate) != nil else { throw ValidationError("--climate must be 1–7") }
        guard ["horizontal", "vertical"].contains(polarization) else { throw ValidationError("--polarization must be horizontal or vertical") }
        guard VariabilityMode(rawValue: mdvar) != nil else { throw ValidationError("--mdvar must be 0–3, 10–13, 20–23 or 30–33") }
        guard kFactor > 0 else { throw ValidationError("--k-factor must be positive") }
    }

    var settings: LinkSettings {
        LinkSettings(
            transmitterHeight: transmitterHeight, receiverHeight: receiverHeight,
            environment: ITMEnvironment(
                climate: RadioClimate(rawValue: climate)!, refractivity: refractivity, frequencyMHz: frequencyMHz,
                polarization: polarization == "horizontal" ? .horizontal : .vertical, permittivity: permittivity,
                conductivity: conductivity, variability: VariabilityMode(rawValue: mdvar)!, time: time,
                location: location, situation: situation
            ),
            earth: EarthModel(kFactor: kFactor)
        )
    }
}
