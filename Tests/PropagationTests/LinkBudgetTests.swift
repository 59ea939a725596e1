import Foundation
import Propagation
import TestSupport
import Testing

@Suite("Free space, antennas and thresholds")
struct LinkBudgetTests {
    @Test("Free-space loss: 91.53 dB at 1 km and 900 MHz; +6.02 dB per doubling of distance or frequency")
    func freeSpace() {
        #expect(abs(freeSpaceLoss(distance: 1_000, frequencyMHz: 900) - 91.5327) < 1e-3)
        #expect(abs(freeSpaceLoss(distance: 10_000, frequencyMHz: 1_800) - 117.5535) < 1e-3)
        let base = freeSpaceLoss(distance: 3_000, frequencyMHz: 2_100)
        #expect(abs(freeSpaceLoss(distance: 6_000, frequencyMHz: 2_100) - base - 20 * log10(2.0)) < 1e-9)
        #expect(abs(freeSpaceLoss(distance: 3_000, frequencyMHz: 4_200) - base - 20 * log10(2.0)) < 1e-9)
    }

    @Test("Parametric sector: 0 dB on boresight, −3 dB at half the beamwidths, capped at the front-to-back ratio")
    func parametricSector() {
        let sector = Antenna(
            pattern: .parametric(horizontalBeamwidth: 65, verticalBeamwidth: 10), azimuth: 120, mechanicalTilt: 0,
            electricalTilt: 4
        )
        #expect(sector.relativeGain(azimuth: 120, elevation: -4) == 0)
        #expect(abs(sector.relativeGain(azimuth: 120 + 32.5, elevation: -4) + 3) < 1e-12)
        #expect(abs(sector.relativeGain(azimuth: 120 - 32.5, elevation: -4) + 3) < 1e-12)
        #expect(abs(sector.relativeGain(azimuth: 120, elevation: 1) + 3) < 1e-12)
        #expect(sector.relativeGain(azimuth: 300, elevation: -4) == -Antenna.frontToBack)
        #expect(sector.relativeGain(azimuth: -240, elevation: -4) == 0)
        #expect(Antenna.omni.relativeGain(azimuth: 77, elevation: -30) == 0)
        // Mechanical tilt acts fully on boresight and reverses behind the antenna.
        let tilted = Antenna(pattern: .parametric(horizontalBeamwidth: 65, verticalBeamwidth: 10), azimuth: 0, mechanicalTilt: 5)
        #expect(tilted.relativeGain(azimuth: 0, elevation: -5) == 0)
        #expect(abs(tilted.relativeGain(azimuth: 90, elevation: 0)) > 0)
    }

    /// Each cut of the fixture as written in the file, read line by line independently of MSIPattern.
    func cut(_ name: String, in text: String) -> [Double] {
        let lines = text.components(separatedBy: "\n")
        let start = lines.firstIndex { $0.hasPrefix(name) }! + 1
        return lines[start..<(start + 360)].map { Double($0.split(separator: " ")[1])! }
    }

    @Test("MSI pattern file: keywords read, gain at sampled angles = −(horizontal + vertical loss) of the file")
    func msiPattern() throws {
        let path = Fixtures.path("antennas/sector65_900mhz_tilt2.msi")
        let file = try MSIPattern(contentsOf: path)
        #expect(file.name == "PHUSONG-TEST-SECTOR-65-900" && file.frequencyMHz == 900 && file.electricalTilt == 2)
        #expect(abs(file.gainDBi - 18.05) < 1e-9)  // 15.9 dBd
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let horizontal = cut("HORIZONTAL", in: text), vertical = cut("VERTICAL", in: text)
        let antenna = Antenna(pattern: .measured(file), azimuth: 90, mechanicalTilt: 0)
        for (offset, below) in [(0, 2), (30, 2), (-30, 5), (60, 0), (100, 10), (180, 2), (15, 350)] {
            let expected = -min(horizontal[(offset + 360) % 360] + vertical[below], 25)
            let gain = antenna.relativeGain(azimuth: 90 + Double(offset), elevation: -Double(below > 180 ? below - 360 : below))
            #expect(abs(gain - expected) < 1e-9, "offset \(offset), below \(below)")
        }
        // Between whole degrees the cuts are interpolated linearly.
        let between = antenna.relativeGain(azimuth: 90 + 30.5, elevation: -2)
        #expect(abs(between + (horizontal[30] + horizontal[31]) / 2 + vertical[2]) < 1e-9)
        // Mechanical downtilt of 4°: on boresight the beam peak moves from 2° to 6° below the horizon.
        let tilted = Antenna(pattern: .measured(file), azimuth: 90, mechanicalTilt: 4)
        #expect(tilted.relativeGain(azimuth: 90, elevation: -6) == 0)
    }

    @Test("A malformed pattern file is a clear error naming the line")
    func malformedPattern() throws {
        let path = Fixtures.path("antennas/malformed_short_horizontal.msi")
        let error = try #require(throws: MSIError.self) { _ = try MSIPattern(contentsOf: path) }
        #expect(error.description.contains("malformed_short_horizontal.msi: line 201"))
        #expect(error.description.contains("expected 'angle loss_dB' in the HORIZONTAL block, got 'VERTICAL 360'"))
        let missing = try #require(throws: MSIError.self) { _ = try MSIPattern(text: "NAME x\nHORIZONTAL 1\n0 0\n", path: "x.msi") }
        #expect(missing.message.contains("needs both HORIZONTAL and VERTICAL"))
    }

    @Test("Effective earth from surface refractivity as ITM does: k = 4/3 at 301 N-units, ITM's curvature")
    func earthFromRefractivity() throws {
        let standard = EarthModel(surfaceRefractivity: 301)
        #expect(abs(standard.kFactor - 4.0 / 3.0) < 1e-3)
        for ns in [250.0, 301, 350, 400] {
            let earth = EarthModel(surfaceRefractivity: ns)
            let itmCurvature = 157e-9 * (1 - 0.04665 * exp(ns / 179.3))
            #expect(abs(1 / (earth.kFactor * earth.radius) - itmCurvature) < 1e-18)
        }
        #expect(EarthModel(surfaceRefractivity: 350).kFactor > EarthModel(surfaceRefractivity: 300).kFactor)
    }

    @Test("Technology thresholds: defaults 2G −95, 3G −100, 4G −110, 5G −110 dBm; overridable; default bands 900/2100/1800/3500")
    func thresholds() {
        var thresholds = CoverageThresholds()
        #expect(thresholds[.gsm] == -95 && thresholds[.umts] == -100 && thresholds[.lte] == -110 && thresholds[.nr] == -110)
        thresholds = CoverageThresholds(overrides: [.lte: -105])
        #expect(thresholds[.lte] == -105 && thresholds[.gsm] == -95)
        #expect(Technology(rawValue: "4G") == .lte && Technology(rawValue: "5G") == .nr && Technology(rawValue: "6G") == nil)
        #expect(Technology.gsm.defaultFrequencyMHz == 900 && Technology.umts.defaultFrequencyMHz == 2_100 && Technology.lte.defaultFrequencyMHz == 1_800)
        #expect(Technology.nr.defaultFrequencyMHz == 3_500)
        #expect(["nr", "NR", "5g"].map(Technology.init(named:)) == [.nr, .nr, .nr] && Technology(named: "6G") == nil)
    }
}
