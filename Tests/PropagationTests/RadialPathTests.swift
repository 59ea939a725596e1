import Foundation
@testable import Propagation
import Terrain
import TestSupport
import Testing

/// The footprint kernel's running profile statistics against brute force over the same samples, and
/// its radial models against the point-to-point models on the same profile.
@Suite("Radial sweep statistics")
struct RadialPathTests {
    /// A rough random profile: a random walk with occasional ridges.
    func profile(_ count: Int, _ random: inout SeededGenerator) -> [Double] {
        var height = 400.0
        return (0..<count).map { _ in
            height += Double.random(in: -25...25, using: &random)
            return height + (Double.random(in: 0...1, using: &random) < 0.05 ? 150 : 0)
        }
    }

    /// A valley with a little roughness and a ridge two fifths of the way across that rises to just below
    /// the ray from a 30 m mast to a 1.5 m receiver: line of sight, with the ridge inside the first Fresnel
    /// zone, so that P.526's largest ν counts.
    func valley(_ count: Int, _ random: inout SeededGenerator) -> [Double] {
        var z = (0..<count).map { i in
            let across = Double.pi * Double(i) / Double(max(1, count - 1))
            return 400 - 150 * sin(across) + Double.random(in: 0...8, using: &random)
        }
        let ridge = 2 * count / 5, fraction = Double(ridge) / Double(max(1, count - 1))
        if ridge > 0 && ridge < count - 1 {
            z[ridge] = (z[0] + 30) * (1 - fraction) + (z[count - 1] + 1.5) * fraction - 3
        }
        return z
    }

    @Test(
        "Horizons, highest obstacle and sums equal brute force at every receiver position, with receiver tails",
        arguments: [0, 1, 4]
    )
    func statistics(tailLength: Int) {
        var random = SeededGenerator(seed: 7)
        let step = 90.0, curvature = 1 / (2 * 8_500e3), antenna = 30.0
        for _ in 0..<20 {
            let z = profile(120, &random)
            var path = RadialPath(step: step, capacity: z.count, antennaHeight: antenna, curvature: curvature)
            // A path keeping only the curved-earth statistics (ITM's) must give the same ones.
            var lean = RadialPath(step: step, capacity: z.count, antennaHeight: antenna, curvature: curvature, statistics: [])
            path.append(z[0])
            lean.append(z[0])
            let source = z[0] + antenna
            for k in 2..<z.count {
                let tailStart = max(1, k - tailLength)
                while path.count < tailStart {
                    lean.append(z[path.count])
                    path.append(z[path.count])
                }
                path.placeReceiver(ground: z[k], tail: Array(z[tailStart..<k]))
                lean.placeReceiver(ground: z[k], tail: Array(z[tailStart..<k]))
                #expect(path.receiverIndex == k)
                let receiver = z[k] + 1.5
                let interior = 1..<k
                func curvedFromSource(_ i: Int) -> Double {
                    (z[i] - source) / (Double(i) * step) - curvature * Double(i) * step
                }
                func back(_ i: Int) -> Double { (z[i] - receiver) / (Double(k - i) * step) }
                // Curved back-angle as seen from the receiver: heights lowered by c·x² with x from the source.
                func curvedBack(_ i: Int) -> Double {
                    let xi = Double(i) * step, xk = Double(k) * step
                    return ((z[i] - curvature * xi * xi) - (receiver - curvature * xk * xk)) / (xk - xi)
                }
                let slope = (receiver - source) / Double(k)
                #expect(curvedFromSource(path.curvedHorizon) == interior.map(curvedFromSource).max())
                #expect(path.flatHorizon == interior.max { (z[$0] - source) / Double($0) < (z[$1] - source) / Double($1) })
                let curved = path.receiverHorizon(height: receiver, curved: true)
                #expect(lean.curvedHorizon == path.curvedHorizon && lean.receiverHorizon(height: receiver, curved: true) == curved)
                #expect(lean.sum(1, k) == path.sum(1, k) && lean.weightedSum(1, k) == path.weightedSum(1, k))
                #expect(abs(curvedBack(curved) - interior.map(curvedBack).max()!) < 1e-12)
                let flat = path.receiverHorizon(height: receiver, curved: false)
                #expect(abs(back(flat) - interior.map(back).max()!) < 1e-12)
                let highest = path.highestAbove(slope: slope)
                #expect(abs((z[highest] - slope * Double(highest)) - interior.map { z[$0] - slope * Double($0) }.max()!) < 1e-9)
                let first = k / 3
                #expect(abs(path.sum(first, k) - z[first...k].reduce(0, +)) < 1e-6)
                #expect(abs(path.weightedSum(first, k - 1) - (first..<k).reduce(0) { $0 + Double($1) * z[$1] }) < 1e-4)
            }
        }
    }

