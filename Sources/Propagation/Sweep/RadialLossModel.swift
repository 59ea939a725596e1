/// A terrain path-loss model prepared for a whole footprint: its inputs are checked once and it is then
/// evaluated for receivers along radials (`RadialPath`), without building a profile per receiver.
public struct RadialLossModel: Sendable {
    /// Boxed: the kernel switches over it for every cell, and a box copies as a pointer where the ITM link and
    /// P.526's constants would copy a few hundred bytes.
    private indirect enum Kind: Sendable {
        case itm(ITMMediumTable)
        case itmArea(ITMLink, siting: (SitingCriteria, SitingCriteria))
        case p526(P526Radial)
    }

    private let kind: Kind
    /// The curvature coefficient 1/(2a) per metre a `RadialPath` must use for this model's horizons.
    public let curvature: Double
    /// The statistics beyond the curved-earth ones a `RadialPath` must keep for this model.
    public let pathStatistics: RadialPath.Statistics

    /// The radial form of `model`, or nil when the model reads no terrain profile. `siteGround` is the
    /// ground elevation at the site (it sets ITM's effective earth for the horizon search).
    public init?(
        model: PathLossModel, transmitterHeight: Double, receiverHeight: Double, frequencyMHz: Double,
        environment: RadioEnvironment, earth: EarthModel, siteGround: Double
    ) throws(ModelError) {
        let heights = (transmitterHeight, receiverHeight)
        switch model {
        case .itm, .itmArea:
            let link: ITMLink
            do {
                link = try ITMLink(heights: heights, frequencyMHz: frequencyMHz, environment: environment.itm)
            } catch {
                throw ModelError("\(model.rawValue): \(error.message)")
            }
            kind = model == .itm ? .itm(ITMMediumTable(link: link)) : .itmArea(link, siting: environment.siting)
            curvature = link.medium(systemHeight: siteGround).curvature / 2
            pathStatistics = []
        case .p526:
            kind = .p526(P526Radial(
                antennaHeights: heights, frequencyMHz: frequencyMHz, earth: earth,
                polarization: environment.itm.polarization, permittivity: environment.itm.permittivity,
                conductivity: environment.itm.conductivity
            ))
            curvature = earth.curvature
            pathStatistics = [.flatEarth, .blockMaxima]
        case .los, .fspl, .hata, .cost231, .rma, .uma, .umi:
            return nil
        }
    }

    /// The shortest radius, in cells, over which radial sweeps of `model` meet the accuracy contract (a footprint
    /// of a shorter radius needs the exact kernel). ITM's shared statistics are too coarse on short radii: on
    /// N44W072 its 95th percentile |Δ| reaches 2.1 dB at 43 cells (3″, 4 km) and 2.2 dB at 67 cells (30 m, 2 km).
    /// P.526 meets the contract down to 1 km; models that read no profile never sweep.
    public static func shortestRadiusCells(for model: PathLossModel) -> Double {
        model.isITM ? 150 : 0
    }

    /// The radius, in cells, within which a sweep of `model` leaves cells to exact profiles: where its shared
    /// statistics err most and an exact profile is short. ITM's sweep at 30 km on N44W072 (3″) differs from the
    /// exact kernel by 1.7–2.0 dB (95th percentile) within 2 km, 1.3 dB at 2–4 km, 0.8–1.1 dB beyond.
    public static func exactCoreCells(for model: PathLossModel) -> Double {
        model.isITM ? 50 : 0
    }

    /// Basic transmission loss to the receiver placed on `path`, `distance` metres from the site; nil where the
    /// model gives none. `workspace` is the radial's Δh storage.
    public func loss(along path: RadialPath, distance: Double, workspace: inout DeltaHWorkspace) -> ModelLoss? {
        // The receiver borrows the path by address: a copy would retain and release the path's storage per cell.
        withUnsafePointer(to: path) { address in
            loss(of: ITMRadialReceiver(pathAddress: address, step: distance / Double(path.receiverIndex)), along: path,
                 distance: distance, workspace: &workspace)
        }
    }

    private func loss(
        of terrain: ITMRadialReceiver, along path: RadialPath, distance: Double, workspace: inout DeltaHWorkspace
    ) -> ModelLoss? {
        switch kind {
        case .itm(let table):
            let link = table.link, medium = table.medium(systemHeight: terrain.systemHeight())
            let geometry = ITMProfileAnalysis.geometry(
                of: terrain, heights: link.heights, earthRadius: medium.earthRadius, workspace: &workspace
            )
            return try? link.predict(geometry: geometry, medium: medium, pointToPoint: true).modelLoss
        case .itmArea(let link, let siting):
            // Area mode reads nothing of the terrain but Δh, and its loss follows Δh closely: shared Δh (as point
            // to point shares it) gives 95th percentiles of 2.7 dB against the exact kernel, each receiver's own 0.5.
            let deltaH = terrain.ownDeltaH(from: 0, to: distance, workspace: &workspace)
            return try? link.area(distance: distance, deltaH: deltaH, siting: siting).modelLoss
        case .p526(let p526):
            return p526.loss(along: path, distance: distance)
        }
    }
}
