import CGDAL
import Foundation

/// The point features of any vector file GDAL/OGR reads (GeoPackage, Shapefile, KML, FlatGeobuf, GeoJSON, a CSV
/// with coordinate columns, …): each position in the layer's CRS and the attributes asked for, as text.
package typealias PointLayer = VectorFeatures<MapPoint>

extension VectorFeatures.Feature where Shape == MapPoint {
    /// The point, in the layer's CRS.
    package var position: MapPoint { shape }
}

extension VectorFeatures where Shape == MapPoint {
    /// GDAL's open options that read a CSV's points from its lon/lat (longitude/latitude, x/y) columns, which stay
    /// attributes too: GDAL 3.6's CSV driver told to drop them (`KEEP_GEOM_COLUMNS=NO`) crashes on a file naming one of
    /// them twice with a row shorter than its header (found by the fuzz target `facilities`).
    package static let csvCoordinateOptions = ["X_POSSIBLE_NAMES=lon,longitude,x", "Y_POSSIBLE_NAMES=lat,latitude,y"]

    /// Reads every feature of the point layer of `path` (of each folder of a KML: `VectorDataset.layers`), with the
    /// attributes `names` matched to fields by `fieldIndex` (case aside; a Shapefile's names cut to 10 characters).
    package init(path: String, options: [String] = [], attributes names: [String]) throws(InputError) {
        try self.init(path: path, options: options, content: .points, attributes: names) { geometry, number, driver throws(InputError) in
            guard let position = Self.position(of: geometry) else {
                let hint = driver == "CSV" ? " (a CSV needs lon and lat columns)" : ""
                throw InputError(
                    path: path, reason: "feature \(number) is \(geometryTypeName(geometry).map { "a \($0)" } ?? "without geometry"), not a point\(hint)"
                )
            }
            guard position.x.isFinite, position.y.isFinite else {
                throw InputError(path: path, reason: "feature \(number) has a coordinate that is not a finite number")
            }
            return position
        }
    }

    /// Every feature's position in `crs`; refuses coordinates that cannot be longitudes/latitudes in a layer
    /// whose CRS is geographic or not given.
    package func positions(in crs: String) throws(InputError) -> [MapPoint] {
        try transformed(features.map(\.position), to: crs)
    }

    /// A point's position, or a multipoint's when it holds exactly one (some tools write every point layer as
    /// multipoints); nil for any other geometry or none.
    private static func position(of geometry: OGRGeometryH?) -> MapPoint? {
        guard let geometry, OGR_G_IsEmpty(geometry) == 0 else { return nil }
        switch OGR_GT_Flatten(OGR_G_GetGeometryType(geometry)) {
        case wkbPoint:
            return MapPoint(x: OGR_G_GetX(geometry, 0), y: OGR_G_GetY(geometry, 0))
        case wkbMultiPoint where OGR_G_GetGeometryCount(geometry) == 1:
            return position(of: OGR_G_GetGeometryRef(geometry, 0))
        default:
            return nil
        }
    }
}
