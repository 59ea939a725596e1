import Foundation

/// A position in a planar or geographic coordinate system: `x` east (or longitude), `y` north (or latitude).
public struct MapPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A geographic position in degrees on WGS84.
public struct GeoPoint: Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Great-circle distance in metres (haversine on the mean Earth radius; within 0.5 % of the ellipsoid).
    public func distance(to other: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLat = (other.latitude - latitude) * radians, dLon = (other.longitude - longitude) * radians
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(latitude * radians) * cos(other.latitude * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * meanEarthRadius * asin(min(1, a.squareRoot()))
    }

    /// The point `metres` away along `bearing` (degrees clockwise from north), on the sphere of `distance(to:)`; for
    /// short distances (a few kilometres), where the sphere's curvature along the way does not matter.
    public func moved(metres: Double, bearing: Double) -> GeoPoint {
        let radians = Double.pi / 180, angle = metres / meanEarthRadius
        return GeoPoint(
            latitude: latitude + angle * cos(bearing * radians) / radians,
            longitude: longitude + angle * sin(bearing * radians) / (cos(latitude * radians) * radians)
        )
    }

    /// The points' mean longitude taken on the circle, so that points either side of the antimeridian (179.9° and
    /// −179.9°) average to ±180°, not to 0°.
    public static func meanLongitude(of points: [GeoPoint]) -> Double {
        let radians = points.map { $0.longitude * .pi / 180 }
        let east = radians.reduce(0) { $0 + cos($1) }, north = radians.reduce(0) { $0 + sin($1) }
        return atan2(north, east) * 180 / .pi
    }
}

/// An axis-aligned rectangle in one coordinate system.
public struct MapBounds: Sendable, Equatable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The smallest rectangle holding all `points`; nil when there are none.
    public init?(enclosing points: [MapPoint]) {
        guard let first = points.first else { return nil }
        var bounds = MapBounds(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        for point in points.dropFirst() {
            bounds.minX = min(bounds.minX, point.x)
            bounds.minY = min(bounds.minY, point.y)
            bounds.maxX = max(bounds.maxX, point.x)
            bounds.maxY = max(bounds.maxY, point.y)
        }
        self = bounds
    }

    /// The smallest rectangle holding both.
    public func union(_ other: MapBounds) -> MapBounds {
        MapBounds(minX: min(minX, other.minX), minY: min(minY, other.minY), maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
    }

    /// The common part; nil when they do not overlap.
    public func intersection(_ other: MapBounds) -> MapBounds? {
        let common = MapBounds(minX: max(minX, other.minX), minY: max(minY, other.minY), maxX: min(maxX, other.maxX), maxY: min(maxY, other.maxY))
        return common.minX < common.maxX && common.minY < common.maxY ? common : nil
    }

    public func contains(_ point: MapPoint) -> Bool {
        point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY
    }
}
