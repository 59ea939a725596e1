import Foundation
import Terrain

/// QGIS styles (QML) for the layers of `coverage.gpkg`, stored in its `layer_styles` table as each layer's
/// default, where QGIS looks for a GeoPackage layer's style before any `.qml` file: the communes by how far they are
/// from the coverage target, the sites' footprints as outlines, the covered areas as a light fill (what a sunset leaves
/// without coverage red), the roads' stretches and the facilities by whether they are covered, the gaps in the coverage of residents.
enum LayerStyles {
    /// A QGIS symbol of one symbol layer.
    protocol Symbol: Sendable {
        /// QGIS's symbol type ("fill", "line").
        var type: String { get }
        /// The symbol layer's class ("SimpleFill", "SimpleLine").
        var layerClass: String { get }
        /// The symbol layer's properties, in order.
        var properties: [(key: String, value: String)] { get }
    }

    /// A fill of `fill` (alpha 0–255; 0 for none) with an outline of `outline`, `width` millimetres.
    struct Fill: Symbol {
        let fill: RGB
        let alpha: Int
        let outline: RGB
        let width: Double

        var type: String { "fill" }
        var layerClass: String { "SimpleFill" }
        var properties: [(key: String, value: String)] {
            [
                ("color", "\(fill.red),\(fill.green),\(fill.blue),\(alpha)"), ("outline_color", "\(outline.red),\(outline.green),\(outline.blue),255"),
                ("outline_style", "solid"), ("outline_width", "\(width)"), ("outline_width_unit", "MM"), ("style", alpha == 0 ? "no" : "solid"),
            ]
        }
    }

    /// A solid line of `color`, `width` millimetres.
    struct Stroke: Symbol {
        let color: RGB
        let width: Double

        var type: String { "line" }
        var layerClass: String { "SimpleLine" }
        var properties: [(key: String, value: String)] {
            [
                ("line_color", "\(color.red),\(color.green),\(color.blue),255"), ("line_style", "solid"), ("line_width", "\(width)"),
                ("line_width_unit", "MM"), ("capstyle", "round"),
            ]
        }
    }

    /// A circle of `color` with a dark outline, 3 millimetres across.
    struct Marker: Symbol {
        let color: RGB

        var type: String { "marker" }
        var layerClass: String { "SimpleMarker" }
        var properties: [(key: String, value: String)] {
            [
                ("name", "circle"), ("color", "\(color.red),\(color.green),\(color.blue),255"), ("outline_color", "35,35,35,255"),
                ("outline_style", "solid"), ("outline_width", "0.4"), ("outline_width_unit", "MM"), ("size", "3"), ("size_unit", "MM"),
            ]
        }
    }

    /// A rule of a rule-based renderer: the features its QGIS expression `filter` selects, drawn with `symbol`.
    struct Rule {
        let label: String
        let filter: String
        let symbol: any Symbol
    }

    /// The communes: meeting the target (`meets_target`, judged on every resident on the terrain) green; short of it by
    /// the share of residents covered by any technology — 80 % or more, 50–80 %, under 50 % — orange to red; those
    /// without residents on the terrain grey. The rules exclude one another, so each commune is drawn once.
    static func communes(targetPercent: Double) -> String {
        let target = numberText(targetPercent)
        let colors = RGB.ramp(RGB.weakToStrong, count: 4), edge = RGB(red: 60, green: 60, blue: 60)
        func fill(_ color: RGB) -> Fill { Fill(fill: color, alpha: 170, outline: edge, width: 0.26) }
        let short = "\"meets_target\" = 'no' AND "
        return ruleBased([
            Rule(label: "meets the target (\(target) % of residents covered)", filter: "\"meets_target\" = 'yes'", symbol: fill(colors[3])),
            Rule(label: "short of the target, 80 % or more covered", filter: short + "\"residents_pct_any\" >= 80", symbol: fill(colors[2])),
            Rule(
                label: "50 % to 80 % covered", filter: short + "\"residents_pct_any\" >= 50 AND \"residents_pct_any\" < 80",
                symbol: fill(colors[1])
            ),
            Rule(label: "under 50 % covered", filter: short + "\"residents_pct_any\" < 50", symbol: fill(colors[0])),
            Rule(
                label: "no residents on the terrain", filter: "\"residents_pct_any\" IS NULL",
                symbol: fill(RGB(red: 190, green: 190, blue: 190))
            ),
        ])
    }

