import Foundation
import Geometry
import Siting
import Terrain

/// The engine version, the SHA-256 of the running executable and the releases of the C libraries it runs with, e.g.
/// `phusong 0.1.0 (executable sha256 3f9a…; GDAL 3.6.2, GEOS 3.11.1, PROJ 9.1.1, Cbc 2.10.8)`; `phusong --version`
/// prints it. Batch journals and the footprint cache key results by it: another build, or the same one on other
/// libraries (a GDAL resampling or a PROJ transformation may compute differently), recomputes them; the same build
/// finds them again. `verification.json` names it, so that an approver can tell which build checked a claim.
package let engineBuild: String = {
    // /proc/self/exe opens the running binary even after a rebuild has replaced or deleted its file.
    let digest = (try? sha256Hex(ofFile: "/proc/self/exe")) ?? (try? sha256Hex(ofFile: CommandLine.arguments[0])) ?? "unknown"
    let libraries = "GDAL \(gdalRelease), GEOS \(geosRelease), PROJ \(projRelease), Cbc \(cbcRelease)"
    return engineVersion + " (executable sha256 " + digest + "; " + libraries + ")"
}()
