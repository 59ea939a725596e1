import Foundation
import Propagation
import Terrain

/// The straight link from a site's antenna to the receiver over one grid cell, and the link budget on it.
struct CellLink {
    /// Offsets of the cell centre from the antenna, metres (east, north), and horizontal distance.
    let east: Double
    let north: Double
    let distance: Double
    /// Receiver height above the antenna after the earth's curvature drop, and the slant distance, metres.
    let rise: Double
    let slant: Double

    init(column: Int, row: Int, observer: GridObserver, targetHeight: Double, spacing: Double, earth: EarthModel) {
        east = (Double(column) - observer.column) * spacing
        north = (observer.row - Double(row)) * spacing
        distance = (east * east + north * north).squareRoot()
        rise = targetHeight - earth.drop(atDistance: distance) - observer.height
        slant = (distance * distance + rise * rise).squareRoot()
    }

    /// The receiver's direction from the antenna: degrees clockwise from north, and above the horizontal.
    var azimuth: Double { atan2(east, north) * 180 / .pi }
    var elevation: Double { atan2(rise, distance) * 180 / .pi }

    /// The antenna's gain towards the receiver relative to boresight, dB.
    func antennaGain(_ antenna: Antenna) -> Double {
        antenna.relativeGain(azimuth: azimuth, elevation: elevation)
    }
}

/// A site's link budget, read once per footprint rather than once per cell: received power is EIRP + antenna gain
/// towards the receiver − path loss + receiver gain − margins (the receiver's, and the location margin of models
/// other than ITM) − what a P.2109 building loses beyond level incidence at the link's elevation.
struct LinkBudget {
    private let eirp: Double
    private let receiverGain: Double
    /// nil when the antenna is omnidirectional: no directions to find.
    private let directional: Antenna?
    /// nil unless the handset stands in a P.2109 building, whose loss grows with the path's elevation.
    private let steepEntry: EntryElevationExcess?

    init(site: Site, parameters: CoverageParameters) {
        eirp = site.eirpDBm
        receiverGain = parameters.receiver.netGainDB(frequencyMHz: site.frequencyMHz, handsetHeight: parameters.receiverHeight)
            - parameters.locationMarginDB(for: site)
        directional = site.antenna.isOmni ? nil : site.antenna
        steepEntry = parameters.receiver.penetration?.elevationExcess(frequencyMHz: site.frequencyMHz)
    }

    /// Received power (dBm) over `link` after path loss `loss`, the path reaching the handset at `arrivalElevation`
    /// degrees (a P.2109 building's loss grows with it): by default along the straight line from the antenna.
    @inline(__always)
    func receivedPower(loss: Double, over link: CellLink, arrivalElevation: Double? = nil) -> Float {
        var gain = receiverGain
        if let steepEntry { gain -= steepEntry.lossDB(elevationDegrees: arrivalElevation ?? link.elevation) }
        guard let directional else { return Float(eirp - loss + gain) }
        return Float(eirp + link.antennaGain(directional) - loss + gain)
    }
}
