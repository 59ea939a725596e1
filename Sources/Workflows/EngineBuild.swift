import Foundation

/// The engine version and the SHA-256 of the running executable, e.g. `phusong 0.1.0 (executable sha256 3f9a…)`.
/// Batch journals and the footprint cache key results by it: another build, whose code may compute differently,
/// recomputes them; the same build finds them again. `verification.json` names it, so that an approver can tell
/// which build checked a claim.
package let engineBuild: String = {
    // /proc/self/exe opens the running binary even after a rebuild has replaced or deleted its file.
    let digest = (try? sha256Hex(ofFile: "/proc/self/exe")) ?? (try? sha256Hex(ofFile: CommandLine.arguments[0])) ?? "unknown"
    return engineVersion + " (executable sha256 " + digest + ")"
}()
