import Propagation
import Terrain

/// A base-station site: where it is, how high its antenna is mounted and what it radiates.
public struct Site: Sendable, Equatable {
    public var id: String
    public var location: GeoPoint
    /// Antenna height above ground, metres.
    public var antennaHeight: Double
    public var frequencyMHz: Double
    /// Effective isotropic radiated power at boresight, dBm.
    public var eirpDBm: Double
    public var technology: Technology
    public var antenna: AntennaPattern

    public init(
        id: String, location: GeoPoint, antennaHeight: Double, frequencyMHz: Double, eirpDBm: Double,
        technology: Technology, antenna: AntennaPattern = .omni
    ) {
        self.id = id
        self.location = location
        self.antennaHeight = antennaHeight
        self.frequencyMHz = frequencyMHz
        self.eirpDBm = eirpDBm
        self.technology = technology
        self.antenna = antenna
    }
}

/// One site's attributes as read from a file, before validation; numbers may be absent.
struct SiteRecord {
    var id: String?
    var latitude: Double?
    var longitude: Double?
    var values: [String: Double] = [:]
    var technology: String?

    /// Property names of the site formats (GeoJSON properties and CSV columns).
    static let requiredNumbers = ["height_m", "frequency_mhz", "eirp_dbm"]
    static let optionalNumbers = ["azimuth_deg", "beamwidth_deg", "tilt_deg"]

    /// Validates the record into a `Site`; the error text says which field is wrong and why.
    func site() throws(SiteFieldError) -> Site {
        guard let id, !id.isEmpty else { throw SiteFieldError("missing property 'id'") }
        guard let latitude, let longitude else { throw SiteFieldError("missing coordinates") }
        guard (-90...90).contains(latitude), (-180...180).contains(longitude) else {
            throw SiteFieldError("coordinates \(latitude), \(longitude) are not a latitude/longitude in degrees")
        }
        for name in Self.requiredNumbers where values[name] == nil {
            throw SiteFieldError("missing property '\(name)'")
        }
        guard let text = technology else { throw SiteFieldError("missing property 'technology'") }
        guard let technology = Technology(rawValue: text.uppercased()) else {
            throw SiteFieldError("unknown technology '\(text)' (expected 2G, 3G or 4G)")
        }
        let height = values["height_m"]!, frequency = values["frequency_mhz"]!, eirp = values["eirp_dbm"]!
        guard height >= 0, height <= 1_000 else { throw SiteFieldError("height_m \(height) is outside 0–1000 m") }
        guard frequency > 0 else { throw SiteFieldError("frequency_mhz \(frequency) must be positive") }
        guard (-30...100).contains(eirp) else { throw SiteFieldError("eirp_dbm \(eirp) is outside −30–100 dBm") }
        return Site(
            id: id, location: GeoPoint(latitude: latitude, longitude: longitude), antennaHeight: height,
            frequencyMHz: frequency, eirpDBm: eirp, technology: technology, antenna: try antenna()
        )
    }

    private func antenna() throws(SiteFieldError) -> AntennaPattern {
        let azimuth = values["azimuth_deg"], beamwidth = values["beamwidth_deg"], tilt = values["tilt_deg"]
        guard let azimuth else {
            if beamwidth != nil || tilt != nil {
                throw SiteFieldError("beamwidth_deg and tilt_deg need azimuth_deg (omni sites have none of them)")
            }
            return .omni
        }
        let width = beamwidth ?? 65
        guard width > 0, width <= 360 else { throw SiteFieldError("beamwidth_deg \(width) is outside (0, 360]") }
        guard (-90...90).contains(tilt ?? 0) else { throw SiteFieldError("tilt_deg \(tilt ?? 0) is outside −90–90") }
        let normalized = (azimuth.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360)
        return .sector(azimuth: normalized, beamwidth: width, downtilt: tilt ?? 0, verticalBeamwidth: 10)
    }
}

/// What is wrong with one field of one site record.
struct SiteFieldError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
