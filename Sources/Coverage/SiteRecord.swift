import Foundation
import Propagation
import Terrain

/// One site's attributes as read from a file, before validation; numbers may be absent.
struct SiteRecord {
    var id: String?
    var latitude: Double?
    var longitude: Double?
    var values: [String: Double] = [:]
    var technology: String?
    var antennaFile: String?
    /// Text properties (`labels`) by name, as given, absent when empty.
    var labels: [String: String] = [:]
    /// Attributes beyond the site's own, kept as text for the caller.
    var extra: [String: String] = [:]

    /// Numeric properties of the site formats (GeoJSON properties and CSV columns).
    static let numbers = [
        "height_m", "frequency_mhz", "eirp_dbm", "tx_power_dbm", "antenna_gain_dbi", "feeder_loss_db",
        "azimuth_deg", "beamwidth_deg", "vertical_beamwidth_deg", "tilt_deg", "electrical_tilt_deg", "threshold_dbm",
        "bandwidth_mhz", "pilot_offset_db", "ue_power_dbm", "bts_sensitivity_dbm", "arfcn", "pci", "psc", "ncc", "bcc",
        "min_tilt_deg", "max_tilt_deg", "trx", "tx_antennas", "load_percent", "scs_khz",
    ]

    /// Text properties of the site formats: the mast a site stands on and the operator whose network it belongs to.
    static let labels = ["mast", "operator"]

    /// Resource blocks of each LTE channel bandwidth (MHz), 12 subcarriers each (3GPP TS 36.101).
    static let resourceBlocks: [Double: Int] = [1.4: 6, 3: 15, 5: 25, 10: 50, 15: 75, 20: 100]

    /// Resource blocks of each NR channel bandwidth (MHz) in FR1 by subcarrier spacing (kHz), 12 subcarriers each: the
    /// maximum transmission bandwidth configuration of 3GPP TS 38.101-1, table 5.3.2-1.
    static let nrResourceBlocks: [Double: [Double: Int]] = [
        15: [5: 25, 10: 52, 15: 79, 20: 106, 25: 133, 30: 160, 35: 188, 40: 216, 45: 242, 50: 270],
        30: [
            5: 11, 10: 24, 15: 38, 20: 51, 25: 65, 30: 78, 35: 92, 40: 106, 45: 119, 50: 133, 60: 162, 70: 189, 80: 217,
            90: 245, 100: 273,
        ],
    ]

    /// Validates the record into a `Site`; pattern files are found relative to `folder`.
    func site(folder: String) throws(SiteFieldError) -> Site {
        guard let id, !id.isEmpty else { throw SiteFieldError("missing property 'id'") }
        guard let latitude, let longitude else { throw SiteFieldError("missing coordinates") }
        guard (-90...90).contains(latitude), (-180...180).contains(longitude) else {
            throw SiteFieldError("coordinates \(latitude), \(longitude) are not a latitude/longitude in degrees")
        }
        guard let height = values["height_m"] else { throw SiteFieldError("missing property 'height_m'") }
        guard let text = technology else { throw SiteFieldError("missing property 'technology'") }
        guard let technology = Technology(named: text) else {
            throw SiteFieldError("unknown technology '\(text)': expected \(Technology.namesAccepted)")
        }
        let frequency = try carrierFrequency(technology: technology)
        guard height >= 0, height <= 1_000 else { throw SiteFieldError("height_m \(height) is outside 0–1000 m") }
        guard frequency > 0 else { throw SiteFieldError("frequency_mhz \(frequency) must be positive") }
        let pattern = try patternFile(folder: folder)
        let given = try radiatedPower(pattern: pattern)
        guard (-30...100).contains(given) else { throw SiteFieldError("EIRP \(given) dBm is outside −30–100 dBm") }
        let blocks = try resourceBlocks(technology: technology)
        let eirp = given - Self.referenceSignalShare(resourceBlocks: blocks) - (try pilotOffset(technology: technology))
        return Site(
            id: id, location: GeoPoint(latitude: latitude, longitude: longitude), antennaHeight: height,
            frequencyMHz: frequency, eirpDBm: eirp, technology: technology, antenna: try antenna(pattern: pattern),
            thresholdDBm: values["threshold_dbm"], uplink: try uplink(technology: technology, frequencyMHz: frequency, pattern: pattern),
            pci: try physicalCellIdentity(technology: technology),
            psc: try wholeNumber("psc", technology: technology, owner: .umts, range: Site.pscRange, what: "primary scrambling code"),
            bsic: try baseStationIdentityCode(technology: technology), mast: labels["mast"], networkOperator: labels["operator"],
            resourceBlocks: blocks, subcarrierSpacingKHz: values["scs_khz"] ?? Site.defaultSubcarrierSpacingKHz, tiltRange: try tiltRange(),
            transceivers: try wholeNumber("trx", technology: technology, owner: .gsm, range: Site.transceiverRange, what: "count of transceivers"),
            transmitAntennas: try transmitAntennas(technology: technology),
            pilotOffsetDB: values["pilot_offset_db"], loadPercent: try load(technology: technology)
        )
    }

