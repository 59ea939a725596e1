import Foundation
import Terrain

/// A KML placemark: a polygon shape in WGS84 with a name, a description and a style.
public struct KMLPlacemark: Sendable {
    public let name: String
    public let description: String
    /// Id of a style of the document.
    public let style: String
    /// Longitude/latitude polygons.
    public let shape: MultiPolygon

    public init(name: String, description: String, style: String, shape: MultiPolygon) {
        self.name = name
        self.description = description
        self.style = style
        self.shape = shape
    }
}

/// A polygon style: fill and outline colours as RGBA.
public struct KMLStyle: Sendable {
    public let id: String
    public let fill: (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)
    public let line: (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)
    public let lineWidth: Double

    public init(id: String, fill: (UInt8, UInt8, UInt8, UInt8), line: (UInt8, UInt8, UInt8, UInt8), lineWidth: Double = 1) {
        self.id = id
        self.fill = fill
        self.line = line
        self.lineWidth = lineWidth
    }
}

/// Writes KML 2.2 documents (what Google Earth opens): styles, then folders of polygon placemarks.
public enum KMLWriter {
    public static func document(name: String, styles: [KMLStyle], folders: [(name: String, placemarks: [KMLPlacemark])]) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#, #"<kml xmlns="http://www.opengis.net/kml/2.2">"#, "<Document>",
            "<name>\(escaped(name))</name>",
        ]
        for style in styles {
            lines.append(
                "<Style id=\"\(escaped(style.id))\"><LineStyle><color>\(kmlColor(style.line))</color><width>\(style.lineWidth)</width></LineStyle>"
                    + "<PolyStyle><color>\(kmlColor(style.fill))</color></PolyStyle></Style>"
            )
        }
        for folder in folders {
            lines.append("<Folder><name>\(escaped(folder.name))</name>")
            for placemark in folder.placemarks {
                lines.append(
                    "<Placemark><name>\(escaped(placemark.name))</name><description>\(escaped(placemark.description))</description>"
                        + "<styleUrl>#\(escaped(placemark.style))</styleUrl>\(geometry(placemark.shape))</Placemark>"
                )
            }
            lines.append("</Folder>")
        }
        lines += ["</Document>", "</kml>"]
        return lines.joined(separator: "\n") + "\n"
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

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
