import Foundation
import Propagation

/// What a single link's transmitter radiates and what its receiver adds and needs: `phusong path`'s link budget.
public struct LinkBudgetSettings: Sendable, Equatable {
    /// Power radiated toward the receiver, dBm (transmitter power + antenna gain − feeder loss).
    public var eirpDBm: Double
    public var receiverGainDBi: Double
    public var receiverFeederLossDB: Double
    /// The receiver's sensitivity (or a technology's coverage threshold), dBm; nil to report the power alone.
    public var thresholdDBm: Double?

    public init(eirpDBm: Double, receiverGainDBi: Double = 0, receiverFeederLossDB: Double = 0, thresholdDBm: Double? = nil) {
        self.eirpDBm = eirpDBm
        self.receiverGainDBi = receiverGainDBi
        self.receiverFeederLossDB = receiverFeederLossDB
        self.thresholdDBm = thresholdDBm
    }
}

/// A link budget's figures as given — by `phusong path`'s options or a batch job's fields — before they are checked.
public struct LinkBudgetInput: Sendable, Equatable {
    public var eirpDBm: Double?
    public var transmitterPowerDBm: Double?
    public var transmitterGainDBi: Double?
    public var transmitterFeederLossDB: Double?
    public var receiverGainDBi: Double?
    public var receiverFeederLossDB: Double?
    public var thresholdDBm: Double?

    public init(
        eirpDBm: Double? = nil, transmitterPowerDBm: Double? = nil, transmitterGainDBi: Double? = nil,
        transmitterFeederLossDB: Double? = nil, receiverGainDBi: Double? = nil, receiverFeederLossDB: Double? = nil,
        thresholdDBm: Double? = nil
    ) {
        self.eirpDBm = eirpDBm
        self.transmitterPowerDBm = transmitterPowerDBm
        self.transmitterGainDBi = transmitterGainDBi
        self.transmitterFeederLossDB = transmitterFeederLossDB
        self.receiverGainDBi = receiverGainDBi
        self.receiverFeederLossDB = receiverFeederLossDB
        self.thresholdDBm = thresholdDBm
    }

    /// The figures given, by field name (`eirp_dbm`, `tx_power_dbm`, …), in that order.
    public var given: [(field: String, value: Double)] {
        [
            ("eirp_dbm", eirpDBm), ("tx_power_dbm", transmitterPowerDBm), ("tx_gain_dbi", transmitterGainDBi),
            ("tx_feeder_loss_db", transmitterFeederLossDB), ("rx_gain_dbi", receiverGainDBi),
            ("rx_feeder_loss_db", receiverFeederLossDB), ("threshold_dbm", thresholdDBm),
        ].compactMap { field, value in value.map { (field, $0) } }
    }

    /// The budget, nil when none is given; refuses figures that do not make one. `name` writes a field's name as the
    /// user wrote it (`--eirp-dbm` on the command line).
    public func settings(naming name: (String) -> String) throws(LinkBudgetError) -> LinkBudgetSettings? {
        if let bad = given.first(where: { !$0.value.isFinite }) { throw LinkBudgetError(field: bad.field, "\(name(bad.field)) must be a finite number") }
        guard eirpDBm == nil || transmitterPowerDBm == nil else {
            throw LinkBudgetError(field: "eirp_dbm", "give \(name("eirp_dbm")) or \(name("tx_power_dbm")), not both")
        }
        if transmitterPowerDBm == nil, let field = given.first(where: { ["tx_gain_dbi", "tx_feeder_loss_db"].contains($0.field) })?.field {
            throw LinkBudgetError(field: field, "\(name("tx_gain_dbi")) and \(name("tx_feeder_loss_db")) go with \(name("tx_power_dbm"))")
        }
        if let field = [("tx_feeder_loss_db", transmitterFeederLossDB), ("rx_feeder_loss_db", receiverFeederLossDB)].first(where: { ($0.1 ?? 0) < 0 })?.0 {
            throw LinkBudgetError(field: field, "\(name(field)) must be ≥ 0 dB")
        }
        let eirp = eirpDBm ?? transmitterPowerDBm.map { $0 + (transmitterGainDBi ?? 0) - (transmitterFeederLossDB ?? 0) }
        guard let eirp else {
            if let first = given.first {
                throw LinkBudgetError(field: first.field, "\(name(first.field)) needs the transmitter's power: \(name("eirp_dbm")) or \(name("tx_power_dbm"))")
            }
            return nil
        }
        return LinkBudgetSettings(
            eirpDBm: eirp, receiverGainDBi: receiverGainDBi ?? 0, receiverFeederLossDB: receiverFeederLossDB ?? 0, thresholdDBm: thresholdDBm
        )
    }
}

/// Link budget figures (or a fading climate, or the air) that do not make one: the field at fault and why.
public struct LinkBudgetError: Error, Sendable {
    public let field: String
    public let message: String

    init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// The link budget of one path: the power received at the end of the receiver's feeder, and its margin.
public struct LinkBudgetReport: Sendable, Codable, Equatable {
    public let eirpDBm: Double
    public let receiverGainDBi: Double
    public let receiverFeederLossDB: Double
    /// What the air's oxygen and water vapour absorb over the path, dB.
    public let gaseousAbsorptionDB: Double
    /// EIRP − loss − gaseous absorption + receiver gain − receiver feeder loss; nil when the model gives no loss (an
    /// obstructed `los` path).
    public let receivedPowerDBm: Double?
    public let thresholdDBm: Double?
    /// Received power − threshold: the fade margin of a point-to-point hop.
    public let marginDB: Double?
    /// True when the received power reaches the threshold; nil without a threshold.
    public let closes: Bool?

    /// The budget of `settings` over a path of `lossDB` (its location margin included) whose air absorbs
    /// `gaseousAbsorptionDB`.
    public init(_ settings: LinkBudgetSettings, lossDB: Double?, gaseousAbsorptionDB: Double) {
        eirpDBm = settings.eirpDBm
        self.gaseousAbsorptionDB = gaseousAbsorptionDB
        receiverGainDBi = settings.receiverGainDBi
        receiverFeederLossDB = settings.receiverFeederLossDB
        thresholdDBm = settings.thresholdDBm
        let received = lossDB.map { settings.eirpDBm - $0 - gaseousAbsorptionDB + settings.receiverGainDBi - settings.receiverFeederLossDB }
        let margin = settings.thresholdDBm.flatMap { threshold in received.map { $0 - threshold } }
        receivedPowerDBm = received
        marginDB = margin
        closes = settings.thresholdDBm.map { _ in (margin ?? -.infinity) >= 0 }
    }

    enum CodingKeys: String, CodingKey {
        case closes
        case eirpDBm = "eirp_dbm"
        case gaseousAbsorptionDB = "gaseous_absorption_db"
        case receiverGainDBi = "rx_gain_dbi"
        case receiverFeederLossDB = "rx_feeder_loss_db"
        case receivedPowerDBm = "received_power_dbm"
        case thresholdDBm = "threshold_dbm"
        case marginDB = "margin_db"
    }
}