    /// `min_tilt_deg` and `max_tilt_deg`, either alone open on its other side: the downtilts a sector's adjustable tilt
    /// can take; nil when neither is given.
    private func tiltRange() throws(SiteFieldError) -> ClosedRange<Double>? {
        let lowest = values["min_tilt_deg"], highest = values["max_tilt_deg"]
        guard lowest != nil || highest != nil else { return nil }
        guard values["azimuth_deg"] != nil else {
            throw SiteFieldError("min_tilt_deg and max_tilt_deg need azimuth_deg (a sector's tilt turns; omni sites have none)")
        }
        let range = (lowest ?? -90, highest ?? 90)
        guard (-90...90).contains(range.0), (-90...90).contains(range.1), range.0 <= range.1 else {
            throw SiteFieldError("min_tilt_deg and max_tilt_deg must lie within −90–90, the minimum not above the maximum")
        }
        return range.0...range.1
    }

    /// The uplink's budget: the handset's power and the site's sensitivity, given or the technology's defaults, and
    /// the antenna's gain (property or pattern file) less the feeder's loss; nil when the gain is unknown.
    private func uplink(technology: Technology, frequencyMHz: Double, pattern: MSIPattern?) throws(SiteFieldError) -> Uplink? {
        let power = values["ue_power_dbm"], sensitivity = values["bts_sensitivity_dbm"]
        if let power, !(-10...45).contains(power) {
            throw SiteFieldError("ue_power_dbm \(power) is outside −10–45 dBm (a handset's transmit power)")
        }
        if let sensitivity, !(-150 ... -50).contains(sensitivity) {
            throw SiteFieldError("bts_sensitivity_dbm \(sensitivity) is outside −150 to −50 dBm (a receiver's sensitivity)")
        }
        guard let gain = values["antenna_gain_dbi"] ?? pattern?.gainDBi else {
            guard power == nil, sensitivity == nil else {
                throw SiteFieldError("ue_power_dbm and bts_sensitivity_dbm need the site's antenna gain for the uplink: give antenna_gain_dbi (and feeder_loss_db) or an antenna_file with a GAIN line")
            }
            return nil
        }
        return Uplink(
            handsetPowerDBm: power ?? technology.handsetPowerDBm(frequencyMHz: frequencyMHz),
            sensitivityDBm: sensitivity
                ?? technology.referenceSensitivityDBm(bandwidthMHz: values["bandwidth_mhz"], subcarrierSpacingKHz: values["scs_khz"]),
            antennaNetGainDB: gain - (try feederLoss()), isStated: power != nil || sensitivity != nil
        )
    }

    /// EIRP: given directly, or transmit power + antenna gain (property or pattern file) − feeder loss.
    private func radiatedPower(pattern: MSIPattern?) throws(SiteFieldError) -> Double {
        if let eirp = values["eirp_dbm"] {
            guard values["tx_power_dbm"] == nil else {
                throw SiteFieldError("give either eirp_dbm or tx_power_dbm (with antenna gain and feeder loss), not both")
            }
            return eirp
        }
        guard let power = values["tx_power_dbm"] else {
            throw SiteFieldError("missing property 'eirp_dbm' (or 'tx_power_dbm' with 'antenna_gain_dbi')")
        }
        guard let gain = values["antenna_gain_dbi"] ?? pattern?.gainDBi else {
            throw SiteFieldError("tx_power_dbm needs antenna_gain_dbi or an antenna_file with a GAIN line")
        }
        return power + gain - (try feederLoss())
    }

    /// `feeder_loss_db`, 0 when absent.
    private func feederLoss() throws(SiteFieldError) -> Double {
        let feeder = values["feeder_loss_db"] ?? 0
        guard feeder >= 0 else { throw SiteFieldError("feeder_loss_db \(feeder) must not be negative") }
        return feeder
    }

    /// With `bandwidth_mhz`, a 4G or 5G site's EIRP is its whole carrier's, and what its threshold measures (RSRP,
    /// SS-RSRP) is one resource element's: the carrier's power shared evenly over 12 subcarriers per resource block.
    /// The dB to take off; 0 without a bandwidth (the EIRP is then the reference signal's already).
    private static func referenceSignalShare(resourceBlocks blocks: Int?) -> Double {
        blocks.map { 10 * log10(Double(12 * $0)) } ?? 0
    }

