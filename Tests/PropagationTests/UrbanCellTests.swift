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
