import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

/// ITM against an independent implementation, the `itmlogic` package, on profiles cut from real terrain
/// with random heights, frequencies, climates, polarisations and variabilities.
@Suite(
    "ITM cross-check against itmlogic",
    .enabled(if: SharedData.isAvailable, SharedData.absence), .enabled(if: PythonPeers.isAvailable, PythonPeers.absence)
)
struct ITMCrossCheckTests {
    @Test("200 real-terrain profiles: every case within 0.05 dB of itmlogic")
    func twoHundredProfiles() throws {
        var random = SeededGenerator(seed: 20_261_129)
        var caseLines = ["h_tx__meter,h_rx__meter,epsilon,sigma,N_0,f__mhz,pol,climate,time,location,situation,mdvar"]
        var profileLines: [String] = []
        let sources: [(String, GeoPoint, Double, Int)] = [
            ("terrain/N44W072.hgt", GeoPoint(latitude: 44.5, longitude: -71.5), 40_000, 100),
            ("terrain/batxat_copernicus_glo30.tif", GeoPoint(latitude: 22.52, longitude: 103.85), 9_000, 50),
            ("terrain/N22W160v2.3a.hgt.zip", GeoPoint(latitude: 22.05, longitude: -159.5), 35_000, 50),
        ]
        for (file, centre, radius, count) in sources {
            let grid = try DEMSource.open(SharedData.path(file)).metricGrid(
                around: [centre], radius: radius, policy: VoidPolicy(maxVoidFraction: 1)
            ).grid
            var made = 0
            while made < count {
                let start = grid.center(column: random.int(grid.width), row: random.int(grid.height))
                let end = grid.center(column: random.int(grid.width), row: random.int(grid.height))
                let length = hypot(end.x - start.x, end.y - start.y)
                // Every other case: a low antenna on a longer path, to reach diffraction and troposcatter.
                let lowAndLong = made % 2 == 1
                guard length > (lowAndLong ? radius * 0.8 : 1_000), let profile = try? grid.profile(from: start, to: end)
                else { continue }
                profileLines.append(
                    "\(profile.elevations.count - 1),\(profile.step)," + profile.elevations.map { String($0) }.joined(separator: ",")
                )
                let grounds: [(Double, Double)] = [(15, 0.005), (4, 0.001), (25, 0.02), (81, 5)]
                let ground = grounds[random.int(grounds.count)]
                let frequency = 100 * pow(35, random.unit())
                let mdvar = [0, 1, 2, 3, 11, 13, 21, 23][random.int(8)]
                caseLines.append([
                    lowAndLong ? 1 + 9 * random.unit() : 2 + 148 * random.unit(), 1 + 29 * random.unit(), ground.0, ground.1, 280 + 70 * random.unit(),
                    frequency, Double(random.int(2)), Double(1 + random.int(7)), 1 + 98 * random.unit(),
                    1 + 98 * random.unit(), 1 + 98 * random.unit(), Double(mdvar),
                ].map { String($0) }.joined(separator: ","))
                made += 1
            }
        }
        let folder = try temporaryFolder("itmlogic")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try caseLines.joined(separator: "\n").write(toFile: folder + "/p2p.csv", atomically: true, encoding: .utf8)
        try profileLines.joined(separator: "\n").write(toFile: folder + "/pfls.csv", atomically: true, encoding: .utf8)

        let peer = try runProgram(PythonPeers.python, [PythonPeers.script("itmlogic_p2p.py"), folder + "/p2p.csv", folder + "/pfls.csv"])
        try #require(peer.status == 0, "itmlogic failed: \(peer.stderr)")
        let theirs = peer.stdout.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[1]) }
        let cases = try ITMCaseFile.pointToPoint(cases: folder + "/p2p.csv", profiles: folder + "/pfls.csv")
        try #require(cases.count == 200 && theirs.count == 200)
        var worst = 0.0, modes: [ITMPropagationMode: Int] = [:]
        for (index, item) in cases.enumerated() {
            let ours = try item.predict()
            modes[ours.mode, default: 0] += 1
            worst = max(worst, abs(ours.loss - theirs[index]))
            #expect(abs(ours.loss - theirs[index]) <= 0.05, "case \(index + 1): ours \(ours.loss), itmlogic \(theirs[index]), inputs \(caseLines[index + 1])")
        }
        print(String(
            format: "ITM vs itmlogic on 200 real profiles: max |Δ| %.4f dB (line of sight %d, diffraction %d, troposcatter %d)",
            worst, modes[.lineOfSight] ?? 0, modes[.diffraction] ?? 0, modes[.troposcatter] ?? 0
        ))
    }
}
