import Foundation

/// The loss at locations the terrain leaves in sight of a mast, where buildings and trees leave a share `chance` of
/// them in sight too: two log-normal spreads of loss (dB) mixed in that proportion, the scenario's line-of-sight one
/// and its NLOS one.
struct SightMixture {
    let chance: Double
    let inSight: (median: Double, sigma: Double)
    let hidden: (median: Double, sigma: Double)

    /// The share of locations whose loss is at most `loss` dB.
    func share(notExceeding loss: Double) -> Double {
        func normal(_ spread: (median: Double, sigma: Double)) -> Double {
            0.5 * erfc((spread.median - loss) / (spread.sigma * 2.0.squareRoot()))
        }
        return chance * normal(inSight) + (1 - chance) * normal(hidden)
    }

    /// The loss (dB) not exceeded at `percent` % of locations, to within 10⁻⁷ dB (by bisection: the share grows with
    /// the loss).
    func loss(notExceededAt percent: Double) -> Double {
        let target = percent / 100
        var low = min(inSight.median - 10 * inSight.sigma, hidden.median - 10 * hidden.sigma)
        var high = max(inSight.median + 10 * inSight.sigma, hidden.median + 10 * hidden.sigma)
        while high - low > 1e-7 {
            let middle = (low + high) / 2
            if share(notExceeding: middle) < target { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
