import Foundation

/// What a served cell's signal needs besides its site's threshold: its ratio to the other cells on its carrier and
/// the noise, P / (own × P + others × the other cells' power + noise), at least `limitDB` — 4G's SINR (`others`: the
/// load), 3G's Ec/Io (both the cells' total power over their pilots), 2G's co-channel C/I.
struct ServiceQuality {
    let own: Double
    let others: Double
    let noiseMilliwatts: Double
    let limitDB: Double

    /// Whether a server of `signal` mW against `interference` mW of the other cells meets the limit.
    func isMet(signal: Double, interference: Double) -> Bool {
        10 * log10(signal / (own * signal + others * interference + noiseMilliwatts)) >= limitDB
    }
}
