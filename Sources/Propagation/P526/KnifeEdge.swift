import Foundation

/// Single knife-edge diffraction loss J(ν) in dB (ITU-R P.526, Eq. 31); 0 for ν ≤ −0.78.
@inlinable
public func knifeEdgeLoss(nu: Double) -> Double {
    guard nu > -0.78 else { return 0 }
    return 6.9 + 20 * decimalLog(((nu - 0.1) * (nu - 0.1) + 1).squareRoot() + nu - 0.1)
}
