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

/// The link budget of one path: the power received at the end of the receiver's feeder, and its margin.
public struct LinkBudgetReport: Sendable, Codable, Equatable {
    public let eirpDBm: Double
    public let receiverGainDBi: Double
    public let receiverFeederLossDB: Double
    /// EIRP − loss + receiver gain − receiver feeder loss; nil when the model gives no loss (an obstructed `los` path).
    public let receivedPowerDBm: Double?
    public let thresholdDBm: Double?
    /// Received power − threshold: the fade margin of a point-to-point hop.
    public let marginDB: Double?
    /// True when the received power reaches the threshold; nil without a threshold.
    public let closes: Bool?

    /// The budget of `settings` over a path of `lossDB` (its location margin included).
    public init(_ settings: LinkBudgetSettings, lossDB: Double?) {
        eirpDBm = settings.eirpDBm
        receiverGainDBi = settings.receiverGainDBi
        receiverFeederLossDB = settings.receiverFeederLossDB
        thresholdDBm = settings.thresholdDBm
        let received = lossDB.map { settings.eirpDBm - $0 + settings.receiverGainDBi - settings.receiverFeederLossDB }
        let margin = settings.thresholdDBm.flatMap { threshold in received.map { $0 - threshold } }
        receivedPowerDBm = received
        marginDB = margin
        closes = settings.thresholdDBm.map { _ in (margin ?? -.infinity) >= 0 }
    }

    enum CodingKeys: String, CodingKey {
        case closes
        case eirpDBm = "eirp_dbm"
        case receiverGainDBi = "rx_gain_dbi"
        case receiverFeederLossDB = "rx_feeder_loss_db"
        case receivedPowerDBm = "received_power_dbm"
        case thresholdDBm = "threshold_dbm"
        case marginDB = "margin_db"
    }
}
