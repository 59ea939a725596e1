import ArgumentParser
import Workflows

/// What a single link radiates and what its receiver adds and needs (`phusong path`'s link budget).
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

    /// The options given, by name: a budget needs the transmitter's power, and none of them suits case files.
    var given: [String] {
        [
            ("--eirp-dbm", eirpDBm), ("--tx-power-dbm", transmitterPowerDBm), ("--tx-gain-dbi", transmitterGainDBi),
            ("--tx-feeder-loss-db", transmitterFeederLossDB), ("--rx-gain-dbi", receiverGainDBi),
            ("--rx-feeder-loss-db", receiverFeederLossDB), ("--threshold-dbm", thresholdDBm),
        ].filter { $0.1 != nil }.map(\.0)
    }

    func validate() throws {
        let values = [eirpDBm, transmitterPowerDBm, transmitterGainDBi, transmitterFeederLossDB, receiverGainDBi, receiverFeederLossDB, thresholdDBm]
        guard values.allSatisfy({ $0?.isFinite ?? true }) else { throw ValidationError("link budget figures must be finite numbers") }
        guard eirpDBm == nil || transmitterPowerDBm == nil else { throw ValidationError("give --eirp-dbm or --tx-power-dbm, not both") }
        if transmitterPowerDBm == nil, transmitterGainDBi != nil || transmitterFeederLossDB != nil {
            throw ValidationError("--tx-gain-dbi and --tx-feeder-loss-db go with --tx-power-dbm")
        }
        if settings == nil, let first = given.first {
            throw ValidationError("\(first) needs the transmitter's power: --eirp-dbm or --tx-power-dbm")
        }
        guard [transmitterFeederLossDB, receiverFeederLossDB].allSatisfy({ ($0 ?? 0) >= 0 }) else {
            throw ValidationError("feeder losses must be ≥ 0 dB")
        }
    }

    /// The budget given, or nil when no transmitter power was.
    var settings: LinkBudgetSettings? {
        let eirp = eirpDBm ?? transmitterPowerDBm.map { $0 + (transmitterGainDBi ?? 0) - (transmitterFeederLossDB ?? 0) }
        return eirp.map {
            LinkBudgetSettings(
                eirpDBm: $0, receiverGainDBi: receiverGainDBi ?? 0, receiverFeederLossDB: receiverFeederLossDB ?? 0,
                thresholdDBm: thresholdDBm
            )
        }
    }
}
