import Coverage
import Foundation
import Terrain
import TestSupport
import Testing

/// Coordinates in degrees, minutes and seconds, as BTS site databases keep them.
@Suite("Degrees, minutes and seconds")
struct DegreesMinutesSecondsTests {
    @Test("Written every common way: marks or spaces, hemisphere before or after, a minus, degrees and decimal minutes")
    func parsed() {
        let cases: [(String, DegreesMinutesSeconds.Axis, Double)] = [
            (#"22°31'12.5"N"#, .latitude, 22 + 31.0 / 60 + 12.5 / 3_600),
            ("105° 15′ 30″ E", .longitude, 105 + 15.0 / 60 + 30.0 / 3_600),
            ("22 31 12.5", .latitude, 22 + 31.0 / 60 + 12.5 / 3_600),
            ("-22°31'", .latitude, -(22 + 31.0 / 60)),
            ("W 71°27'", .longitude, -(71 + 27.0 / 60)),
            ("71°27'w", .longitude, -(71 + 27.0 / 60)),
            ("S 33°55.5'", .latitude, -(33 + 55.5 / 60)),
            ("22.52N", .latitude, 22.52),
            ("0°0'0\"", .longitude, 0),
        ]
        for (text, axis, expected) in cases {
            let value = DegreesMinutesSeconds.degrees(text, axis: axis)
            #expect(value.map { abs($0 - expected) < 1e-12 } == true, "\(text): \(String(describing: value))")
        }
    }

    @Test("Not coordinates: 60 minutes or seconds, a latitude's letter on a longitude, a minus and a letter, a plain decimal, words")
    func refused() {
        let cases: [(String, DegreesMinutesSeconds.Axis)] = [
            ("22°60'", .latitude), (#"22°31'60""#, .latitude), ("22°31'N", .longitude), ("105°E", .latitude),
            ("-22°N", .latitude), ("22.5", .latitude), ("north", .latitude), ("", .latitude), ("22°31'12\"5\"", .latitude),
        ]
        for (text, axis) in cases {
            #expect(DegreesMinutesSeconds.degrees(text, axis: axis) == nil, "\(text)")
        }
    }

    @Test("A site CSV in degrees, minutes and seconds reads the sites its decimal twin does; a bad one is named")
    func siteCSV() throws {
        let folder = try temporaryFolder("dms")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let decimal = Fixtures.path("sites/nh_two_sites.csv")
        let text = try String(contentsOfFile: decimal, encoding: .utf8)
        let path = folder + "/sites.csv"
        try text.replacingOccurrences(of: "44.45,-71.45", with: #""44°27'00""N","71°27'W""#)
            .replacingOccurrences(of: "44.50,-71.40", with: "44 30 00 N,W 71 24")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let expected = try SiteFile.load(decimal), read = try SiteFile.load(path)
        #expect(read.count == expected.count)
        for (site, twin) in zip(read, expected) {
            #expect(abs(site.location.latitude - twin.location.latitude) < 1e-12 && abs(site.location.longitude - twin.location.longitude) < 1e-12)
            var moved = site
            moved.location = twin.location
            #expect(moved == twin)
        }
        try text.replacingOccurrences(of: "44.45,-71.45", with: "44°27'E,-71.45").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(
            path: path,
            reason: #"line 2: column 'lat' is not a latitude in degrees: '44°27'E' (decimal, or degrees, minutes and seconds such as 22°31'12.5"N)"#
        )) { try SiteFile.load(path) }
    }
}
