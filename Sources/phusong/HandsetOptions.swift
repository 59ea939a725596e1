import ArgumentParser
import Coverage

/// The handset at the receiving end of every coverage command's link budget (`footprint`'s and `candidates`'): its
/// antenna gain, the building it stands in, the clutter around it, and the body and foliage margins.
struct HandsetOptions: ParsableArguments {
    @Option(name: .customLong("rx-gain-dbi"), parsing: .unconditional, help: "Receiver antenna gain, dBi.")
    var receiverGain: Double = 0

    @OptionGroup var indoor: IndoorOptions

    @OptionGroup var clutter: HandsetClutterOptions

    @Option(name: .customLong("body-loss-db"), parsing: .unconditional, help: "Body loss margin, dB.")
    var bodyLoss: Double = 0

    @Option(name: .customLong("foliage-loss-db"), parsing: .unconditional, help: "Foliage margin, dB.")
    var foliageLoss: Double = 0

    func validate() throws {
        guard receiverGain.isFinite else { throw ValidationError("--rx-gain-dbi must be a finite number") }
        guard [bodyLoss, foliageLoss].allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw ValidationError("margins must be finite numbers ≥ 0")
        }
    }

    /// The first of the options given that moves the received power; nil for a bare handset outdoors.
    var firstGiven: String? {
        receiverGain != 0 ? "--rx-gain-dbi" : indoor.firstGiven ?? clutter.firstGiven ?? (bodyLoss != 0 ? "--body-loss-db" : foliageLoss != 0 ? "--foliage-loss-db" : nil)
    }

    var budget: ReceiverBudget {
        ReceiverBudget(
            antennaGainDBi: receiverGain, indoorLossDB: indoor.flatLossDB, penetration: indoor.penetration, bodyLossDB: bodyLoss,
            foliageLossDB: foliageLoss, handsetClutter: clutter.clutter
        )
    }
}
