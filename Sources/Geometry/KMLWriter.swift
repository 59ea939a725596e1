import Foundation
import Terrain

/// A KML placemark: a shape in WGS84 — polygons, a point or lines — with a name, a description and a style.
public struct KMLPlacemark: Sendable {
    /// What a placemark marks, in longitude/latitude.
    public enum Shape: Sendable {
        case polygons(MultiPolygon)
        case point(MapPoint)
        case lines([[MapPoint]])
    }

    public let name: String
    public let description: String
    /// Id of a style of the document.
    public let style: String
    public let shape: Shape

    public init(name: String, description: String, style: String, shape: MultiPolygon) {
        self.init(name: name, description: description, style: style, shape: .polygons(shape))
    }

    public init(name: String, description: String, style: String, shape: Shape) {
        self.name = name
        self.description = description
        self.style = style
        self.shape = shape
    }
}

/// A style: polygons' fill and outline colours and points' icon colour, as RGBA.
public struct KMLStyle: Sendable {
    public let id: String
    public let fill: (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)
    public let line: (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)
    public let lineWidth: Double
    /// The colour Google Earth tints a point's icon with; nil leaves it as it is.
    public let icon: (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)?

    public init(
        id: String, fill: (UInt8, UInt8, UInt8, UInt8), line: (UInt8, UInt8, UInt8, UInt8), lineWidth: Double = 1,
        icon: (UInt8, UInt8, UInt8, UInt8)? = nil
    ) {
        self.id = id
        self.fill = fill
        self.line = line
        self.lineWidth = lineWidth
        self.icon = icon.map { (red: $0.0, green: $0.1, blue: $0.2, alpha: $0.3) }
    }
}

/// Writes KML 2.2 documents (what Google Earth opens): styles, then folders of placemarks.
public enum KMLWriter {
    public static func document(name: String, styles: [KMLStyle], folders: [(name: String, placemarks: [KMLPlacemark])]) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#, #"<kml xmlns="http://www.opengis.net/kml/2.2">"#, "<Document>",
            "<name>\(xmlEscaped(name))</name>",
        ]
        for style in styles {
            lines.append(
                "<Style id=\"\(xmlEscaped(style.id))\">" + (style.icon.map { "<IconStyle><color>\(kmlColor($0))</color></IconStyle>" } ?? "")
                    + "<LineStyle><color>\(kmlColor(style.line))</color><width>\(style.lineWidth)</width></LineStyle>"
                    + "<PolyStyle><color>\(kmlColor(style.fill))</color></PolyStyle></Style>"
            )
        }
        for folder in folders {
            lines.append("<Folder><name>\(xmlEscaped(folder.name))</name>")
            for placemark in folder.placemarks {
                lines.append(
                    "<Placemark><name>\(xmlEscaped(placemark.name))</name><description>\(xmlEscaped(placemark.description))</description>"
                        + "<styleUrl>#\(xmlEscaped(placemark.style))</styleUrl>\(geometry(placemark.shape))</Placemark>"
                )
            }
            lines.append("</Folder>")
        }
        lines += ["</Document>", "</kml>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func geometry(_ shape: KMLPlacemark.Shape) -> String {
        switch shape {
        case let .polygons(polygons): geometry(polygons)
        case let .point(point): "<Point><coordinates>" + FixedDecimals.points([point], open: "", between: ",", close: ",0", separator: "") + "</coordinates></Point>"
        case let .lines(lines):
            "<MultiGeometry>" + lines.map { line in
                "<LineString><coordinates>" + FixedDecimals.points(line, open: "", between: ",", close: ",0", separator: " ") + "</coordinates></LineString>"
            }.joined() + "</MultiGeometry>"
        }
    }

    private static func geometry(_ shape: MultiPolygon) -> String {
        let polygons = shape.polygons.map { polygon in
            "<Polygon><outerBoundaryIs>\(ring(polygon.exterior))</outerBoundaryIs>"
                + polygon.holes.map { "<innerBoundaryIs>\(ring($0))</innerBoundaryIs>" }.joined() + "</Polygon>"
        }
        return "<MultiGeometry>" + polygons.joined() + "</MultiGeometry>"
    }

    private static func ring(_ ring: Ring) -> String {
        "<LinearRing><coordinates>" + FixedDecimals.points(ring.points, open: "", between: ",", close: ",0", separator: " ")
            + "</coordinates></LinearRing>"
    }

    /// KML's aabbggrr hex order.
    private static func kmlColor(_ color: (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)) -> String {
        String(format: "%02x%02x%02x%02x", color.alpha, color.blue, color.green, color.red)
    }
}
