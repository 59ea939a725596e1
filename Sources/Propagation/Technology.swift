/// A radio access technology with its default band and coverage threshold.
public enum Technology: String, Sendable, CaseIterable, Codable {
    case gsm = "2G"
    case umts = "3G"
    case lte = "4G"
    case nr = "5G"

    /// The technology `name` stands for: "2G", "3G", "4G", "5G", or the standard's own name, "GSM", "UMTS" (or
    /// "WCDMA"), "LTE" and "NR"; case aside.
    public init?(named name: String) {
        let aliases: [String: Technology] = ["GSM": .gsm, "UMTS": .umts, "WCDMA": .umts, "LTE": .lte, "NR": .nr]
        guard let technology = Technology(rawValue: name.uppercased()) ?? aliases[name.uppercased()] else { return nil }
        self = technology
    }

    /// The names `init(named:)` takes, for messages: "2G, 3G, 4G or 5G (or GSM, UMTS/WCDMA, LTE or NR)".
    public static let namesAccepted = "2G, 3G, 4G or 5G (or GSM, UMTS/WCDMA, LTE or NR)"

    /// Default carrier frequency: GSM 900, UMTS 2100, LTE 1800, NR 3500 (band n78).
    public var defaultFrequencyMHz: Double {
        switch self {
        case .gsm: 900
        case .umts: 2_100
        case .lte: 1_800
        case .nr: 3_500
        }
    }

    /// Default minimum received power for coverage, dBm.
    public var defaultThresholdDBm: Double {
        switch self {
        case .gsm: -95
        case .umts: -100
        case .lte, .nr: -110
        }
    }
}

/// The received-power thresholds (dBm) that count as coverage, per technology.
public struct CoverageThresholds: Sendable, Equatable {
    private var values: [Technology: Double]

    /// Defaults: 2G −95 dBm (RxLev), 3G −100 dBm (RSCP), 4G −110 dBm (RSRP), 5G −110 dBm (SS-RSRP).
    public init(overrides: [Technology: Double] = [:]) {
        values = Dictionary(uniqueKeysWithValues: Technology.allCases.map { ($0, $0.defaultThresholdDBm) })
        values.merge(overrides) { _, override in override }
    }

    public subscript(technology: Technology) -> Double {
        get { values[technology] ?? technology.defaultThresholdDBm }
        set { values[technology] = newValue }
    }
}

extension CoverageThresholds: CustomStringConvertible, CustomDebugStringConvertible {
    /// The thresholds in technology order: the same text in every process (a dictionary's order is not).
    public var description: String {
        "CoverageThresholds(" + Technology.allCases.map { "\($0.rawValue): \(self[$0])" }.joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }
}
