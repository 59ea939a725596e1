import Coverage
import Foundation
import Propagation
import Terrain

/// `phusong demo`: the embedded synthetic scenario. Generates the synthetic terrain around Cao Bằng city,
/// writes it and the demo sites under `input/`, then runs the footprint job on them. Every output is
/// labelled synthetic.
public enum SyntheticDemo {
    /// Six demo sites on the synthetic terrain: a mix of 2G, 3G and 4G, omni and sectors.
    public static let sites: [Site] = [
        Site(id: "CB-001", location: GeoPoint(latitude: 22.665, longitude: 106.255), antennaHeight: 36,
             frequencyMHz: 900, eirpDBm: 58, technology: .gsm),
        Site(id: "CB-002", location: GeoPoint(latitude: 22.720, longitude: 106.120), antennaHeight: 30,
             frequencyMHz: 1_800, eirpDBm: 60, technology: .lte,
             antenna: Antenna(pattern: .parametric(horizontalBeamwidth: 65, verticalBeamwidth: 10), azimuth: 120, mechanicalTilt: 2)),
        Site(id: "CB-003", location: GeoPoint(latitude: 22.580, longitude: 106.330), antennaHeight: 42,
             frequencyMHz: 2_100, eirpDBm: 58, technology: .umts),
        Site(id: "CB-004", location: GeoPoint(latitude: 22.780, longitude: 106.300), antennaHeight: 30,
             frequencyMHz: 900, eirpDBm: 56, technology: .gsm),
        Site(id: "CB-005", location: GeoPoint(latitude: 22.540, longitude: 106.080), antennaHeight: 45,
             frequencyMHz: 1_800, eirpDBm: 61, technology: .lte,
             antenna: Antenna(pattern: .parametric(horizontalBeamwidth: 90, verticalBeamwidth: 10), azimuth: 30, mechanicalTilt: 3)),
        Site(id: "CB-006", location: GeoPoint(latitude: 22.640, longitude: 106.390), antennaHeight: 36,
             frequencyMHz: 2_100, eirpDBm: 58, technology: .umts),
    ]

    /// Runs the demo into `outputDirectory` with a coverage radius of `radius` metres.
    public static func run(outputDirectory: String, radius: Double = 15_000) throws(InputError) -> FootprintSummary {
        let inputs = outputDirectory + "/input"
        do {
            try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        } catch {
            throw InputError(path: inputs, reason: "cannot create folder: \(error.localizedDescription)")
        }
        let terrainPath = inputs + "/synthetic_terrain.tif", sitesPath = inputs + "/synthetic_sites.geojson"
        let terrain = SyntheticTerrain().generate()
        try GeoTIFF.writeFloat32(
            path: terrainPath, width: terrain.width, height: terrain.height, values: terrain.values,
            georeference: RasterGeoreference(geoTransform: terrain.frame.geoTransform, crs: .epsg(4326)),
            metadata: [syntheticMetadataKey: "YES"], bandDescription: "SYNTHETIC elevation (m), not real terrain"
        )
        do {
            try sitesGeoJSON().write(toFile: sitesPath, atomically: true, encoding: .utf8)
        } catch {
            throw InputError(path: sitesPath, reason: "cannot write: \(error.localizedDescription)")
        }
        let request = FootprintRequest(
            terrainPath: terrainPath, sitesPath: sitesPath, outputDirectory: outputDirectory,
            parameters: CoverageParameters(radius: radius)
        )
        return try FootprintJob.run(request)
    }

    /// The demo sites in the site GeoJSON format.
    static func sitesGeoJSON() -> String {
        let features = sites.map { site -> String in
            var properties = [
                "\"id\":\"\(site.id)\"", "\"height_m\":\(site.antennaHeight)", "\"frequency_mhz\":\(site.frequencyMHz)",
                "\"eirp_dbm\":\(site.eirpDBm)", "\"technology\":\"\(site.technology.rawValue)\"",
            ]
            if case let .parametric(horizontal, vertical) = site.antenna.pattern {
                properties += [
                    "\"azimuth_deg\":\(site.antenna.azimuth)", "\"beamwidth_deg\":\(horizontal)",
                    "\"vertical_beamwidth_deg\":\(vertical)", "\"tilt_deg\":\(site.antenna.mechanicalTilt)",
                ]
            }
            let point = "[\(site.location.longitude),\(site.location.latitude)]"
            return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":\(point)},"
                + "\"properties\":{\(properties.joined(separator: ","))}}"
        }
        return "{\"type\":\"FeatureCollection\",\"name\":\"SYNTHETIC demo sites\",\"features\":[\n"
            + features.joined(separator: ",\n") + "\n]}\n"
    }
}
