import Coverage
import Foundation
import Terrain

/// How `--traffic` loads each site with the residents it serves in the busy hour: the share of them subscribed, the
/// voice traffic and the data rate each subscriber offers, and the grade of service voice channels are dimensioned for.
public struct TrafficSettings: Sendable, Equatable {
    /// Residents who are the network's subscribers, %.
    public var subscribersPercent: Double
    /// Busy-hour voice traffic per subscriber, millierlangs.
    public var voiceMilliErlangs: Double
    /// The share of busy-hour calls that may be blocked, %.
    public var blockingPercent: Double
    /// Busy-hour mean downlink data rate per subscriber, kbit/s (4G).
    public var dataKbps: Double
    /// 2G: the share of calls on half-rate codecs (AMR-HR), each taking half a traffic channel, %.
    public var halfRatePercent: Double
    /// Residents who are each named operator's subscribers, % (its market share); operators not named take
    /// `subscribersPercent`.
    public var operatorShares: [String: Double] = [:]

    public init(
        subscribersPercent: Double = 100, voiceMilliErlangs: Double = 25, blockingPercent: Double = 2, dataKbps: Double = 50,
        halfRatePercent: Double = 0
    ) {
        self.subscribersPercent = subscribersPercent
        self.voiceMilliErlangs = voiceMilliErlangs
        self.blockingPercent = blockingPercent
        self.dataKbps = dataKbps
        self.halfRatePercent = halfRatePercent
    }

    /// The share of the residents a site serves who are its subscribers: its operator's, or `subscribersPercent`, as a fraction.
    func subscribedShare(of site: Site) -> Double {
        (site.networkOperator.flatMap { operatorShares[$0] } ?? subscribersPercent) / 100
    }

    /// Operator shares from `--operator-shares`'s text, `NAME=PERCENT` separated by commas (`Viettel=55,VNPT=25`).
    public static func operatorShares(parsing text: String) throws(InputError) -> [String: Double] {
        var shares: [String: Double] = [:]
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = entry.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let share = Double(parts[1]), share.isFinite else {
                throw InputError(path: "--operator-shares", reason: "'\(entry)' is not OPERATOR=PERCENT (e.g. Viettel=55,VNPT=25)")
            }
            guard shareRange.contains(share) else {
                throw InputError(path: "--operator-shares", reason: "\(parts[0])'s share \(parts[1]) must be within 0–100 %")
            }
            guard shares.updateValue(share, forKey: parts[0]) == nil else {
                throw InputError(path: "--operator-shares", reason: "\(parts[0]) is given twice")
            }
        }
        return shares
    }

    /// The shares of residents an operator's subscribers may be, %.
    public static let shareRange = 0.0...100

    /// Each setting: its scenario key, its `evaluate` option, the value it sets, the values accepted and their words.
    public static var fields: [(key: String, option: String, value: WritableKeyPath<TrafficSettings, Double>, range: ClosedRange<Double>, bounds: String)] {
        [
            ("subscribers_percent", "--subscribers-percent", \.subscribersPercent, 0...100, "0–100 %"),
            ("voice_merl", "--voice-merl", \.voiceMilliErlangs, 0...1_000, "0–1000 millierlangs"),
            ("blocking_percent", "--blocking-percent", \.blockingPercent, 0.01...50, "0.01–50 %"),
            ("data_kbps", "--data-kbps", \.dataKbps, 0...100_000, "0–100000 kbit/s"),
            ("half_rate_percent", "--half-rate-percent", \.halfRatePercent, 0...100, "0–100 %"),
        ]
    }
}