    /// A 4G or 5G carrier's resource blocks from `bandwidth_mhz` (and a 5G site's `scs_khz`); nil without a bandwidth.
    private func resourceBlocks(technology: Technology) throws(SiteFieldError) -> Int? {
        let spacing = values["scs_khz"]
        if spacing != nil, technology != .nr {
            throw SiteFieldError("scs_khz applies to 5G sites (an NR carrier's subcarrier spacing)")
        }
        guard let bandwidth = values["bandwidth_mhz"] else {
            guard spacing == nil else { throw SiteFieldError("scs_khz goes with bandwidth_mhz (together they give the carrier's resource blocks)") }
            return nil
        }
        switch technology {
        case .lte:
            guard let blocks = Self.resourceBlocks[bandwidth] else {
                throw SiteFieldError("bandwidth_mhz \(bandwidth) is not an LTE channel bandwidth (1.4, 3, 5, 10, 15 or 20 MHz)")
            }
            return blocks
        case .nr:
            let kilohertz = spacing ?? Site.defaultSubcarrierSpacingKHz
            guard let table = Self.nrResourceBlocks[kilohertz] else {
                throw SiteFieldError("scs_khz \(kilohertz) is not an FR1 subcarrier spacing PhuSong takes (15 or 30 kHz)")
            }
            guard let blocks = table[bandwidth] else {
                let choices = table.keys.sorted().map { String(format: "%g", $0) }.joined(separator: ", ")
                throw SiteFieldError("bandwidth_mhz \(bandwidth) is not an NR channel bandwidth at \(String(format: "%g", kilohertz)) kHz spacing (\(choices) MHz)")
            }
            return blocks
        case .gsm, .umts:
            throw SiteFieldError("bandwidth_mhz applies to 4G and 5G sites (for RSRP); a 2G site's EIRP is its BCCH carrier's, a 3G site's takes pilot_offset_db")
        }
    }

    /// `pci`: a 4G cell's physical cell identity (0–503) or a 5G cell's (0–1007); nil when absent.
    private func physicalCellIdentity(technology: Technology) throws(SiteFieldError) -> Int? {
        guard values["pci"] == nil || technology == .lte || technology == .nr else {
            throw SiteFieldError("pci applies to 4G and 5G sites (a physical cell identity)")
        }
        let range = technology == .nr ? Site.nrPCIRange : Site.pciRange
        return try wholeNumber("pci", technology: technology, owner: technology, range: range, what: "physical cell identity")
    }

    /// The carrier, MHz: `frequency_mhz`, or a 2G site's `arfcn` (refused where the two disagree), or the technology's
    /// band.
    private func carrierFrequency(technology: Technology) throws(SiteFieldError) -> Double {
        let given = values["frequency_mhz"]
        guard let channel = values["arfcn"] else { return given ?? technology.defaultFrequencyMHz }
        guard technology == .gsm else {
            throw SiteFieldError("arfcn applies to 2G sites (a GSM channel number); give a 3G, 4G or 5G site's carrier as frequency_mhz")
        }
        guard channel == channel.rounded(), let downlink = GSMChannel.downlinkMHz(Int(exactly: channel) ?? -1) else {
            throw SiteFieldError("arfcn \(channel) is not a GSM channel number (\(GSMChannel.bands))")
        }
        if let given, abs(given - downlink) > 1e-6 {
            throw SiteFieldError("arfcn \(Int(channel)) is \(downlink) MHz but frequency_mhz is \(given): give one of them")
        }
        return downlink
    }

    /// A whole number given as `name` (a 4G site's `pci`, a 3G site's `psc`, a 2G site's `trx`) in `range`, on a site
    /// of `owner` only; nil when absent.
    private func wholeNumber(
        _ name: String, technology: Technology, owner: Technology, range: ClosedRange<Int>, what: String
    ) throws(SiteFieldError) -> Int? {
        guard let value = values[name] else { return nil }
        guard technology == owner else { throw SiteFieldError("\(name) applies to \(owner.rawValue) sites (\(what))") }
        guard let whole = Int(exactly: value), range.contains(whole) else {
            throw SiteFieldError("\(name) \(value) is not a \(what) (a whole number \(range.lowerBound)–\(range.upperBound))")
        }
        return whole
    }

    /// A 4G or 5G site's `tx_antennas`, one of 1, 2, 4 or 8; `Site.defaultTransmitAntennas` when absent.
    private func transmitAntennas(technology: Technology) throws(SiteFieldError) -> Int {
        guard let value = values["tx_antennas"] else { return Site.defaultTransmitAntennas }
        guard technology == .lte || technology == .nr else {
            throw SiteFieldError("tx_antennas applies to 4G and 5G sites (the spatial layers of their downlink)")
        }
        guard let count = Int(exactly: value), Site.transmitAntennaChoices.contains(count) else {
            throw SiteFieldError("tx_antennas \(String(format: "%g", value)) is not a count of transmit antennas (1, 2, 4 or 8)")
        }
        return count
    }