    @Test("Samples along a radial and a receiver's tail on its own line are the grid's bilinear heights there; a void stops them")
    func samplesAlongLines() {
        var random = SeededGenerator(seed: 5)
        let (width, height) = (40, 30)
        var grid = (0..<(width * height)).map { _ in Float.random(in: 100...900, using: &random) }
        func heightAt(_ column: Double, _ row: Double) -> Double {
            Double(bilinear(
                grid, width: width, height: height,
                column: min(max(column, 0), Double(width - 1)), row: min(max(row, 0), Double(height - 1))
            )!)
        }
        let origin = (column: 20.3, row: 14.6)
        for _ in 0..<50 {
            let angle = Double.random(in: 0..<(2 * Double.pi), using: &random)
            let direction = (column: sin(angle), row: -cos(angle))
            // Long enough to leave the grid: positions beyond its edge take the edge cells' heights.
            var bulk = RadialPath(step: 90, capacity: 64, antennaHeight: 30, curvature: 1 / (2 * 8_500e3))
            var single = bulk
            let toReceiver = (column: 61 * direction.column + 0.4, row: 61 * direction.row - 0.3)
            let placed = grid.withUnsafeBufferPointer { elevations in
                let terrain = GridSampler(elevations: elevations, width: width, height: height)
                return bulk.appendSamples(upTo: 57, of: terrain, origin: origin, direction: direction)
                    && bulk.placeReceiver(ground: 500, at: 61, of: terrain, origin: origin, toReceiver: toReceiver)
            }
            #expect(placed)
            for index in 0..<57 {
                single.append(heightAt(origin.column + Double(index) * direction.column, origin.row + Double(index) * direction.row))
            }
            single.placeReceiver(ground: 500, tail: (57..<61).map { index in
                let fraction = Double(index) / 61
                return heightAt(origin.column + fraction * toReceiver.column, origin.row + fraction * toReceiver.row)
            })
            #expect(bulk.count == 57 && bulk.receiverIndex == 61 && Array(bulk.heights[0...61]) == Array(single.heights[0...61]))
            #expect(bulk.sum(0, 61) == single.sum(0, 61) && bulk.weightedSum(0, 61) == single.weightedSum(0, 61))
            #expect(bulk.curvedHorizon == single.curvedHorizon && bulk.flatHorizon == single.flatHorizon)
            for curved in [true, false] {
                #expect(bulk.receiverHorizon(height: 501.5, curved: curved) == single.receiverHorizon(height: 501.5, curved: curved))
            }
        }
        // A void cell on a line: a radial's samples before it are appended and the walk stops there; a tail crossing
        // it places no receiver.
        grid[14 * width + 25] = .nan
        var path = RadialPath(step: 90, capacity: 64, antennaHeight: 30, curvature: 1 / (2 * 8_500e3))
        let (complete, placed) = grid.withUnsafeBufferPointer { elevations in
            let terrain = GridSampler(elevations: elevations, width: width, height: height)
            return (
                path.appendSamples(upTo: 30, of: terrain, origin: (20, 14), direction: (1, 0)),
                path.placeReceiver(ground: 500, at: 8, of: terrain, origin: (20, 14), toReceiver: (8, 0))
            )
        }
        #expect(!complete && path.count == 5 && !placed)
    }

