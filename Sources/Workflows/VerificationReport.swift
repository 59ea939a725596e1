import Foundation
import Planning
import Propagation

/// What `phusong verify` found: one row per claimed figure, the inputs' digests and every setting used.
public struct VerificationReport: Sendable, Codable, Equatable {
    /// One claimed figure against the recomputed one.
    public struct Row: Sendable, Codable, Equatable {
        /// E.g. "province · any", "commune 2050701 (Bat Xat) · 2G", "footprint".
        public let item: String
        public let claimed: Double
        public let computed: Double
        /// Unit of `claimed` and `computed`: "%" of residents or of a land-cover class's cells, "km²" for a footprint, or
        /// "residents" for the largest gap in coverage.
        public let valueUnit: String
        /// claimed − computed (percentage points, or residents for the largest gap, which passes when it is not
        /// negative), or for a footprint the claimed area outside the computed one (%).
        public let difference: Double
        public let tolerance: Double
        /// Unit of `difference` and `tolerance`: "pp" (percentage points), "% of claimed area" or "residents".
        public let unit: String
        public let pass: Bool

        enum CodingKeys: String, CodingKey {
            case item, claimed, computed, difference, tolerance, unit, pass
            case valueUnit = "value_unit"
        }
    }

    public struct Input: Sendable, Codable, Equatable {
        public let path: String
        public let sha256: String
    }

    public let engine: String
    public let claim: String
    public let passed: Bool
    public let syntheticTerrain: Bool
    public let rows: [Row]
    public let inputs: [Input]
    /// The recomputed run's summary: every model parameter, the grid, the residents' figures.
    public let computed: FootprintSummary
    /// Outlines repaired while reading the claimed footprint.
    public let repairs: [String]

    enum CodingKeys: String, CodingKey {
        case engine, claim, passed, rows, inputs, computed, repairs
        case syntheticTerrain = "synthetic_terrain"
    }

    public func json() -> String { reportJSON(self) + "\n" }

