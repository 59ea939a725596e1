import Foundation
import Propagation
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

    @Test("Sector pattern: 0 dB on boresight, −3 dB at half the beamwidth, capped at the front-to-back ratio")
    func sectorPattern() {
        let sector = AntennaPattern.sector(azimuth: 120, beamwidth: 65, downtilt: 4, verticalBeamwidth: 10)
        #expect(sector.relativeGain(azimuth: 120, elevation: -4) == 0)
        #expect(abs(sector.relativeGain(azimuth: 120 + 32.5, elevation: -4) + 3) < 1e-12)
        #expect(abs(sector.relativeGain(azimuth: 120 - 32.5, elevation: -4) + 3) < 1e-12)
        #expect(abs(sector.relativeGain(azimuth: 120, elevation: 1) + 3) < 1e-12)
        #expect(sector.relativeGain(azimuth: 300, elevation: -4) == -AntennaPattern.frontToBack)
        #expect(sector.relativeGain(azimuth: -240, elevation: -4) == 0)  // same direction as 120°
        #expect(AntennaPattern.omni.relativeGain(azimuth: 77, elevation: -30) == 0)
    }

    @Test("Technology thresholds: defaults 2G −95, 3G −100, 4G −110 dBm; overridable")
    func thresholds() {
        var thresholds = CoverageThresholds()
        #expect(thresholds[.gsm] == -95 && thresholds[.umts] == -100 && thresholds[.lte] == -110)
        thresholds = CoverageThresholds(overrides: [.lte: -105])
        #expect(thresholds[.lte] == -105 && thresholds[.gsm] == -95)
        #expect(Technology(rawValue: "4G") == .lte && Technology(rawValue: "5G") == nil)
    }
}
