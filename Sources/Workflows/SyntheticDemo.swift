import Coverage
import Foundation
import Propagation
import Terrain

/// `phusong demo`: the embedded synthetic province around Cao Bằng city — generated terrain, communes, six
/// sites on air — written as the inputs of a batch manifest. Every output is labelled synthetic.
public enum SyntheticDemo {
    /// Six demo sites on the synthetic terrain: a mix of 2G, 3G and 4G, omni and sectors; the 3G pilots 10 dB under their
    /// carriers (for `phusong emf`'s full load).
    public static let sites: [Site] = [
        Site(id: "CB-001", location: GeoPoint(latitude: 22.665, longitude: 106.255), antennaHeight: 36,
             frequencyMHz: 900, eirpDBm: 58, technology: .gsm, transceivers: 4),
        Site(id: "CB-002", location: GeoPoint(latitude: 22.720, longitude: 106.120), antennaHeight: 30,
             frequencyMHz: 1_800, eirpDBm: 60, technology: .lte,
             antenna: Antenna(pattern: .parametric(horizontalBeamwidth: 65, verticalBeamwidth: 10), azimuth: 120, mechanicalTilt: 2)),
        Site(id: "CB-003", location: GeoPoint(latitude: 22.580, longitude: 106.330), antennaHeight: 42,
             frequencyMHz: 2_100, eirpDBm: 58, technology: .umts, pilotOffsetDB: 10),
        Site(id: "CB-004", location: GeoPoint(latitude: 22.780, longitude: 106.300), antennaHeight: 30,
             frequencyMHz: 900, eirpDBm: 56, technology: .gsm, transceivers: 2),
        Site(id: "CB-005", location: GeoPoint(latitude: 22.540, longitude: 106.080), antennaHeight: 45,
             frequencyMHz: 1_800, eirpDBm: 61, technology: .lte,
             antenna: Antenna(pattern: .parametric(horizontalBeamwidth: 90, verticalBeamwidth: 10), azimuth: 30, mechanicalTilt: 3)),
        Site(id: "CB-006", location: GeoPoint(latitude: 22.640, longitude: 106.390), antennaHeight: 36,
             frequencyMHz: 2_100, eirpDBm: 58, technology: .umts, pilotOffsetDB: 10),
    ]

    /// Writes the synthetic province's inputs under `folder/input` — terrain, communes (people spread into the
    /// valleys by the dasymetric weights), the sites on air, a proposal, a claim, candidates (masts to share and
    /// greenfield sites) — and `input/manifest.yaml`, whose results go to `folder`. Returns the manifest's path.
    public static func writeInputs(into folder: String, radiusKm: Double = 10) throws(InputError) -> String {
        let inputs = folder + "/input"
        do {
            try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        } catch {
            throw InputError(path: inputs, reason: "cannot create folder: \(error.localizedDescription)")
        }
        let generator = SyntheticTerrain(), terrain = generator.generate()
        try GeoTIFF.writeFloat32(
            path: inputs + "/synthetic_terrain.tif", width: terrain.width, height: terrain.height, values: terrain.values,
            georeference: RasterGeoreference(geoTransform: terrain.frame.geoTransform, crs: .epsg(4326)),
            metadata: [syntheticMetadataKey: "YES"], bandDescription: "SYNTHETIC elevation (m), not real terrain"
        )
        let files = [
            "synthetic_communes.geojson": SyntheticProvince.communesGeoJSON(bounds: generator.bounds),
            "on_air.geojson": sitesGeoJSON(),
            "proposal.csv": SyntheticProvince.csv(SyntheticProvince.proposal),
            "candidates.csv": SyntheticProvince.candidatesCSV(existing: sites),
            "claim.json": SyntheticProvince.claim(radiusKm: radiusKm),
            "manifest.yaml": SyntheticProvince.manifest(radiusKm: radiusKm),
        ]
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            do {
                try text.write(toFile: inputs + "/" + name, atomically: true, encoding: .utf8)
            } catch {
                throw InputError(path: inputs + "/" + name, reason: "cannot write: \(error.localizedDescription)")
            }
        }
        return inputs + "/manifest.yaml"
    }

    /// The sites on the fibre network, which the backhaul job chains the others to: the city's and the north-west's.
    static let fibreSites: Set = ["CB-001", "CB-002"]

    /// The demo sites in the site GeoJSON format, with `fibre` saying which is on the fibre network.
    static func sitesGeoJSON() -> String {
        let features = sites.map { site -> String in
            var properties = [
                "\"id\":\"\(site.id)\"", "\"height_m\":\(site.antennaHeight)", "\"frequency_mhz\":\(site.frequencyMHz)",
                "\"eirp_dbm\":\(SyntheticProvince.givenEIRP(site))", "\"technology\":\"\(site.technology.rawValue)\"",
                "\"fibre\":\"\(fibreSites.contains(site.id) ? "yes" : "no")\"",
            ]
            if site.technology == .lte { properties.append("\"bandwidth_mhz\":\(SyntheticProvince.lteBandwidthMHz)") }
            if let transceivers = site.transceivers { properties.append("\"trx\":\(transceivers)") }
            if let offset = site.pilotOffsetDB { properties.append("\"pilot_offset_db\":\(offset)") }
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
