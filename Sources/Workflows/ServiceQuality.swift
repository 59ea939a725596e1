import Foundation

/// What a served cell's signal needs besides its site's threshold: its ratio to the cells on its carrier and the
/// noise, P / (own + Σ weight × other cell's power + noise), at least `limitDB` — 4G's SINR (each weight the load),
/// 3G's Ec/Io (each weight the cell's total power over its pilot, its own power counted too), 2G's co-channel C/I.
struct ServiceQuality {
    /// Per site (in the search's order), the power it puts on its carrier for each mW of its signal.
    let weights: [Double]
    /// Whether the server's own power, weighted, counts against its signal (3G: its pilot against everything it sends).
    let countsOwn: Bool
    /// Per site, the noise in what its signal spans (5G: a subcarrier of its spacing), mW.
    let noiseMilliwatts: [Double]
    let limitDB: Double

    /// Whether `server` (its index) at `signal` mW against `interference` mW of the other cells (weighted) meets the limit.
    func isMet(server: Int, signal: Double, interference: Double) -> Bool {
        let own = countsOwn ? weights[server] * signal : 0
        return 10 * log10(signal / (own + interference + noiseMilliwatts[server])) >= limitDB
    }
}
