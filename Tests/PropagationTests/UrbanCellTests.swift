import Foundation
@testable import Propagation
import Testing

@Suite("3GPP TR 38.901 urban macro-cell (UMa) and street-canyon micro-cell (UMi)")
struct UrbanCellTests {
    /// UMa at f_c 1.8 GHz, h_BS 25 m, h_UT 1.5 m; UMi at 3.5 GHz, h_BS 10 m.
    let macro = UrbanCell(.macro, frequencyMHz: 1_800, baseHeight: 25, mobileHeight: 1.5)
    let micro = UrbanCell(.streetCanyon, frequencyMHz: 3_500, baseHeight: 10, mobileHeight: 1.5)

    /// The 3-D distance for a horizontal one between antennas `rise` metres apart in height.
    func slant(_ horizontal: Double, rise: Double) -> Double { (horizontal * horizontal + rise * rise).squareRoot() }

    /// Worked by hand:
    /// UMa: d'_BP = 4·24·0.5·1.8·10⁹ / 3·10⁸ = 288 m. LOS at d_2D 200 m (d_3D 201.376 m): 28 + 22·2.30402 +
    ///   20·0.25527 = 83.794 dB. LOS at 1 km (d_3D 1,000.276 m), beyond the breakpoint: 28 + 40·3.00012 + 5.10545 −
    ///   9·log10(288² + 23.5²) = 153.11021 − 44.29497 = 108.815 dB. NLOS at 500 m (d_3D 500.552 m): 13.54 +
    ///   39.08·2.69945 + 5.10545 − 0 = 124.140 dB, above LOS's.
    /// UMi: d'_BP = 4·9·0.5·3.5·10⁹ / 3·10⁸ = 210 m. LOS at 100 m (d_3D 100.361 m): 32.4 + 21·2.00156 + 20·0.54407 =
    ///   85.314 dB. LOS at 400 m (d_3D 400.090 m): 32.4 + 40·2.60216 + 10.88136 − 9.5·log10(210² + 8.5²) = 147.36785
    ///   − 44.12909 = 103.239 dB. NLOS at 300 m (d_3D 300.120 m): 22.4 + 35.3·2.47730 + 21.3·0.54407 = 121.437 dB.
    @Test("Line of sight before and beyond the breakpoint, and without, against hand-computed values")
    func workedValues() {
        #expect(abs(macro.breakpoint - 288) < 1e-9 && abs(micro.breakpoint - 210) < 1e-9)
        #expect(abs(macro.loss(horizontalDistance: 200, slantDistance: slant(200, rise: 23.5), lineOfSight: true) - 83.794) < 0.001)
        #expect(abs(macro.loss(horizontalDistance: 1_000, slantDistance: slant(1_000, rise: 23.5), lineOfSight: true) - 108.815) < 0.001)
        #expect(abs(macro.loss(horizontalDistance: 500, slantDistance: slant(500, rise: 23.5), lineOfSight: false) - 124.140) < 0.001)
        #expect(abs(micro.loss(horizontalDistance: 100, slantDistance: slant(100, rise: 8.5), lineOfSight: true) - 85.314) < 0.001)
        #expect(abs(micro.loss(horizontalDistance: 400, slantDistance: slant(400, rise: 8.5), lineOfSight: true) - 103.239) < 0.001)
        #expect(abs(micro.loss(horizontalDistance: 300, slantDistance: slant(300, rise: 8.5), lineOfSight: false) - 121.437) < 0.001)
    }

