/// The ITM view of a receiver placed on a radial: the radial's samples and the receiver's tail stretched
/// to equal steps over the receiver's true distance. Sums and horizons come from the radial's
/// running statistics; only Δh reads the samples.
struct ITMRadialReceiver: ITMTerrain {
    /// The path, by address: valid while the receiver is evaluated (`RadialLossModel.loss`).
    let pathAddress: UnsafePointer<RadialPath>
    let step: Double
    var path: RadialPath { _read { yield pathAddress.pointee } }
    var intervals: Int { path.receiverIndex }

    func withElevations<R>(_ body: (UnsafeBufferPointer<Double>) -> R) -> R {
        body(UnsafeBufferPointer(rebasing: path.heights[0...path.receiverIndex]))
    }

    func sum(_ first: Int, _ last: Int) -> Double { first > last ? 0 : path.sum(first, last) }

    func weightedSum(_ first: Int, _ last: Int) -> Double { first > last ? 0 : path.weightedSum(first, last) }

    /// Δh changes slowly with distance and direction: receivers in the same 5 % band of distance whose
    /// terrain starts at the same place share it, on one radial or its neighbours (`DeltaHWorkspace`).
    func deltaH(from start: Double, to end: Double, workspace: inout DeltaHWorkspace) -> Double {
        if let shared = workspace.shared(end: end, start: start, tolerance: step) { return shared }
        let value = ownDeltaH(from: start, to: end, workspace: &workspace)
        workspace.share(value, end: end, start: start)
        return value
    }

    func horizons(earthRadius: Double, heights: (Double, Double)) -> (angles: (Double, Double), distances: (Double, Double)) {
        let z = path.heights, receiverIndex = intervals
        let distance = Double(receiverIndex) * step
        let transmitter = z[0] + heights.0, receiver = z[receiverIndex] + heights.1
        var (angles, distances) = ITMProfileAnalysis.directPath(
            transmitter: transmitter, receiver: receiver, distance: distance, earthRadius: earthRadius
        )
        guard receiverIndex >= 2 else { return (angles, distances) }
        let near = Double(path.curvedHorizon) * step
        let fromTransmitter = (z[path.curvedHorizon] - transmitter) / near - near / (2 * earthRadius)
        if fromTransmitter > angles.0 { (angles.0, distances.0) = (fromTransmitter, near) }
        let back = path.receiverHorizon(height: receiver, curved: true)
        let far = Double(receiverIndex - back) * step
        let fromReceiver = (z[back] - receiver) / far - far / (2 * earthRadius)
        if fromReceiver > angles.1 { (angles.1, distances.1) = (fromReceiver, far) }
        return (angles, distances)
    }
}
