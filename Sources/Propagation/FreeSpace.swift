import Foundation

/// Free-space basic transmission loss (ITU-R P.525) in dB for a path of `distance` metres at `frequencyMHz`.
@inlinable
public func freeSpaceLoss(distance: Double, frequencyMHz: Double) -> Double {
    32.446 + 20 * log10(max(distance, 1) / 1_000) + 20 * log10(frequencyMHz)
}
