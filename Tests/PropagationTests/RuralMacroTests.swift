import Foundation
@testable import Propagation
import Testing

@Suite("3GPP TR 38.901 rural macro-cell (RMa)")
struct RuralMacroTests {
    /// f_c 3.5 GHz, h_BS 35 m, h_UT 1.5 m, h 5 m, W 20 m (the table's defaults); h^1.72 = 15.93046.
    let model = RuralMacro(frequencyMHz: 3_500, baseHeight: 35, mobileHeight: 1.5, surroundings: RuralSurroundings())

    /// The 3-D distance the formulas use for a horizontal one, between antennas on flat ground.
    func slant(_ horizontal: Double) -> Double { (horizontal * horizontal + 33.5 * 33.5).squareRoot() }

    /// Worked by hand:
    /// d_BP = 2π·35·1.5·3.5·10⁹ / 3·10⁸ = 3,848.45 m.
    /// LOS at d_2D 1 km (d_3D 1,000.561 m), before the breakpoint: PL1 = 20 log10(40π·1,000.561·3.5/3) +
    ///   0.47791·log10(1,000.561) − 0.70094 + 0.002·log10(5)·1,000.561 = 103.32800 + 1.43386 − 0.70094 + 1.39872
    ///   = 105.460 dB.
    /// LOS at d_2D 6 km (d_3D 6,000.094 m), beyond it: PL1(d_BP) + 40 log10(6,000.094 / 3,848.45) = 121.42127 +
    ///   7.71488 = 129.136 dB.
    /// NLOS at d_2D 3 km (d_3D 3,000.187 m): 161.04 − 7.1·log10(20) + 7.5·log10(5) − (24.37 − 3.7·(5/35)²)·log10(35) +
    ///   (43.42 − 3.1·log10(35))·(log10(3,000.187) − 3) + 20·log10(3.5) − (3.2·(log10(11.75·1.5))² − 4.97)
    ///   = 161.04 − 9.23731 + 5.24228 − 37.51235 + 18.43386 + 10.88136 + 0.00092 = 148.849 dB, above LOS's 118.021.
    @Test("Line of sight before and beyond the breakpoint, and without, against hand-computed values")
    func workedValues() {
        #expect(abs(model.breakpoint - 3_848.45) < 0.01)
        #expect(abs(model.loss(horizontalDistance: 1_000, slantDistance: slant(1_000), lineOfSight: true) - 105.460) < 0.001)
        #expect(abs(model.loss(horizontalDistance: 6_000, slantDistance: slant(6_000), lineOfSight: true) - 129.136) < 0.001)
        #expect(abs(model.loss(horizontalDistance: 3_000, slantDistance: slant(3_000), lineOfSight: false) - 148.849) < 0.001)
    }

    @Test("The line-of-sight loss is continuous at the breakpoint, and NLOS is never below it (the table's max)")
    func breakpointAndFloor() {
        let atBreakpoint = model.breakpoint
        let before = model.loss(horizontalDistance: atBreakpoint, slantDistance: atBreakpoint, lineOfSight: true)
        let after = model.loss(horizontalDistance: atBreakpoint.nextUp, slantDistance: atBreakpoint, lineOfSight: true)
        #expect(abs(before - after) < 1e-9)
        // A tall mast over low ground: close in, the NLOS formula falls below the LOS one and the max takes LOS's.
        let tall = RuralMacro(frequencyMHz: 700, baseHeight: 150, mobileHeight: 1.5, surroundings: RuralSurroundings())
        var floorTaken = 0
        for horizontal in stride(from: 10.0, through: 5_000, by: 10) {
            let d3 = (horizontal * horizontal + 148.5 * 148.5).squareRoot()
            let seen = tall.loss(horizontalDistance: horizontal, slantDistance: d3, lineOfSight: true)
            let hidden = tall.loss(horizontalDistance: horizontal, slantDistance: d3, lineOfSight: false)
            #expect(hidden >= seen, "\(horizontal) m")
            if hidden == seen { floorTaken += 1 }
        }
        #expect(floorTaken > 0)
    }

    @Test("Losses at a location percentage add the table's σ: 4 dB in sight before the breakpoint, 6 beyond, 8 out of sight")
    func shadowing() {
        let at90 = RuralMacro(
            frequencyMHz: 3_500, baseHeight: 35, mobileHeight: 1.5, surroundings: RuralSurroundings(), locationPercent: 90
        )
        let z90 = standardNormalDeviate(0.1)
        for (horizontal, seen, sigma) in [(1_000.0, true, 4.0), (6_000, true, 6), (3_000, false, 8)] {
            let median = model.loss(horizontalDistance: horizontal, slantDistance: slant(horizontal), lineOfSight: seen)
            let ninety = at90.loss(horizontalDistance: horizontal, slantDistance: slant(horizontal), lineOfSight: seen)
            #expect(model.sigmaDB(horizontalDistance: horizontal, lineOfSight: seen) == sigma)
            #expect(abs(ninety - median - z90 * sigma) < 1e-9, "\(horizontal) m")
        }
        #expect(abs(z90 - 1.2816) < 1e-3, "ITM's normal deviate, within its approximation")
        // A handset indoors: building penetration's σ joins each case's.
        let indoors = RuralMacro(
            frequencyMHz: 3_500, baseHeight: 35, mobileHeight: 1.5, surroundings: RuralSurroundings(), locationPercent: 90,
            indoorSigmaDB: 4.4
        )
        let hidden = indoors.loss(horizontalDistance: 3_000, slantDistance: slant(3_000), lineOfSight: false)
            - model.loss(horizontalDistance: 3_000, slantDistance: slant(3_000), lineOfSight: false)
        #expect(abs(hidden - z90 * (8.0 * 8 + 4.4 * 4.4).squareRoot()) < 1e-9)
    }

    @Test("Outside the table's range: refused with the reasons, or extrapolated with a warning")
    func validity() throws {
        let link = EmpiricalLink(frequencyMHz: 31_000, baseHeight: 8, mobileHeight: 1.5, distance: 7_000)
        let surroundings = RuralSurroundings(buildingHeight: 60, streetWidth: 20)
        let refused = try #require(throws: ModelError.self) {
            try RuralMacro.check(link, lineOfSight: false, surroundings: surroundings, allowExtrapolation: false)
        }
        for reason in [
            "rma: frequency 31000 MHz is outside 500–30000 MHz", "base-station height 8 m is outside 10–150 m",
            "distance 7 km is outside 0.01–5 km", "building height 60 m is outside 5–50 m", "use itm or p526 for longer paths",
        ] {
            #expect(refused.message.contains(reason), "\(refused.message)")
        }
        #expect(!refused.message.contains("street width"))
        // In line of sight the table reaches 10 km.
        let seen = try RuralMacro.check(
            EmpiricalLink(frequencyMHz: 3_500, baseHeight: 35, mobileHeight: 1.5, distance: 7_000), lineOfSight: true,
            surroundings: RuralSurroundings(), allowExtrapolation: false
        )
        #expect(seen.isEmpty)
        let allowed = try RuralMacro.check(link, lineOfSight: false, surroundings: surroundings, allowExtrapolation: true)
        #expect(allowed.count == 1 && allowed[0].hasSuffix("(extrapolated)"))
    }
}
