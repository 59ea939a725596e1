import Foundation
import Propagation
import Terrain

/// A base-station site: where it is, how high its antenna is mounted and what it radiates.
public struct Site: Sendable, Equatable {
    public var id: String
    public var location: GeoPoint
    /// Antenna height above ground, metres.
    public var antennaHeight: Double
    public var frequencyMHz: Double
    /// Effective isotropic radiated power at boresight, dBm, of what the technology's threshold measures: a 2G
    /// site's BCCH carrier (RxLev), a 3G site's pilot (CPICH, RSCP), a 4G site's reference signal in one resource
    /// element (RSRP), a 5G site's synchronisation signal in one resource element (SS-RSRP).
    public var eirpDBm: Double
    public var technology: Technology
    public var antenna: Antenna
    /// This site's coverage threshold, overriding the run's threshold for its technology.
    public var thresholdDBm: Double?
    /// The uplink's budget, when the site's antenna gain is known (nil for a site given its EIRP alone).
    public var uplink: Uplink?
    /// A 4G cell's physical cell identity (0–503), whose value mod 3 sets the subcarriers of its reference signals, or a
    /// 5G cell's (0–1007).
    public var pci: Int?
    /// A 3G cell's primary scrambling code (0–511), which tells cells on one carrier apart.
    public var psc: Int?
    /// A 2G cell's base station identity code, 8 × NCC + BCC (0–63), which tells cells on one BCCH apart.
    public var bsic: Int?
    /// The mast (tower, site in a site database) the site's antenna stands on, which its other sectors share.
    public var mast: String?
    /// The operator whose network the site belongs to (`operator`), whose handsets only its sites serve; nil when not
    /// given.
    public var networkOperator: String?
    /// A 4G or 5G carrier's resource blocks of 12 subcarriers (a 4G carrier's 100 at 20 MHz, a 5G carrier's 273 at
    /// 100 MHz and 30 kHz spacing), from `bandwidth_mhz` (and a 5G site's `scs_khz`); nil when not given.
    public var resourceBlocks: Int?
    /// A 5G carrier's subcarrier spacing, kHz (15 or 30), from `scs_khz`; `Site.defaultSubcarrierSpacingKHz` when not
    /// given, and for other technologies (whose carriers LTE's 15 kHz or none).
    public var subcarrierSpacingKHz: Double
    /// The downtilts a sector's adjustable tilt can take (its remote electrical tilt's range, or its bracket's), degrees,
    /// from `min_tilt_deg` and `max_tilt_deg`; nil when not given.
    public var tiltRange: ClosedRange<Double>?
    /// A 2G cell's transceivers (TRX), from `trx`, whose traffic channels `--traffic` weighs its busy hour against; nil
    /// when not given.
    public var transceivers: Int?
    /// A 4G or 5G cell's transmit antennas (a 4G cell's antenna ports, its 2T2R's 2), from `tx_antennas`: the most
    /// spatial layers its downlink can send (`--throughput`), and with one alone a 4G cell's reference signals' finer
    /// shift (`--sinr`); 2, the usual macro cell's, when not given.
    public var transmitAntennas: Int
    /// How far a 3G site's pilot lies below its carrier's power, dB, from `pilot_offset_db`; nil when not given (its EIRP
    /// is then the pilot's alone).
    public var pilotOffsetDB: Double?
    /// A 3G, 4G or 5G cell's own load, percent, from `load_percent` (its busy hour's, from the network's counters): of
    /// its power beyond the pilot (3G) or of its resource elements beyond the reference signals (4G) or the SS/PBCH
    /// blocks (5G: for its data's interference, its rate; SS-SINR counts it whole) that it fills, for the interference
    /// it causes; nil when not given (the run's load then).
    public var loadPercent: Double?