    @Test("NLOS is never below line of sight (the table's max), and taller handsets lose less without it")
    func floorAndHandset() {
        for (model, rise) in [(macro, 23.5), (micro, 8.5)] {
            for horizontal in stride(from: 10.0, through: 5_000, by: 10) {
                let d3 = slant(horizontal, rise: rise)
                let seen = model.loss(horizontalDistance: horizontal, slantDistance: d3, lineOfSight: true)
                #expect(model.loss(horizontalDistance: horizontal, slantDistance: d3, lineOfSight: false) >= seen, "\(horizontal) m")
            }
        }
        // 0.6 dB a metre of handset above 1.5 m (UMa), at 2 km where NLOS's formula governs.
        let upstairs = UrbanCell(.macro, frequencyMHz: 1_800, baseHeight: 25, mobileHeight: 11.5)
        let low = macro.loss(horizontalDistance: 2_000, slantDistance: 2_000, lineOfSight: false)
        #expect(abs(low - upstairs.loss(horizontalDistance: 2_000, slantDistance: 2_000, lineOfSight: false) - 6) < 1e-9)
    }

    @Test("Losses at a location percentage add the table's σ: 4 dB in sight, 6 (UMa) or 7.82 (UMi) out of it, joined with a building's")
    func shadowing() {
        let z90 = standardNormalDeviate(0.1)
        for (kind, hidden) in [(UrbanCell.Kind.macro, 6.0), (.streetCanyon, 7.82)] {
            let median = UrbanCell(kind, frequencyMHz: 2_100, baseHeight: kind.baseHeight, mobileHeight: 1.5)
            let ninety = UrbanCell(kind, frequencyMHz: 2_100, baseHeight: kind.baseHeight, mobileHeight: 1.5, locationPercent: 90)
            let indoors = UrbanCell(
                kind, frequencyMHz: 2_100, baseHeight: kind.baseHeight, mobileHeight: 1.5, locationPercent: 90, indoorSigmaDB: 4.4
            )
            for (seen, sigma) in [(true, 4.0), (false, hidden)] {
                let loss = { (model: UrbanCell) in model.loss(horizontalDistance: 800, slantDistance: 800.1, lineOfSight: seen) }
                #expect(median.sigmaDB(lineOfSight: seen) == sigma && median.marginDB(lineOfSight: seen) == 0)
                #expect(abs(loss(ninety) - loss(median) - z90 * sigma) < 1e-9, "\(kind), in sight \(seen)")
                #expect(abs(loss(indoors) - loss(median) - z90 * (sigma * sigma + 4.4 * 4.4).squareRoot()) < 1e-9)
            }
        }
    }

    /// Worked by hand at d_2D 100 m: UMi 0.18 + e^(−100/36)·0.82 = 0.23099; UMa 0.18 + e^(−100/63)·0.82 = 0.34767, for a
    /// handset at 20 m × (1 + 0.7^1.5·1.25·1·e^(−100/150)) = × 1.37586 = 0.47835; RMa at 1,010 m e^(−1) = 0.36788.
    @Test("The table's probabilities of line of sight against hand-computed values; 1 close to the mast")
    func sightProbabilities() {
        #expect(abs(micro.lineOfSightProbability(horizontalDistance: 100) - 0.23099) < 1e-5)
        #expect(abs(macro.lineOfSightProbability(horizontalDistance: 100) - 0.34767) < 1e-5)
        let upstairs = UrbanCell(.macro, frequencyMHz: 1_800, baseHeight: 25, mobileHeight: 20)
        #expect(abs(upstairs.lineOfSightProbability(horizontalDistance: 100) - 0.47835) < 1e-5)
        #expect(abs(RuralMacro.lineOfSightProbability(horizontalDistance: 1_010) - 0.36788) < 1e-5)
        #expect(macro.lineOfSightProbability(horizontalDistance: 18) == 1 && RuralMacro.lineOfSightProbability(horizontalDistance: 10) == 1)
    }

