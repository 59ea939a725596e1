import Coverage
import Foundation
import Propagation
import Terrain

/// The demo's SYNTHETIC province: twenty rectangular communes over the generated terrain, a proposal, plan
/// candidates (masts to share, greenfield sites), a claim and the batch manifest tying them together.
/// Nothing here is real data; every name says so.
enum SyntheticProvince {
    /// Three new sites proposed beside the six on air.
    static let proposal: [Site] = SyntheticDemo.sites + [
        Site(id: "CB-P01", location: GeoPoint(latitude: 22.76, longitude: 106.04), antennaHeight: 40, frequencyMHz: 900, eirpDBm: 58, technology: .gsm),
        Site(id: "CB-P02", location: GeoPoint(latitude: 22.50, longitude: 106.22), antennaHeight: 40, frequencyMHz: 1_800, eirpDBm: 60, technology: .lte),
        Site(id: "CB-P03", location: GeoPoint(latitude: 22.81, longitude: 106.41), antennaHeight: 35, frequencyMHz: 900, eirpDBm: 58, technology: .gsm),
    ]

    /// 5 × 4 communes of 0.1° × 0.1° in districts of 2 × 2, populations 1,500–9,000; the four corner communes
    /// (the remotest) are priority communes.
    static func communesGeoJSON(bounds: MapBounds) -> String {
        let columns = 5, rows = 4
        let width = (bounds.maxX - bounds.minX) / Double(columns), height = (bounds.maxY - bounds.minY) / Double(rows)
        var features: [String] = []
        for row in 0..<rows {
            for column in 0..<columns {
                let number = row * columns + column + 1
                let west = bounds.minX + Double(column) * width, south = bounds.minY + Double(row) * height
                let ring = [(west, south), (west + width, south), (west + width, south + height), (west, south + height), (west, south)]
                    .map { "[\(($0.0 * 1e6).rounded() / 1e6),\(($0.1 * 1e6).rounded() / 1e6)]" }.joined(separator: ",")
                let district = (row / 2) * 3 + column / 2 + 1
                let population = 1_500 + (number * 2_654_435_761) % 7_500
                let corner = (row == 0 || row == rows - 1) && (column == 0 || column == columns - 1)
                features.append("""
                    {"type":"Feature","properties":{"commune_id":"SYN\(String(format: "%02d", number))",\
                    "commune":"Synthetic commune \(number)","district_id":"SYND\(district)","district":"Synthetic district \(district)",\
                    "province_id":"SYNP","province":"Cao Bằng (SYNTHETIC)","population":\(population),"priority":\(corner ? 1 : 0)},\
                    "geometry":{"type":"Polygon","coordinates":[[\(ring)]]}}
                    """)
            }
        }
        return "{\"type\":\"FeatureCollection\",\"name\":\"SYNTHETIC communes (not real data)\",\"features\":[\n"
            + features.joined(separator: ",\n") + "\n]}\n"
    }

    static let siteHeader = "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology,bandwidth_mhz,trx,pilot_offset_db"

    /// The demo's 4G carriers are 20 MHz wide, and their EIRP the whole carrier's.
    static let lteBandwidthMHz = 20

    /// The EIRP a site file gives for `site`: a 3G carrier's whole, its pilot `pilot_offset_db` under it.
    static func givenEIRP(_ site: Site) -> Double { site.eirpDBm + (site.pilotOffsetDB ?? 0) }

    static func siteFields(_ site: Site) -> String {
        "\(site.id),\(site.location.latitude),\(site.location.longitude),\(site.antennaHeight),\(site.frequencyMHz),\(givenEIRP(site)),"
            + "\(site.technology.rawValue),\(site.technology == .lte ? "\(lteBandwidthMHz)" : ""),\(site.transceivers.map(String.init) ?? ""),"
            + (site.pilotOffsetDB.map { "\($0)" } ?? "")
    }

    static func csv(_ sites: [Site]) -> String {
        ([siteHeader] + sites.map(siteFields)).joined(separator: "\n") + "\n"
    }

