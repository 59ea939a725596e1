import Foundation

/// Checks a loss at the receiver (a building's, the clutter's around the handset) against the frequencies it is given
/// for: nothing within `range`; beyond it, a warning when extrapolation is allowed, else an error naming `subject`,
/// the range and `wayOut`, the option that gives the loss instead.
func checkReceiverFrequency(
    _ frequencyMHz: Double, within range: ClosedRange<Double>, subject: String, wayOut: String, allowExtrapolation: Bool
) throws(ModelError) -> [String] {
    guard !range.contains(frequencyMHz) else { return [] }
    let problem = String(
        format: "%@: frequency %g MHz is outside %g–%g MHz", subject, frequencyMHz, range.lowerBound, range.upperBound
    )
    if allowExtrapolation { return [problem + " (extrapolated)"] }
    throw ModelError(problem + "; give \(wayOut), or allow extrapolation")
}
