import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Building penetration's spread joined to ITM's location variability", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct ITMIndoorSpreadTests {
    /// The NTIA reference's point-to-point profiles, each predicted with `environment`.
    func losses(_ environment: (ITMEnvironment) -> ITMEnvironment) throws -> [ITMResult] {
        let cases = try ITMCaseFile.pointToPoint(
            cases: SharedData.path("reference/itm/p2p.csv"), profiles: SharedData.path("reference/itm/pfls.csv")
        )
        return try cases.compactMap { item in
            guard case .profile(let profile) = item.path else { return nil }
            return try ITM.pointToPoint(
                profile: profile, transmitterHeight: item.transmitterHeight, receiverHeight: item.receiverHeight,
                frequencyMHz: item.frequencyMHz, environment: environment(item.environment)
            )
        }
    }

    /// Broadcast variability at 50 % of time and situations leaves the location deviation alone in the loss:
    /// A(90 %) − A(50 %) = σL z, z ≈ 1.28 the normal deviate exceeded at 10 %. So σL is read from each profile's two predictions outdoors, and indoors at 90 %
    /// the loss lies √(σL² + σ²) z(90 %) below the median's.
    @Test("At 90 % of locations the σ of 3GPP's high-loss buildings joins each reference profile's own σL as √(σL² + 6.5²); at 50 %, or with locations left out of the variability, it changes nothing")
    func joinedDeviation() throws {
        func setting(location: Double, sigma: Double, variability: VariabilityMode = .broadcast) -> (ITMEnvironment) -> ITMEnvironment {
            { environment in
                var changed = environment
                (changed.variability, changed.time, changed.situation) = (variability, 50, 50)
                (changed.location, changed.indoorSigmaDB) = (location, sigma)
                return changed
            }
        }
        let sigma = BuildingPenetration(walls: .highLoss).sigmaDB(frequencyMHz: 900, locationPercent: 90)
        let median = try losses(setting(location: 50, sigma: 0)), outdoors = try losses(setting(location: 90, sigma: 0))
        let indoors = try losses(setting(location: 90, sigma: sigma))
        let medianIndoors = try losses(setting(location: 50, sigma: sigma))
        let z = LocationVariability.marginDB(percent: 90, sigma: 1)
        var checked = 0
        for index in median.indices {
            let terrainSigma = (outdoors[index].loss - median[index].loss) / z
            #expect(terrainSigma > 0 && terrainSigma < 10, "case \(index + 1): σL \(terrainSigma) dB")
            let expected = median[index].loss + (terrainSigma * terrainSigma + sigma * sigma).squareRoot() * z
            // ITM's normal deviate at 50 % is A&S's approximation, 3.6·10⁻⁷ rather than 0: a few 10⁻⁷ dB either way.
            #expect(abs(indoors[index].loss - expected) < 1e-5, "case \(index + 1): \(indoors[index].loss) dB, expected \(expected)")
            #expect(abs(medianIndoors[index].loss - median[index].loss) < 1e-5)
            checked += 1
        }
        #expect(checked == 5)
        let noLocations = try #require(VariabilityMode(rawValue: 13))
        let fixedOutdoors = try losses(setting(location: 90, sigma: 0, variability: noLocations))
        let fixedIndoors = try losses(setting(location: 90, sigma: sigma, variability: noLocations))
        #expect(zip(fixedOutdoors, fixedIndoors).allSatisfy { $0.loss == $1.loss })
        var outOfRange = ITMEnvironment()
        outOfRange.indoorSigmaDB = 31
        #expect(throws: ITMError.self) { try ITM.area(distance: 10_000, deltaH: 90, transmitterHeight: 30, receiverHeight: 1.5,
                                                      siting: (.careful, .random), frequencyMHz: 900, environment: outOfRange) }
    }
}
