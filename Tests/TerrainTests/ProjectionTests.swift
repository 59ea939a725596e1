import Foundation
import Terrain
import Testing

@Suite("Projection with PROJ")
struct ProjectionTests {
    @Test("lon/lat → UTM → lon/lat round trip within 1 mm", arguments: [
        GeoPoint(latitude: 22.67, longitude: 106.25), GeoPoint(latitude: 44.27, longitude: -71.30),
        GeoPoint(latitude: -33.9, longitude: 18.4), GeoPoint(latitude: 0.001, longitude: 2.999),
        GeoPoint(latitude: 71.0, longitude: 25.7),
    ])
    func roundTrip(point: GeoPoint) throws {
        let utm = "EPSG:\(UTM.epsg(for: point))"
        let forward = CoordinateTransform(from: wgs84, to: utm)
        let projected = try forward.apply([MapPoint(x: point.longitude, y: point.latitude)])
        let back = try forward.inverse.apply(projected)[0]
        let metresPerDegree = Double.pi / 180 * meanEarthRadius
        let east = (back.x - point.longitude) * metresPerDegree * cos(point.latitude * .pi / 180)
        let north = (back.y - point.latitude) * metresPerDegree
        #expect((east * east + north * north).squareRoot() < 0.001)
    }

    @Test("UTM zone from the site: Cao Bằng is zone 48N, New Hampshire 19N, Cape Town 34S")
    func zones() {
        #expect(UTM.epsg(for: GeoPoint(latitude: 22.67, longitude: 106.25)) == 32648)
        #expect(UTM.epsg(for: GeoPoint(latitude: 44.27, longitude: -71.30)) == 32619)
        #expect(UTM.epsg(for: GeoPoint(latitude: -33.9, longitude: 18.4)) == 32734)
    }

    @Test("Projected Cao Bằng city lies where the UTM formulas put it (false easting 500 km at 105° E)")
    func projectedPosition() throws {
        let point = try CoordinateTransform(from: wgs84, to: "EPSG:32648").apply([MapPoint(x: 105, y: 0)])[0]
        #expect(abs(point.x - 500_000) < 1e-6 && abs(point.y) < 1e-6)
    }

    @Test("An unknown CRS is a clear error, not a crash")
    func unknownCRS() {
        #expect(throws: ProjectionError.self) {
            _ = try CoordinateTransform(from: wgs84, to: "EPSG:999999").apply([MapPoint(x: 0, y: 0)])
        }
    }
}
