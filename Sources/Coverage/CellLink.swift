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

    /// Received power (dBm) after path loss `loss`: EIRP + antenna gain towards the receiver − loss +
    /// receiver gain − margins.
    func receivedPower(loss: Double, site: Site, receiver: ReceiverBudget) -> Float {
        Float(site.eirpDBm + antennaGain(site.antenna) - loss + receiver.netGainDB)
    }

    /// The antenna's gain towards the receiver relative to boresight, dB.
    private func antennaGain(_ antenna: Antenna) -> Double {
        guard !antenna.isOmni else { return 0 }
        let azimuth = atan2(east, north) * 180 / .pi
        let elevation = atan2(rise, distance) * 180 / .pi
        return antenna.relativeGain(azimuth: azimuth, elevation: elevation)
    }
}