    @Test("""
        With the probability of line of sight, a cell the terrain leaves in sight takes the quantile of the two cases' \
        mixed spreads: its share of locations is the percentage asked, it lies between the two cases' own losses at that \
        percentage, equals line of sight's where the probability is 1, and a cell out of sight keeps the NLOS loss
        """)
    func mixedSight() throws {
        var environment = RadioEnvironment()
        (environment.itm.location, environment.sightProbability) = (90, true)
        for model in [PathLossModel.uma, .umi, .rma] {
            let height = model == .umi ? 10.0 : 25
            let mixed = try #require(model.scenario(
                transmitterHeight: height, receiverHeight: 1.5, frequencyMHz: 2_100, environment: environment, indoorSigmaDB: 4.4
            ))
            environment.sightProbability = false
            let plain = try #require(model.scenario(
                transmitterHeight: height, receiverHeight: 1.5, frequencyMHz: 2_100, environment: environment, indoorSigmaDB: 4.4
            ))
            environment.sightProbability = true
            for horizontal in [60.0, 300, 1_500] {
                let d3 = slant(horizontal, rise: height - 1.5)
                let loss = mixed.loss(horizontalDistance: horizontal, slantDistance: d3, lineOfSight: true)
                let seen = plain.loss(horizontalDistance: horizontal, slantDistance: d3, lineOfSight: true)
                let hidden = plain.loss(horizontalDistance: horizontal, slantDistance: d3, lineOfSight: false)
                #expect(seen < loss && loss < hidden, "\(model) at \(horizontal) m: \(seen) < \(loss) < \(hidden)")
                #expect(mixed.loss(horizontalDistance: horizontal, slantDistance: d3, lineOfSight: false) == hidden)
                // The share of locations within the loss, from the two cases' medians and σ (a building's joined).
                let chance = mixed.lineOfSightProbability(horizontalDistance: horizontal)
                func share(_ seen: Bool) -> Double {
                    let median = plain.loss(horizontalDistance: horizontal, slantDistance: d3, lineOfSight: seen)
                        - plain.marginDB(horizontalDistance: horizontal, slantDistance: d3, lineOfSight: seen)
                    let sigma = LocationVariability.joined(plain.sigmaDB(horizontalDistance: horizontal, lineOfSight: seen)!, 4.4)
                    return 0.5 * erfc((median - loss) / (sigma * 2.0.squareRoot()))
                }
                #expect(abs(chance * share(true) + (1 - chance) * share(false) - 0.9) < 1e-8, "\(model) at \(horizontal) m")
                #expect(mixed.sigmaDB(horizontalDistance: horizontal, lineOfSight: true) == nil)
            }
            // Within 10 m (RMa) or 18 m (the towns) buildings leave the handset in sight: line of sight's loss.
            let close = mixed.loss(horizontalDistance: 8, slantDistance: slant(8, rise: height - 1.5), lineOfSight: true)
            #expect(close == plain.loss(horizontalDistance: 8, slantDistance: slant(8, rise: height - 1.5), lineOfSight: true))
        }
    }

    @Test("Outside the table's range: refused with the reasons (a mast not of the scenario's height among them), or extrapolated with a warning")
    func validity() throws {
        let link = EmpiricalLink(frequencyMHz: 450, baseHeight: 30, mobileHeight: 1.5, distance: 6_000)
        let refused = try #require(throws: ModelError.self) { try UrbanCell.check(link, kind: .macro, allowExtrapolation: false) }
        for reason in [
            "uma: frequency 450 MHz is outside 500–100000 MHz", "base-station height 30 m is not the model's 25 m",
            "distance 6 km is outside 0.01–5 km", "use rma or itm outside towns and for longer paths", "or allow extrapolation",
        ] {
            #expect(refused.message.contains(reason), "\(refused.message)")
        }
        let street = EmpiricalLink(frequencyMHz: 3_500, baseHeight: 10, mobileHeight: 1.5, distance: 800)
        #expect(try UrbanCell.check(street, kind: .streetCanyon, allowExtrapolation: false).isEmpty)
        let allowed = try UrbanCell.check(link, kind: .streetCanyon, allowExtrapolation: true)
        #expect(allowed.count == 1 && allowed[0].hasPrefix("umi: ") && allowed[0].hasSuffix("(extrapolated)"), "\(allowed)")
    }
}