    /// The sites on air (kept), four other operators' masts to share (cost 25, one free slot each), and
    /// greenfield sites (cost 100; two locations offer 30 m or 45 m, at most one of each).
    static func candidatesCSV(existing: [Site]) -> String {
        func site(_ id: String, _ latitude: Double, _ longitude: Double, _ height: Double) -> Site {
            Site(id: id, location: GeoPoint(latitude: latitude, longitude: longitude), antennaHeight: height, frequencyMHz: 900, eirpDBm: 58, technology: .gsm)
        }
        var rows = existing.map { siteFields($0) + ",,existing,," }
        for (index, (latitude, longitude)) in [(22.70, 106.02), (22.52, 106.18), (22.78, 106.20), (22.60, 106.42)].enumerated() {
            rows.append(siteFields(site("MAST-\(index + 1)", latitude, longitude, 30)) + ",25,shared,mast-\(index + 1),1")
        }
        for (index, (latitude, longitude)) in [(22.47, 106.00), (22.83, 106.05), (22.48, 106.44), (22.82, 106.35)].enumerated() {
            rows.append(siteFields(site("GF-\(index + 1)", latitude, longitude, 30)) + ",100,greenfield,,")
        }
        for (index, (latitude, longitude)) in [(22.66, 106.10), (22.56, 106.30)].enumerated() {
            for height in [30.0, 45.0] {
                rows.append(siteFields(site("GF-H\(index + 1)-\(Int(height))m", latitude, longitude, height)) + ",\(height == 30 ? 100 : 130),greenfield,height-\(index + 1),")
            }
        }
        return ([siteHeader + ",cost,kind,group,group_capacity"] + rows).joined(separator: "\n") + "\n"
    }

    /// The scenario every job shares (paths relative to the input folder).
    static func scenario(radiusKm: Double) -> [(String, String)] {
        [
            ("terrain", "\"synthetic_terrain.tif\""), ("population", "\"synthetic_communes.geojson\""),
            ("population_fields", "{\"priority\": \"priority\"}"), ("model", "\"itm\""), ("radius_km", "\(radiusKm)"),
        ]
    }

    /// What the evaluations check beyond coverage: 4G SINR, 2G C/I, every site's neighbours and busy hour (40 % of the
    /// residents subscribed: one operator's share).
    static let radioChecks = [("sinr", "true"), ("ci", "true"), ("neighbours", "true"), ("traffic", "true"), ("subscribers_percent", "40")]

    /// The operator's claim for the sites on air: 23.2 % of the province's residents covered (any technology).
    static func claim(radiusKm: Double) -> String {
        let fields = (scenario(radiusKm: radiusKm) + [("sites", "\"on_air.geojson\"")]).map { "    \"\($0.0)\": \($0.1)" }
        return "{\n  \"scenario\": {\n" + fields.joined(separator: ",\n") + "\n  },\n  \"claimed\": {\"province\": {\"any\": 23.2}},\n  \"tolerance_pp\": 0.5\n}\n"
    }

    static func manifest(radiusKm: Double) -> String {
        """
        # SYNTHETIC demo province around Cao Bằng city: generated terrain and communes, not real data.
        name: Cao Bằng — SYNTHETIC demo province
        output: ..
        scenarios:
          province:
        \(scenario(radiusKm: radiusKm).map { "    \($0.0): \($0.1)" }.joined(separator: "\n"))
          province-radio:
        \((scenario(radiusKm: radiusKm) + radioChecks).map { "    \($0.0): \($0.1)" }.joined(separator: "\n"))
        jobs:
          - {id: on-air, type: evaluate, scenario: province-radio, sites: on_air.geojson}
          - {id: proposal, type: evaluate, scenario: province-radio, sites: proposal.csv}
          - {id: claim, type: verify, claim: claim.json}
          - {id: shared-first-plan, type: plan, scenario: province, sites: candidates.csv, budget: 250, min_separation_m: 3000}
          - {id: retilt, type: tilt, scenario: province, sites: on_air.geojson}
          - {id: backhaul, type: backhaul, scenario: province, sites: on_air.geojson, within_km: 30, hub_field: fibre,
             tx_power_dbm: 20, tx_gain_dbi: 35, rx_gain_dbi: 35, threshold_dbm: -70, rain_rate_mm_h: 95, dn1: -400,
             water_vapour_g_m3: 17, air_temperature_c: 22}
          - {id: exposure, type: emf, scenario: province, sites: on_air.geojson}

        """
    }
}
