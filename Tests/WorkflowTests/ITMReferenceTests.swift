import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("ITM against the NTIA ITM 1.4 reference cases", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct ITMReferenceTests {
    @Test("All 5 point-to-point cases within 0.005 dB")
    func pointToPoint() throws {
        let cases = try ITMCaseFile.pointToPoint(
            cases: SharedData.path("reference/itm/p2p.csv"), profiles: SharedData.path("reference/itm/pfls.csv")
        )
        #expect(cases.count == 5)
        for (index, item) in cases.enumerated() {
            let result = try item.predict()
            let expected = try #require(item.expectedLoss)
            print(String(format: "ITM p2p case %d: %.4f dB (reference %.2f), mode %d", index + 1, result.loss, expected, result.mode.rawValue))
            #expect(abs(result.loss - expected) <= 0.005, "case \(index + 1)")
        }
    }

    @Test("All 5 area cases within 0.05 dB")
    func area() throws {
        let cases = try ITMCaseFile.area(cases: SharedData.path("reference/itm/area.csv"))
        #expect(cases.count == 5)
        for (index, item) in cases.enumerated() {
            let result = try item.predict()
            let expected = try #require(item.expectedLoss)
            print(String(format: "ITM area case %d: %.4f dB (reference %.1f), mode %d", index + 1, result.loss, expected, result.mode.rawValue))
            #expect(abs(result.loss - expected) <= 0.05, "case \(index + 1)")
        }
    }
}

@Suite("ITM intermediate values against the NTIA driver's debug output", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct ITMIntermediateValueTests {
    let environment = ITMEnvironment(
        climate: .continentalTemperate, refractivity: 301, polarization: .vertical,
        permittivity: 15, conductivity: 0.005, variability: .accidental, time: 50, location: 50, situation: 50
    )

    @Test("Point to point over cmd_examples/pfl.txt (o_p2ptls.txt)")
    func pointToPoint() throws {
        let text = try String(contentsOfFile: SharedData.path("reference/itm/cmd_examples/pfl.txt"), encoding: .utf8)
        let numbers = text.split(whereSeparator: { $0 == "," || $0.isNewline }).compactMap { Double($0) }
        let profile = TerrainProfile(step: numbers[1], elevations: Array(numbers.dropFirst(2)))
        #expect(profile.elevations.count == Int(numbers[0]) + 1)
        let result = try ITM.pointToPoint(
            profile: profile, transmitterHeight: 15, receiverHeight: 3, frequencyMHz: 3_500, environment: environment
        )
        let g = result.geometry
        #expect(abs(result.loss - 114.5) < 0.05 && abs(result.freeSpaceLoss - 114.5) < 0.05)
        #expect(abs(g.distance / 1_000 - 3.635) < 0.0005)
        #expect(abs(g.horizonAngles.0 * 1_000 + 1.949) < 0.0005 && abs(g.horizonAngles.1 * 1_000 + 0.856) < 0.0005)
        #expect(abs(g.horizonDistances.0 - 14_868) < 0.5 && abs(g.horizonDistances.1 - 6_494) < 0.5)
        #expect(abs(g.effectiveHeights.0 - 15) < 0.05 && abs(g.effectiveHeights.1 - 3) < 0.05)
        #expect(abs(result.surfaceRefractivity - 251.5) < 0.05 && abs(g.deltaH - 3.2) < 0.05)
        #expect(abs(result.referenceAttenuation) < 0.05 && result.mode == .lineOfSight && result.warnings.isEmpty)
    }

    @Test("Area mode, 10 km, Δh 20 m (o_areatls.txt)")
    func area() throws {
        let result = try ITM.area(
            distance: 10_000, deltaH: 20, transmitterHeight: 15, receiverHeight: 3, siting: (.random, .random),
            frequencyMHz: 3_500, environment: environment
        )
        let g = result.geometry
        #expect(abs(result.loss - 134.5) < 0.05 && abs(result.freeSpaceLoss - 123.3) < 0.05)
        #expect(abs(g.horizonAngles.0 * 1_000 + 1.811) < 0.0005 && abs(g.horizonAngles.1 * 1_000 + 0.567) < 0.0005)
        #expect(abs(g.horizonDistances.0 - 14_722) < 0.5 && abs(g.horizonDistances.1 - 6_206) < 0.5)
        #expect(abs(result.referenceAttenuation - 11.2) < 0.05 && result.mode == .lineOfSight)
        #expect(abs(result.surfaceRefractivity - 301) < 1e-9)
    }
}
