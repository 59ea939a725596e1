import Foundation
@testable import Terrain
import Testing

@Suite("Projection with PROJ")
struct ProjectionTests {
    @Test("A mean longitude is taken on the circle: masts either side of the antimeridian average to 180°, not to 0°")
    func meanLongitude() {
        let east = GeoPoint(latitude: -17, longitude: 179.9), west = GeoPoint(latitude: -17, longitude: -179.7)
        #expect(abs(abs(GeoPoint.meanLongitude(of: [east, west])) - 179.9) < 1e-9)
        let hop = [GeoPoint(latitude: 22.6, longitude: 106.1), GeoPoint(latitude: 22.6, longitude: 106.3)]
        #expect(abs(GeoPoint.meanLongitude(of: hop) - 106.2) < 1e-9)
    }

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

    @Test("A thread keeps one operation per pair of CRSs and reuses it, after a failed batch too; another thread makes its own")
    func operationsPerThread() throws {
        let toZone48 = try ProjOperation.ofThisThread(source: wgs84, target: "EPSG:32648")
        let toZone19 = try ProjOperation.ofThisThread(source: wgs84, target: "EPSG:32619")
        #expect(toZone48 !== toZone19)
        #expect(try ProjOperation.ofThisThread(source: wgs84, target: "EPSG:32648") === toZone48)
        // Each zone's central meridian lands on its false easting, whichever transform ran before.
        for (transform, meridian) in [("EPSG:32648", 105.0), ("EPSG:32619", -69.0), ("EPSG:32648", 105.0)] {
            let point = try CoordinateTransform(from: wgs84, to: transform).apply([MapPoint(x: meridian, y: 0)])[0]
            #expect(abs(point.x - 500_000) < 1e-6 && abs(point.y) < 1e-6)
        }
        // A batch PROJ cannot transform is an error, and the thread's operation still transforms the next batch.
        let toGeographic = CoordinateTransform(from: "EPSG:32648", to: wgs84)
        #expect(throws: ProjectionError.self) { _ = try toGeographic.apply([MapPoint(x: 1e30, y: 1e30)]) }
        let centre = try toGeographic.apply([MapPoint(x: 500_000, y: 0)])[0]
        #expect(abs(centre.x - 105) < 1e-9 && abs(centre.y) < 1e-9)
        nonisolated(unsafe) var other: ProjOperation?
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            other = try? ProjOperation.ofThisThread(source: wgs84, target: "EPSG:32648")
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(other != nil && other !== toZone48)
    }

    @Test("An unknown CRS is a clear error, not a crash")
    func unknownCRS() {
        #expect(throws: ProjectionError.self) {
            _ = try CoordinateTransform(from: wgs84, to: "EPSG:999999").apply([MapPoint(x: 0, y: 0)])
        }
    }
}

/// The lattice transform against PROJ at every cell centre.
@Suite("Cell centres through a PROJ lattice")
struct LatticeTransformTests {
    /// The largest difference, in source units, between the lattice's and PROJ's coordinates of any centre, read a row
    /// at a time as terrain loading reads them.
    func worstError(layout: GridLayout, tolerance: Double, epsg: Int) throws -> Double {
        let transform = CoordinateTransform(from: "EPSG:\(epsg)", to: wgs84)
        func apply(_ xs: inout [Double], _ ys: inout [Double]) throws(InputError) {
            do throws(ProjectionError) { try transform.apply(xs: &xs, ys: &ys) } catch {
                throw InputError(path: "test", reason: error.message)
            }
        }
        let sources = try LatticeTransform(layout: layout, tolerance: tolerance).sourceCoordinates(apply)
        var (exactXs, exactYs) = layout.cellCenters()
        try apply(&exactXs, &exactYs)
        var xs = [Double](repeating: 0, count: layout.width), ys = xs, worst = 0.0
        for row in 0..<layout.height {
            xs.withUnsafeMutableBufferPointer { xs in
                ys.withUnsafeMutableBufferPointer { ys in sources.row(row, xs: xs.baseAddress!, ys: ys.baseAddress!) }
            }
            for column in 0..<layout.width {
                let index = row * layout.width + column
                worst = max(worst, abs(xs[column] - exactXs[index]), abs(ys[column] - exactYs[index]))
            }
        }
        return worst
    }

    @Test("A 30 m UTM grid of 60 km around Cao Bằng: every centre within 1 % of a 1″ cell of PROJ's")
    func faithful() throws {
        let anchor = MapPoint(x: 626_000, y: 2_507_000)
        let layout = GridLayout(anchor: anchor, bounds: square(around: anchor, radius: 30_000), spacing: 30)
        let tolerance = 0.01 / 3_600
        let worst = try worstError(layout: layout, tolerance: tolerance, epsg: 32648)
        #expect(worst <= tolerance, "worst \(worst * 3_600 * 30.9) m")
    }

    @Test("A tolerance the lattice cannot meet falls back to PROJ at every centre; one-row grids too")
    func fallback() throws {
        let anchor = MapPoint(x: 626_000, y: 2_507_000)
        let layout = GridLayout(anchor: anchor, bounds: square(around: anchor, radius: 3_000), spacing: 30)
        #expect(try worstError(layout: layout, tolerance: 0, epsg: 32648) == 0)
        let strip = GridLayout(
            anchor: anchor, bounds: MapBounds(minX: anchor.x, minY: anchor.y, maxX: anchor.x + 3_000, maxY: anchor.y), spacing: 30
        )
        let stripWorst = try worstError(layout: strip, tolerance: 1, epsg: 32648)
        #expect(strip.height == 1 && stripWorst == 0)
    }
}

private func square(around point: MapPoint, radius: Double) -> MapBounds {
    MapBounds(minX: point.x - radius, minY: point.y - radius, maxX: point.x + radius, maxY: point.y + radius)
}
