import Propagation

/// The uplink of a site's link budget: the handset transmitting, the site receiving. The path loss is the same both
/// ways, and so are the site's antenna pattern, the handset's gain and every margin, so the uplink closes exactly where
/// the downlink's received power is at least `requiredDownlinkDBm(eirpDBm:)`: a second threshold on the same raster.
public struct Uplink: Sendable, Equatable {
    /// The handset's transmit power at its antenna connector, dBm (its antenna's gain is the run's `--rx-gain-dbi`).
    public var handsetPowerDBm: Double
    /// The site's receiver sensitivity at its antenna connector, dBm: below the feeder, so a tower-mounted amplifier
    /// or receive diversity is counted by lowering it.
    public var sensitivityDBm: Double
    /// The site's antenna gain at boresight less its feeder loss, dB: what the site's side adds to the uplink.
    public var antennaNetGainDB: Double
    /// Whether the site's own record gave `ue_power_dbm` or `bts_sensitivity_dbm`: its uplink is then checked in
    /// every run, not only with `--uplink`.
    public var isStated: Bool

    public init(handsetPowerDBm: Double, sensitivityDBm: Double, antennaNetGainDB: Double, isStated: Bool = false) {
        self.handsetPowerDBm = handsetPowerDBm
        self.sensitivityDBm = sensitivityDBm
        self.antennaNetGainDB = antennaNetGainDB
        self.isStated = isStated
    }

    /// The downlink power, dBm, at and above which the uplink closes, for a site radiating `eirpDBm` of what its
    /// threshold measures. Received uplink power = downlink power − (EIRP − antenna net gain) + handset power: the
    /// site's conducted power of the measured signal is swapped for the handset's.
    public func requiredDownlinkDBm(eirpDBm: Double) -> Double {
        sensitivityDBm - handsetPowerDBm + (eirpDBm - antennaNetGainDB)
    }
}

extension Technology {
    /// The handset's maximum power by 3GPP power class, dBm: GSM 900 class 4 (2 W, 33 dBm) and DCS 1800 class 1
    /// (1 W, 30 dBm; TS 45.005), UMTS class 3 (24 dBm; TS 25.101), LTE class 3 (23 dBm; TS 36.101), NR class 3
    /// (23 dBm; TS 38.101-1; the high-power class 2's 26 dBm some bands allow is a site's `ue_power_dbm`).
    public func handsetPowerDBm(frequencyMHz: Double) -> Double {
        switch self {
        case .gsm: frequencyMHz >= 1_700 ? 30 : 33
        case .umts: 24
        case .lte, .nr: 23
        }
    }

    /// A wide-area base station's reference sensitivity, dBm: GSM's normal BTS −104 (TS 45.005), UMTS −121 for
    /// 12.2 kbps speech (TS 25.104), LTE −101.5 for its 25-resource-block reference channel, −103.0 on a 3 MHz and
    /// −106.8 on a 1.4 MHz carrier (TS 36.104), NR −101.7 with 15 kHz subcarriers and −101.8 with 30 kHz for the
    /// reference channel of about 4 MHz (G-FR1-A1-1 and -2, TS 38.104) that LTE's 25 blocks match, on any carrier. These
    /// are the standards' minimums; real receivers, with diversity, do a few dB better.
    public func referenceSensitivityDBm(bandwidthMHz: Double?, subcarrierSpacingKHz: Double? = nil) -> Double {
        switch self {
        case .gsm: -104
        case .umts: -121
        case .lte: bandwidthMHz == 1.4 ? -106.8 : bandwidthMHz == 3 ? -103.0 : -101.5
        case .nr: subcarrierSpacingKHz == 15 ? -101.7 : -101.8
        }
    }
}

/// A run that checks every site's uplink found a site whose antenna gain it does not know.
public struct UplinkError: Error, Sendable {
    public let message: String
}
