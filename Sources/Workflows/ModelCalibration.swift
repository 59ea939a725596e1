import Coverage
import Foundation
import Propagation
import Terrain

/// A path-loss model calibrated against drive tests, as `phusong drive-test` fits it (`calibration.csv`): each site's
/// received power gains offset + slope × log₁₀(d / 1 km), d its distance from the site held within the distances the
/// drive test measured — one correction per technology (its bands and the measurements' kind differ), or one for all.
public struct ModelCalibration: Sendable, Equatable, Codable {
    /// The file the corrections were read from.
    public let path: String
    /// The model they were fitted for: a correction fitted for one model says nothing of another's errors.
    public let model: PathLossModel
    /// At most one per technology and one for every other technology (`technology` nil).
    public let corrections: [ModelCorrection]

    public init(path: String, model: PathLossModel, corrections: [ModelCorrection]) {
        self.path = path
        self.model = model
        self.corrections = corrections
    }

    enum CodingKeys: String, CodingKey {
        case model, corrections
        case path = "file"
    }

    /// The correction for `technology`'s sites: its own, else the one for all; nil when neither is listed.
    public func correction(for technology: Technology) -> ModelCorrection? {
        corrections.first { $0.technology == technology } ?? corrections.first { $0.technology == nil }
    }

    /// `coverage` with its site's correction added to the power of every cell it reaches; as it is without one.
    func applied(to coverage: SiteCoverage, at position: MapPoint, on grid: TerrainGrid) -> SiteCoverage {
        guard let correction = correction(for: coverage.site.technology) else { return coverage }
        var power = coverage.power
        for row in 0..<coverage.height {
            for column in 0..<coverage.width where !power[row * coverage.width + column].isNaN {
                let centre = grid.center(column: coverage.column + column, row: coverage.row + row)
                let distance = ((centre.x - position.x) * (centre.x - position.x) + (centre.y - position.y) * (centre.y - position.y)).squareRoot()
                power[row * coverage.width + column] += Float(correction.decibels(atDistance: distance))
            }
        }
        return coverage.withPower(power)
    }
}

/// The dB a calibration adds to one technology's received power (or every technology's: `technology` nil).
public struct ModelCorrection: Sendable, Equatable, Codable {
    public let technology: Technology?
    public let offsetDB: Double
    /// dB per tenfold distance: above 0 where the model's loss grows too fast with distance.
    public let slopeDBPerDecade: Double
    /// The distances the correction was fitted over, km: nearer or farther it holds at its value at the nearer or
    /// farther end, rather than extrapolating a slope no measurement supports.
    public let fromKm: Double
    public let toKm: Double

    /// The largest offset, and slope per decade, a correction may take: more says the wrong run or the wrong
    /// measurements, not a model's error.
    public static let largestDB = 40.0

    public init(technology: Technology?, offsetDB: Double, slopeDBPerDecade: Double, fromKm: Double, toKm: Double) {
        self.technology = technology
        self.offsetDB = offsetDB
        self.slopeDBPerDecade = slopeDBPerDecade
        self.fromKm = fromKm
        self.toKm = toKm
    }

    /// The dB added at `distance` metres from the site.
    public func decibels(atDistance distance: Double) -> Double {
        guard slopeDBPerDecade != 0 else { return offsetDB }
        return offsetDB + slopeDBPerDecade * log10(min(max(distance / 1_000, fromKm), toKm))
    }

    /// "4G +3.98 dB -4.97 dB per decade (0.21–8.00 km)", or without a slope "all -3.00 dB", for reports.
    public var description: String {
        String(format: "%@ %+.2f dB", technologyName, offsetDB)
            + (slopeDBPerDecade == 0 ? "" : String(format: " %+.2f dB per decade (%.2f–%.2f km)", slopeDBPerDecade, fromKm, toKm))
    }

    /// "4G", or "all" for every technology.
    public var technologyName: String { technology?.rawValue ?? "all" }

    enum CodingKeys: String, CodingKey {
        case technology
        case offsetDB = "offset_db"
        case slopeDBPerDecade = "slope_db_per_decade"
        case fromKm = "from_km"
        case toKm = "to_km"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .technology)
        guard name == "all" || Technology(rawValue: name) != nil else {
            throw DecodingError.dataCorruptedError(forKey: .technology, in: container, debugDescription: "'\(name)' is not 2G, 3G, 4G, 5G or all")
        }
        technology = Technology(rawValue: name)
        offsetDB = try container.decode(Double.self, forKey: .offsetDB)
        slopeDBPerDecade = try container.decode(Double.self, forKey: .slopeDBPerDecade)
        fromKm = try container.decode(Double.self, forKey: .fromKm)
        toKm = try container.decode(Double.self, forKey: .toKm)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(technologyName, forKey: .technology)
        try container.encode(offsetDB, forKey: .offsetDB)
        try container.encode(slopeDBPerDecade, forKey: .slopeDBPerDecade)
        try container.encode(fromKm, forKey: .fromKm)
        try container.encode(toKm, forKey: .toKm)
    }
}
