import ArgumentParser
import Workflows

/// What a single link radiates and what its receiver adds and needs (`phusong path`'s and `backhaul`'s link budget).
struct LinkBudgetOptions: ParsableArguments {
    @Option(name: .customLong("eirp-dbm"), parsing: .unconditional, help: "EIRP toward the receiver, dBm (or --tx-power-dbm with the antenna).")
    var eirpDBm: Double?

    @Option(name: .customLong("tx-power-dbm"), parsing: .unconditional, help: "Transmitter power at the feeder's input, dBm.")
    var transmitterPowerDBm: Double?

    @Option(name: .customLong("tx-gain-dbi"), parsing: .unconditional, help: "Transmitting antenna's gain toward the receiver, dBi (with --tx-power-dbm).")
    var transmitterGainDBi: Double?

    @Option(name: .customLong("tx-feeder-loss-db"), parsing: .unconditional, help: "Transmitter's feeder and connector loss, dB (with --tx-power-dbm).")
    var transmitterFeederLossDB: Double?

    @Option(name: .customLong("rx-gain-dbi"), parsing: .unconditional, help: "Receiving antenna's gain, dBi.")
    var receiverGainDBi: Double?

    @Option(name: .customLong("rx-feeder-loss-db"), parsing: .unconditional, help: "Receiver's feeder and connector loss, dB.")
    var receiverFeederLossDB: Double?

    @Option(name: .customLong("threshold-dbm"), parsing: .unconditional, help: "Receiver sensitivity or coverage threshold, dBm: the margin is measured against it.")
    var thresholdDBm: Double?

    var input: LinkBudgetInput {
        LinkBudgetInput(
            eirpDBm: eirpDBm, transmitterPowerDBm: transmitterPowerDBm, transmitterGainDBi: transmitterGainDBi,
            transmitterFeederLossDB: transmitterFeederLossDB, receiverGainDBi: receiverGainDBi,
            receiverFeederLossDB: receiverFeederLossDB, thresholdDBm: thresholdDBm
        )
    }

    /// An option's name on the command line: `--eirp-dbm` for `eirp_dbm`.
    static func option(_ field: String) -> String { "--" + field.replacingOccurrences(of: "_", with: "-") }

    func validate() throws { _ = try settings() }

    /// The budget given, or nil when none was.
    func settings() throws -> LinkBudgetSettings? {
        do throws(LinkBudgetError) {
            return try input.settings(naming: Self.option)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
