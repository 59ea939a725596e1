import Foundation

/// The engine version and the SHA-256 of the running executable. Batch journals and the footprint cache key
/// results by it: another build, whose code may compute differently, recomputes them; the same build finds them
/// again.
package let engineBuild: String = {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return engineVersion + " " + ((try? sha256Hex(ofFile: executable)) ?? "unknown build")
}()