    /// The human-readable report: verdict, table, the recomputed run's warnings, inputs with digests, settings.
    public func markdown() -> String {
        var lines = [
            "# Coverage claim verification", "",
            "**\(passed ? "PASS" : "FAIL")** — \(rows.filter(\.pass).count) of \(rows.count) claimed figures within tolerance.",
            "", "Claim: `\(claim)`  ", "Engine: \(engine)  ",
        ]
        if syntheticTerrain { lines.append("**Terrain is SYNTHETIC**: the figures are not real-world coverage.  ") }
        lines += ["", "| item | claimed | computed | difference | tolerance | result |", "|---|---:|---:|---:|---:|---|"]
        for row in rows {
            let claimed = String(format: "%.2f", row.claimed), computed = String(format: "%.2f", row.computed)
            let difference = String(format: "%+.2f", row.difference), tolerance = String(format: "%.2f", row.tolerance)
            lines.append(
                "| \(row.item) | \(claimed) \(row.valueUnit) | \(computed) \(row.valueUnit) | \(difference) \(row.unit) | \(tolerance) \(row.unit) | \(row.pass ? "PASS" : "FAIL") |"
            )
        }
        if !computed.warnings.isEmpty {
            // What the recomputation itself warns of — sites reaching beyond the terrain, models beyond their
            // validated range — bears on how far its figures can be trusted.
            lines += ["", "## Warnings of the recomputed run", ""] + computed.warnings.map { "- \($0)" }
        }
        lines += ["", "## Inputs", "", "| file | sha256 |", "|---|---|"]
        lines += inputs.map { "| `\($0.path)` | `\($0.sha256)` |" }
        let c = computed
        lines += [
            "", "## Settings", "",
            "- model \(c.model) (kernel \(c.settings.kernel), ran \(c.settings.kernelUsed)), radius \(c.radiusKm) km, grid \(c.crs) at \(c.resolutionM) m (\(c.gridWidth) × \(c.gridHeight))",
            "- k-factor \(c.kFactor.map { String($0) } ?? "∞ (flat earth)"), receiver height \(c.receiverHeightM) m, thresholds \(c.thresholdsDBm.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) dBm" }.joined(separator: ", "))",
            "- ITM climate \(c.settings.climate), refractivity \(c.settings.refractivityN) N, \(c.settings.polarization) polarisation, time/location/situation \(c.settings.timePercent)/\(c.settings.locationPercent)/\(c.settings.situationPercent) %",
        ] + linkBudgetLines(c) + [
            "- residents from: \(c.residents?.residentsFrom ?? "–"), target \(c.residents?.targetPercent ?? 0) %",
            "- every setting: `verification.json` → `computed`; recomputed outputs in `computed/`; footprint differences in `differences.geojson`",
        ]
        lines += repairs.map { "- repaired: \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The settings lines for the handset (outdoors or in which building), for a location percentage's margins, for
    /// clutter, for a model calibration and for the uplink, when the run had them.
    private func linkBudgetLines(_ c: FootprintSummary) -> [String] {
        var lines = [Self.handsetLine(c)]
        let margins = c.siteAreas.map(\.locationMarginDB), percent = c.settings.locationPercent
        if let least = margins.min(), let most = margins.max(), least != 0 || most != 0 {
            let sigma = c.settings.locationSigmaDB.map { "σ \($0) dB" } ?? "Okumura's σ"
            let indoor = c.settings.indoorPenetration == nil ? "" : " joined with the buildings'"
            lines.append(String(format: "- coverage at %g %% of locations (%@%@): margins of %.2f–%.2f dB off the sites' power", percent, sigma, indoor, least, most))
        } else if percent != 50, let spread = ["itm": "ITM's own location variability", "rma": "3GPP's σ by line of sight and distance", "uma": "3GPP's σ by line of sight", "umi": "3GPP's σ by line of sight"][c.model] {
            let indoor = c.settings.indoorPenetration == nil ? "" : ", joined with the buildings' σ"
            lines.append(String(format: "- coverage at %g %% of locations: %@ in every cell%@", percent, spread, indoor))
        }
        if c.settings.sightProbability {
            lines.append("- line of sight: where the terrain leaves a cell in sight, only with 3GPP's probability (TR 38.901 Table 7.4.2-1), the two cases' spreads mixed")
        }
        if let kind = c.settings.handsetClutter, let height = c.settings.handsetClutterHeightM,
            let street = c.settings.handsetStreetWidthM, let modelHeight = c.settings.modelReceiverHeightM
        {
            let losses = c.siteAreas.compactMap(\.handsetClutterLossDB)
            lines.append(String(
                format: "- clutter around the handset (ITU-R P.2108 §3.1): %@, %g m tall, streets %g m wide; the model took the handset at %g m and the sites' power lost %@ dB more",
                kind, height, street, modelHeight, Self.span(losses.min() ?? 0, losses.max() ?? 0)
            ))
        }
        if let clutter = c.clutter {
            let table = clutter.lossesDB.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map { "\($0.key) \($0.value) dB" }
            lines.append("- clutter: `\(clutter.raster)`, losses `\(clutter.losses)` (class \(table.joined(separator: ", ")))")
        }
        if let calibration = c.calibration {
            lines.append("- model calibrated by `\(calibration.path)`: \(calibration.corrections.map(\.description).joined(separator: "; "))")
        }
        let uplinks = c.siteAreas.compactMap(\.uplink)
        if !uplinks.isEmpty {
            let limited = uplinks.filter { $0.limitingLink == "uplink" }.count
            lines.append("- uplink checked on \(uplinks.count) of \(c.siteAreas.count) sites (handset power, site sensitivity and antenna gain in `verification.json`); it limits the coverage of \(limited)")
        }
        return lines
    }

    /// "a" when `least` and `most` print alike to one decimal, else "a–b".
    private static func span(_ least: Double, _ most: Double) -> String {
        let (a, b) = (String(format: "%.1f", least), String(format: "%.1f", most))
        return a == b ? a : a + "–" + b
    }

    /// Where the coverage was computed for: a handset outdoors, or inside buildings (3GPP's or P.2109's by band, or one
    /// loss), with its antenna gain and the body and foliage margins.
    private static func handsetLine(_ c: FootprintSummary) -> String {
        let s = c.settings, losses = c.siteAreas.map(\.indoorLossDB)
        let place: String
        if let walls = s.indoorPenetration.flatMap(BuildingPenetration.Walls.init(rawValue:)), let least = losses.min(), let most = losses.max() {
            let building = BuildingPenetration(walls: walls)
            let sigmas = c.siteAreas.map { building.sigmaDB(frequencyMHz: $0.frequencyMHz, locationPercent: s.locationPercent) }
            let depth = s.indoorDepthM.map { String(format: ", %.2f m in", $0) } ?? ""
            let steep = !walls.growsWithElevation ? "" : " at level incidence, more on steep paths"
            place = String(format: "inside %@ buildings%@: %@ dB by band%@ (σ %@ dB)", walls.rawValue, depth, Self.span(least, most),
                           steep, Self.span(sigmas.min() ?? 0, sigmas.max() ?? 0))
        } else {
            place = s.indoorLossDB > 0 ? String(format: "indoors: %.1f dB of building loss in every band", s.indoorLossDB) : "outdoors"
        }
        return String(format: "- handset %@; antenna gain %g dBi, body loss %g dB, foliage %g dB", place, s.receiverGainDBi, s.bodyLossDB, s.foliageLossDB)
    }
}
