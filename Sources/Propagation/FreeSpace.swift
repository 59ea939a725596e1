import Foundation

/// Speed of light in vacuum, m/s.
public let speedOfLight = 299_792_458.0

/// Free-space basic transmission loss (ITU-R P.525) in dB, 20·log10(4πd/λ), for `distance` metres at
/// `frequencyMHz`. Distances under one metre count as one metre (the near field is not modelled).
@inlinable
public func freeSpaceLoss(distance: Double, frequencyMHz: Double) -> Double {
    20 * decimalLog(4 * Double.pi * max(distance, 1) * frequencyMHz * 1e6 / speedOfLight)
}
