import Foundation
import Geometry
import Planning
import Terrain

/// The roads as `coverage.kmz` draws them: per road, its stretches some technology covers in green and those none
/// covers in red (stretches outside the run's area left out), described by their lengths.
enum RoadPlacemarks {
    static let styles = [
        KMLStyle(id: "road-covered", fill: (0, 0, 0, 0), line: (26, 150, 65, 255), lineWidth: 3),
        KMLStyle(id: "road-not-covered", fill: (0, 0, 0, 0), line: (215, 25, 28, 255), lineWidth: 4),
    ]

    /// The folder "Roads" of `coverage.kmz`: the placemarks below with their styles.
    static func overlay(_ roads: RoadCoverage, toWGS84: CoordinateTransform) throws(InputError) -> KMLOverlay {
        do {
            return KMLOverlay(name: "Roads", styles: styles, placemarks: try placemarks(roads, toWGS84: toWGS84))
        } catch {
            throw InputError(path: "coverage.kmz", reason: error.message)
        }
    }

    /// Up to two placemarks per road, in the roads' order; `toWGS84` takes the grid's CRS to longitude and latitude.
    private static func placemarks(_ roads: RoadCoverage, toWGS84: CoordinateTransform) throws(ProjectionError) -> [KMLPlacemark] {
        var placemarks: [KMLPlacemark] = []
        for (index, road) in roads.roads.enumerated() {
            let own = roads.stretches.filter { $0.road == index && $0.coveredBy != nil }
            for covered in [true, false] {
                let lines = own.filter { $0.coveredBy!.contains("any") == covered }
                guard !lines.isEmpty else { continue }
                let kilometres = lines.reduce(0) { $0 + $1.lengthM } / 1_000
                let description = String(format: "%.2f km of %.2f km in the area", kilometres, road.inAreaM / 1_000)
                    + (covered ? "" : String(format: "; the longest stretch %.2f km", road.longestGapM / 1_000))
                var shape: [[MapPoint]] = []
                for line in lines { shape.append(try toWGS84.apply(line.points)) }
                placemarks.append(KMLPlacemark(
                    name: "\(road.name): \(covered ? "covered" : "not covered")", description: description,
                    style: covered ? "road-covered" : "road-not-covered", shape: .lines(shape)
                ))
            }
        }
        return placemarks
    }
}