    /// The sites' footprints: outlines only, so that overlapping footprints stay readable.
    static let footprints = singleSymbol(Fill(fill: RGB(red: 0, green: 0, blue: 0), alpha: 0, outline: RGB(red: 43, green: 131, blue: 186), width: 0.4))

    /// The covered areas a light green fill; with `--sunset`, the area switching off leaves without coverage red; each
    /// operator's covered areas dark outlines (they overlap: filter by `operator` to see one).
    static let coverage = ruleBased([
        Rule(
            label: "covered", filter: "\"kind\" IN ('coverage', 'union')",
            symbol: Fill(fill: RGB(red: 26, green: 150, blue: 65), alpha: 90, outline: RGB(red: 26, green: 150, blue: 65), width: 0.3)
        ),
        Rule(
            label: "left without coverage by the sunset", filter: "\"kind\" = 'sunset_loss'",
            symbol: Fill(fill: RGB(red: 215, green: 25, blue: 28), alpha: 140, outline: RGB(red: 215, green: 25, blue: 28), width: 0.3)
        ),
        Rule(
            label: "an operator's coverage", filter: "\"kind\" = 'operator_coverage'",
            symbol: Fill(fill: RGB(red: 0, green: 0, blue: 0), alpha: 0, outline: RGB(red: 37, green: 37, blue: 37), width: 0.4)
        ),
    ])

    /// The roads' stretches: covered by some technology green, by none red, outside the run's area grey.
    static let roadStretches = ruleBased([
        Rule(label: "covered", filter: "\"covered_any\" = 'yes'", symbol: Stroke(color: RGB(red: 26, green: 150, blue: 65), width: 0.8)),
        Rule(label: "not covered", filter: "\"covered_any\" = 'no'", symbol: Stroke(color: RGB(red: 215, green: 25, blue: 28), width: 0.8)),
        Rule(label: "outside the run's area", filter: "\"in_area\" = 'no'", symbol: Stroke(color: RGB(red: 150, green: 150, blue: 150), width: 0.5)),
    ])

    /// The facilities: a circle, green where some technology covers it, red where none does, grey outside the run's area.
    static let facilities = ruleBased([
        Rule(label: "covered", filter: "\"covered_any\" = 'yes'", symbol: Marker(color: RGB(red: 26, green: 150, blue: 65))),
        Rule(label: "not covered", filter: "\"covered_any\" = 'no'", symbol: Marker(color: RGB(red: 215, green: 25, blue: 28))),
        Rule(label: "outside the run's area", filter: "\"in_area\" = 'no'", symbol: Marker(color: RGB(red: 150, green: 150, blue: 150))),
    ])

    /// The gaps in the coverage of residents: a purple fill with a dark outline, to stand out over the communes' colours.
    static let gaps = singleSymbol(Fill(fill: RGB(red: 118, green: 42, blue: 131), alpha: 200, outline: RGB(red: 40, green: 0, blue: 50), width: 0.4))

    /// `symbol`'s QML, numbered `name` in its renderer.
    private static func xml(_ symbol: any Symbol, name: Int) -> String {
        let properties = symbol.properties.map { "          <prop k=\"\($0.key)\" v=\"\($0.value)\"/>" }
        return """
                  <symbol type="\(symbol.type)" name="\(name)" alpha="1" clip_to_extent="1" force_rhr="0">
                    <layer class="\(symbol.layerClass)" enabled="1" locked="0" pass="0">
            \(properties.joined(separator: "\n"))
                    </layer>
                  </symbol>
            """
    }

    private static func singleSymbol(_ fill: Fill) -> String {
        document("""
              <renderer-v2 type="singleSymbol" symbollevels="0" forceraster="0" enableorderby="0">
                <symbols>
            \(xml(fill, name: 0))
                </symbols>
              </renderer-v2>
            """)
    }

    private static func ruleBased(_ rules: [Rule]) -> String {
        let entries = rules.enumerated().map { index, rule in
            "      <rule label=\"\(xmlEscaped(rule.label))\" filter=\"\(xmlEscaped(rule.filter))\" symbol=\"\(index)\"/>"
        }
        return document("""
              <renderer-v2 type="RuleRenderer" symbollevels="0" forceraster="0" enableorderby="0">
                <rules>
            \(entries.joined(separator: "\n"))
                </rules>
                <symbols>
            \(rules.enumerated().map { xml($1.symbol, name: $0) }.joined(separator: "\n"))
                </symbols>
              </renderer-v2>
            """)
    }

    private static func document(_ renderer: String) -> String {
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.0\" styleCategories=\"Symbology\">\n"
            + renderer + "\n</qgis>\n"
    }
}