    /// Loss from the radial model for a receiver at the end of `z`, with samples every `step` metres, the last
    /// `tailLength` before the receiver placed as its tail.
    func radialLoss(_ model: PathLossModel, _ z: [Double], step: Double, siteGround: Double, tailLength: Int) throws -> Double {
        let radial = try #require(try RadialLossModel(
            model: model, transmitterHeight: 30, receiverHeight: 1.5, frequencyMHz: 900,
            environment: RadioEnvironment(), earth: EarthModel(), siteGround: siteGround
        ))
        var path = RadialPath(
            step: step, capacity: z.count, antennaHeight: 30, curvature: radial.curvature, statistics: radial.pathStatistics
        )
        let tailStart = max(1, z.count - 1 - tailLength)
        z[..<tailStart].forEach { path.append($0) }
        path.placeReceiver(ground: z[z.count - 1], tail: Array(z[tailStart..<(z.count - 1)]))
        var workspace = DeltaHWorkspace()
        return try #require(radial.loss(along: path, distance: step * Double(z.count - 1), workspace: &workspace)).dB
    }

    @Test("A copy of a path is a value: writing to either leaves the other's samples, sums and horizons as they were")
    func copiesAreValues() {
        var random = SeededGenerator(seed: 11)
        let z = profile(60, &random)
        var original = RadialPath(step: 90, capacity: z.count, antennaHeight: 30, curvature: 1 / (2 * 8_500e3))
        z[..<30].forEach { original.append($0) }
        original.placeReceiver(ground: z[32], tail: [z[30], z[31]])
        let before = (sum: original.sum(1, 32), weighted: original.weightedSum(1, 32), heights: Array(original.heights[0...32]),
                      horizon: original.receiverHorizon(height: z[32] + 1.5, curved: true), block: original.highestInBlock(1))
        var copy = original
        copy.removeAll(step: 90)
        z.reversed().dropLast(20).forEach { copy.append($0 + 500) }
        copy.placeReceiver(ground: 0, tail: [1_000, 2_000])
        #expect(original.sum(1, 32) == before.sum && original.weightedSum(1, 32) == before.weighted)
        #expect(Array(original.heights[0...32]) == before.heights && original.highestInBlock(1) == before.block)
        #expect(original.receiverHorizon(height: z[32] + 1.5, curved: true) == before.horizon)
        #expect(copy.sum(0, copy.receiverIndex) == z.reversed().dropLast(20).reduce(0) { $0 + $1 + 500 } + 3_000)
    }

    @Test("P.526's largest ν over a smooth path, from the roots of ν′, equals the largest over every sample")
    func smoothLargestNu() {
        var random = SeededGenerator(seed: 23)
        for _ in 0..<4_000 {
            let k = Int.random(in: 2...1_500, using: &random), stepKm = Double.random(in: 0.01...0.2, using: &random)
            let heights = (Double.random(in: -20...400, using: &random), Double.random(in: -20...400, using: &random))
            let bulge = [0, 500 / (4.0 / 3 * 6_371), Double.random(in: 0...0.2, using: &random)].randomElement(using: &random)!
            let wavelength = Double.random(in: 0.03...1, using: &random), d = Double(k) * stepKm
            let all = (1..<max(2, k)).map { i -> Double in
                let x = Double(i) * stepKm
                return DeltaBullington.lineOfSightNu(
                    bulged: bulge * x * (d - x), at: x, hts: heights.0, hrs: heights.1, totalKm: d, wavelength: wavelength
                )
            }
            let fast = P526Radial.smoothLargestNu(intervals: k, stepKm: stepKm, heights: heights, wavelength: wavelength, bulge: bulge)
            #expect(fast == all.max()!, "k \(k), step \(stepKm) km, heights \(heights), bulge \(bulge)")
        }
    }

    @Test("Radial ITM and P.526 equal the point-to-point models on the same profile", arguments: [0, 4])
    func modelsMatchPointToPoint(tailLength: Int) throws {
        var random = SeededGenerator(seed: 11)
        var largestITM = 0.0, largestP526 = 0.0
        // Rough profiles (mostly beyond the horizon) and valleys seen across (line of sight, where P.526 looks
        // for the largest ν over every sample).
        var profiles: [[Double]] = []
        for length in stride(from: 3, through: 300, by: 13) {
            profiles.append(profile(length, &random))
            profiles.append(valley(length, &random))
        }
        for z in profiles {
            let step = 90.0
            let terrain = TerrainProfile(step: step, elevations: z)
            let itm = try ITM.pointToPoint(
                profile: terrain, transmitterHeight: 30, receiverHeight: 1.5, frequencyMHz: 900,
                environment: RadioEnvironment().itm
            ).loss
            let p526 = P526.pathLoss(
                profile: terrain, heights: (30, 1.5), frequencyMHz: 900, earth: EarthModel(), polarization: .vertical,
                permittivity: 15, conductivity: 0.005
            ).loss
            let systemHeight = ITMProfileTerrain(elevations: z, step: step).systemHeight()
            let radialITM = try radialLoss(.itm, z, step: step, siteGround: systemHeight, tailLength: tailLength)
            let radialP526 = try radialLoss(.p526, z, step: step, siteGround: z[0], tailLength: tailLength)
            largestITM = max(largestITM, abs(radialITM - itm))
            largestP526 = max(largestP526, abs(radialP526 - p526))
        }
        print("Radial vs point-to-point on identical profiles, tail \(tailLength): ITM max |Δ| \(largestITM) dB, P.526 max |Δ| \(largestP526) dB")
        #expect(largestITM < 1e-6)
        #expect(largestP526 < 1e-6)
    }
}

extension RadialPath {
    /// `placeReceiver` with the tail in an array.
    mutating func placeReceiver(ground: Double, tail: [Double]) {
        tail.withUnsafeBufferPointer { placeReceiver(ground: ground, tail: $0) }
    }
}