    /// A 2G site's BSIC from `ncc` and `bcc`, each a whole number 0–7, given together; nil when absent.
    private func baseStationIdentityCode(technology: Technology) throws(SiteFieldError) -> Int? {
        let ncc = values["ncc"], bcc = values["bcc"]
        guard ncc != nil || bcc != nil else { return nil }
        guard technology == .gsm else { throw SiteFieldError("ncc and bcc apply to 2G sites (a GSM cell's BSIC)") }
        guard let ncc, let bcc else { throw SiteFieldError("ncc and bcc go together (a BSIC is both)") }
        guard let colour = Int(exactly: ncc), let code = Int(exactly: bcc), (0...7).contains(colour), (0...7).contains(code) else {
            throw SiteFieldError("ncc \(ncc) and bcc \(bcc) must be whole numbers 0–7")
        }
        return 8 * colour + code
    }

    /// With `pilot_offset_db`, a 3G site's EIRP is its whole carrier's, and what its threshold measures (RSCP) is the
    /// pilot's (CPICH), that many dB lower — commonly 10 (a tenth of the power). The dB to take off; 0 without it.
    private func pilotOffset(technology: Technology) throws(SiteFieldError) -> Double {
        guard let offset = values["pilot_offset_db"] else { return 0 }
        guard technology == .umts else {
            throw SiteFieldError("pilot_offset_db applies to 3G sites (for RSCP); a 2G site's EIRP is its BCCH carrier's, a 4G site's takes bandwidth_mhz")
        }
        guard (0...30).contains(offset) else {
            throw SiteFieldError("pilot_offset_db \(offset) is outside 0–30 dB (how far the pilot lies below the carrier's power)")
        }
        return offset
    }

    /// A 3G or 4G cell's `load_percent`, 0–100; nil when absent.
    private func load(technology: Technology) throws(SiteFieldError) -> Double? {
        guard let load = values["load_percent"] else { return nil }
        guard technology != .gsm else {
            throw SiteFieldError(
                "load_percent applies to 3G, 4G and 5G sites, whose loads weigh their interference (a 2G cell's BCCH carrier always transmits at full power)"
            )
        }
        guard Site.loadRange.contains(load) else { throw SiteFieldError("load_percent \(load) is outside 0–100 %") }
        return load
    }

    private func patternFile(folder: String) throws(SiteFieldError) -> MSIPattern? {
        guard let antennaFile else { return nil }
        let path = Self.resolve(antennaFile, folder: folder)
        do {
            return try MSIPattern(contentsOf: path)
        } catch {
            throw SiteFieldError("antenna_file \(error.description)")
        }
    }

    /// A pattern file named by a site, relative to the site file's `folder` unless absolute.
    static func resolve(_ antennaFile: String, folder: String) -> String {
        antennaFile.hasPrefix("/") ? antennaFile : (folder as NSString).appendingPathComponent(antennaFile)
    }

    private func antenna(pattern file: MSIPattern?) throws(SiteFieldError) -> Antenna {
        let azimuth = values["azimuth_deg"], tilt = values["tilt_deg"] ?? 0, electrical = values["electrical_tilt_deg"] ?? 0
        guard (-90...90).contains(tilt), (-90...90).contains(electrical) else {
            throw SiteFieldError("tilt_deg and electrical_tilt_deg must be within −90–90")
        }
        let boresight = Bearing.withinTurn(degrees: azimuth ?? 0)
        if let file {
            return Antenna(pattern: .measured(file), azimuth: boresight, mechanicalTilt: tilt)
        }
        guard azimuth != nil else {
            if ["beamwidth_deg", "vertical_beamwidth_deg", "tilt_deg", "electrical_tilt_deg"].contains(where: { values[$0] != nil }) {
                throw SiteFieldError("beamwidth and tilt properties need azimuth_deg (omni sites have none of them)")
            }
            return .omni
        }
        let horizontal = values["beamwidth_deg"] ?? 65, vertical = values["vertical_beamwidth_deg"] ?? 10
        guard horizontal > 0, horizontal <= 360, vertical > 0, vertical <= 180 else {
            throw SiteFieldError("beamwidths must be within (0, 360] horizontally and (0, 180] vertically")
        }
        return Antenna(
            pattern: .parametric(horizontalBeamwidth: horizontal, verticalBeamwidth: vertical), azimuth: boresight,
            mechanicalTilt: tilt, electricalTilt: electrical
        )
    }
}

/// What is wrong with one field of one site record.
struct SiteFieldError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