    public init(
        id: String, location: GeoPoint, antennaHeight: Double, frequencyMHz: Double, eirpDBm: Double,
        technology: Technology, antenna: Antenna = .omni, thresholdDBm: Double? = nil, uplink: Uplink? = nil, pci: Int? = nil,
        psc: Int? = nil, bsic: Int? = nil, mast: String? = nil, networkOperator: String? = nil, resourceBlocks: Int? = nil,
        subcarrierSpacingKHz: Double = Site.defaultSubcarrierSpacingKHz, tiltRange: ClosedRange<Double>? = nil,
        transceivers: Int? = nil, transmitAntennas: Int = Site.defaultTransmitAntennas, pilotOffsetDB: Double? = nil,
        loadPercent: Double? = nil
    ) {
        self.id = id
        self.location = location
        self.antennaHeight = antennaHeight
        self.frequencyMHz = frequencyMHz
        self.eirpDBm = eirpDBm
        self.technology = technology
        self.antenna = antenna
        self.thresholdDBm = thresholdDBm
        self.uplink = uplink
        self.pci = pci
        self.psc = psc
        self.bsic = bsic
        self.mast = mast
        self.networkOperator = networkOperator
        self.resourceBlocks = resourceBlocks
        self.subcarrierSpacingKHz = subcarrierSpacingKHz
        self.tiltRange = tiltRange
        self.transceivers = transceivers
        self.transmitAntennas = transmitAntennas
        self.pilotOffsetDB = pilotOffsetDB
        self.loadPercent = loadPercent
    }

    /// The EIRP at boresight of all the site radiates at full load, dBm: a 2G site's transceivers each as strong as its
    /// BCCH carrier, a 3G carrier's power (its pilot's EIRP and `pilot_offset_db`), a 4G carrier's every resource element
    /// as strong as its reference signal on each of its transmit antennas, a 5G carrier's every resource element as
    /// strong as its synchronisation signal (its EIRP in the beam is the whole array's). Nil when the site file leaves it unknown:
    /// `fullLoadMissing` says what to give.
    public var fullLoadEIRPDBm: Double? {
        let decibels = { (count: Int) in 10 * log10(Double(count)) }
        return switch technology {
        case .gsm: transceivers.map { eirpDBm + decibels($0) }
        case .umts: pilotOffsetDB.map { eirpDBm + $0 }
        case .lte: resourceBlocks.map { eirpDBm + decibels(12 * $0) + decibels(transmitAntennas) }
        case .nr: resourceBlocks.map { eirpDBm + decibels(12 * $0) }
        }
    }

    /// The bandwidth a 4G or 5G carrier's resource blocks occupy, MHz: 12 subcarriers each, of 15 kHz (4G) or the
    /// carrier's spacing (5G) — 18 MHz for 4G's 20 MHz channel, 98.28 MHz for 5G's 100 MHz at 30 kHz. Nil without
    /// `resourceBlocks`, and for 2G and 3G.
    public var occupiedBandwidthMHz: Double? {
        switch technology {
        case .lte: resourceBlocks.map { Double($0) * 0.18 }
        case .nr: resourceBlocks.map { Double(12 * $0) * subcarrierSpacingKHz / 1_000 }
        case .gsm, .umts: nil
        }
    }

    /// What the site file must give for `fullLoadEIRPDBm`.
    public var fullLoadMissing: String {
        switch technology {
        case .gsm: "trx (its transceivers, each radiating as its BCCH carrier)"
        case .umts: "pilot_offset_db (its eirp_dbm is then the carrier's)"
        case .lte: "bandwidth_mhz (its eirp_dbm is then one antenna port's whole carrier)"
        case .nr: "bandwidth_mhz, with scs_khz unless 30 (its eirp_dbm is then the whole carrier's)"
        }
    }

    /// The physical cell identities there are: 168 groups of three.
    public static let pciRange = 0...503

    /// The physical cell identities a 5G cell may take: 336 groups of three.
    public static let nrPCIRange = 0...1007

    /// The primary scrambling codes there are: 64 groups of eight.
    public static let pscRange = 0...511

    /// The loads a 3G, 4G or 5G cell may be given (`load_percent`), percent.
    public static let loadRange = 0.0...100

    /// The transceivers a 2G cell may be given: one to 24, more than any single GSM cell is built with.
    public static let transceiverRange = 1...24

    /// The transmit antennas a 4G or 5G cell may be given: LTE and NR send a handset up to eight spatial layers.
    public static let transmitAntennaChoices = [1, 2, 4, 8]
    /// A 4G or 5G cell's transmit antennas when not given: the usual macro cell's two.
    public static let defaultTransmitAntennas = 2

    /// A 5G site's subcarrier spacing when `scs_khz` is not given: mid-band's (n78's) usual 30 kHz.
    public static let defaultSubcarrierSpacingKHz = 30.0
}
