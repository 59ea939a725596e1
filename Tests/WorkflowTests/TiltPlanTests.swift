import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Tilt plans (--tilts) and sectors' tilt ranges")
struct TiltPlanTests {
    let place = GeoPoint(latitude: 22.5, longitude: 103.9)

    /// A parametric 4G sector tilted 2° mechanically and 1° electrically, a 2G sector with a pattern file's cuts at 3°
    /// mechanical tilt, and an omnidirectional 3G site.
    func sites() throws -> [Site] {
        let pattern = try MSIPattern(contentsOf: Fixtures.path("antennas/sector65_900mhz_tilt2.msi"))
        return [
            Site(
                id: "L-1", location: place, antennaHeight: 30, frequencyMHz: 1_800, eirpDBm: 40, technology: .lte,
                antenna: Antenna(pattern: .parametric(horizontalBeamwidth: 65, verticalBeamwidth: 7), azimuth: 30, mechanicalTilt: 2, electricalTilt: 1)
            ),
            Site(
                id: "G-1", location: place, antennaHeight: 30, frequencyMHz: 900, eirpDBm: 57, technology: .gsm,
                antenna: Antenna(pattern: .measured(pattern), azimuth: 150, mechanicalTilt: 3)
            ),
            Site(id: "U", location: place, antennaHeight: 30, frequencyMHz: 2_100, eirpDBm: 33, technology: .umts),
        ]
    }

    func plan(_ text: String) throws -> (path: String, folder: String) {
        let folder = try temporaryFolder("tilt-plan")
        let path = folder + "/tilts.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, folder)
    }

    @Test("Listed sectors take the planned tilt by the tilt each turns; the other tilt and unlisted sites stay")
    func applies() throws {
        let (path, folder) = try plan("id,adjusts,tilt_after_deg\nL-1,electrical,6\nG-1, Mechanical ,0.5\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try sites()
        let planned = try TiltPlan.apply(try TiltPlan.load(path), to: sites, path: path)
        #expect(planned[0].antenna.electricalTilt == 6 && planned[0].antenna.mechanicalTilt == 2)
        #expect(planned[1].antenna.mechanicalTilt == 0.5 && planned[1].antenna.pattern == sites[1].antenna.pattern)
        #expect(planned[2] == sites[2])
        var expected = sites
        expected[0].antenna.electricalTilt = 6
        expected[1].antenna.mechanicalTilt = 0.5
        #expect(planned == expected)
    }

    @Test("A plan's azimuth_after_deg turns the listed sectors' azimuths too; an empty one leaves the azimuth as it is")
    func appliesAzimuths() throws {
        let (path, folder) = try plan("id,adjusts,tilt_after_deg,azimuth_after_deg\nL-1,electrical,6,45\nG-1,mechanical,1,\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try sites()
        let planned = try TiltPlan.apply(try TiltPlan.load(path), to: sites, path: path)
        #expect(planned[0].antenna.azimuth == 45 && planned[0].antenna.electricalTilt == 6)
        #expect(planned[1].antenna.azimuth == sites[1].antenna.azimuth && planned[1].antenna.mechanicalTilt == 1)
    }

    @Test("Site files' min_tilt_deg and max_tilt_deg give a sector its tilt range, either alone open on its other side; a range without azimuth or upside down is refused")
    func tiltRanges() throws {
        let (path, folder) = try plan("""
            id,lat,lon,height_m,technology,eirp_dbm,azimuth_deg,min_tilt_deg,max_tilt_deg
            A,22.5,103.9,30,4G,40,0,2,12
            B,22.5,103.9,30,4G,40,120,,8
            C,22.5,103.9,30,4G,40,240,,

            """)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try SiteFile.load(path)
        #expect(sites.map(\.tiltRange) == [2...12, -90...8, nil])
        for (row, fault) in [
            ("D,22.5,103.9,30,4G,40,,2,12", "min_tilt_deg and max_tilt_deg need azimuth_deg"),
            ("D,22.5,103.9,30,4G,40,0,12,2", "the minimum not above the maximum"),
        ] {
            try "id,lat,lon,height_m,technology,eirp_dbm,azimuth_deg,min_tilt_deg,max_tilt_deg\n\(row)\n".write(toFile: path, atomically: true, encoding: .utf8)
            let error = try #require(throws: InputError.self) { try SiteFile.load(path) }
            #expect(error.reason.contains(fault), "\(error)")
        }
    }

    @Test(
        "A plan is refused naming the file and the line or site",
        arguments: [
            ("id,tilt_after_deg\nL-1,4\n", "needs the columns id, adjusts and tilt_after_deg"),
            ("id,adjusts,tilt_after_deg\nL-1,remote,4\n", "line 2: site 'L-1' adjusts 'remote'"),
            ("id,adjusts,tilt_after_deg\nL-1,electrical,50\n", "line 2: site 'L-1' has no tilt"),
            ("id,adjusts,tilt_after_deg\nL-1,electrical,x\n", "line 2: site 'L-1' has no tilt"),
            ("id,adjusts,tilt_after_deg\nL-1,electrical,4\nL-1,electrical,5\n", "line 3: site 'L-1' is listed twice"),
            ("id,adjusts,tilt_after_deg\n,electrical,4\n", "line 2: no site id"),
            ("id,adjusts,tilt_after_deg,azimuth_after_deg\nL-1,electrical,4,north\n", "line 2: site 'L-1' has azimuth 'north'"),
            ("id,adjusts,tilt_after_deg,azimuth_after_deg\nL-1,electrical,4,400\n", "line 2: site 'L-1' has azimuth '400'"),
            ("id,adjusts,tilt_after_deg\nX,electrical,4\n", "site 'X' is not in the site list"),
            ("id,adjusts,tilt_after_deg\nU,electrical,4\n", "site 'U' is omnidirectional"),
            ("id,adjusts,tilt_after_deg\nG-1,electrical,4\n", "site 'G-1' turns its mechanical tilt (a pattern file), not its electrical one"),
            ("id,adjusts,tilt_after_deg\nL-1,mechanical,4\n", "site 'L-1' turns its electrical tilt (a parametric pattern), not its mechanical one"),
        ]
    )
    func refuses(text: String, reason: String) throws {
        let (path, folder) = try plan(text)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try sites()
        let error = try #require(throws: InputError.self) { try TiltPlan.apply(try TiltPlan.load(path), to: sites, path: path) }
        #expect(error.path == path && error.reason.contains(reason), "\(error)")
    }
}
