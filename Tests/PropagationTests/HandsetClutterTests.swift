import Propagation
import Testing

@Suite("Clutter around the handset (ITU-R P.2108 §3.1, the height-gain terminal correction)")
struct HandsetClutterTests {
    /// The reference values of NTIA/ITS's implementation of P.2108 (its test data for §3.1, to 0.1 dB): frequency in
    /// GHz, handset height, street width, clutter height, kind, A_h.
    static let reference: [(gigahertz: Double, handset: Double, street: Double, height: Double, kind: HandsetClutter.Kind, loss: Double)] = [
        (1.5, 2, 27, 10, .water, 16.0), (1.5, 2, 27, 6, .water, 10.9), (1.5, 2, 27, 10, .open, 16.0), (1.5, 2, 27, 6, .open, 10.9),
        (1.5, 2, 27, 10, .suburban, 20.5), (1.5, 2, 27, 6, .suburban, 14.6), (1.5, 2, 27, 15, .urban, 24.5),
        (1.5, 2, 27, 6, .urban, 14.6), (1.5, 2, 27, 15, .trees, 24.5), (1.5, 2, 27, 6, .trees, 14.6),
        (1.5, 2, 27, 20, .denseUrban, 27.1), (1.5, 2, 27, 6, .denseUrban, 14.6), (3, 3, 15, 15, .denseUrban, 29.0),
        (0.9, 2.3, 30, 10, .open, 13.7), (1.5, 2.5, 25, 10, .suburban, 20.2), (0.03, 2.1, 24.5, 9.8, .suburban, 5.7),
        (1.7, 30, 24.5, 9.8, .suburban, 0), (1.7, 30, 24.5, 30, .suburban, 0),
    ]

    @Test("A_h matches the reference implementation's values to their 0.1 dB, for every kind, over water and open ground by height gain and elsewhere by diffraction; a handset at or above the clutter's top loses nothing and the model takes it at its own height")
    func referenceValues() {
        for row in Self.reference {
            let clutter = HandsetClutter(kind: row.kind, heightM: row.height, streetWidthM: row.street)
            let loss = clutter.lossDB(frequencyMHz: row.gigahertz * 1_000, handsetHeight: row.handset)
            #expect(abs(loss - row.loss) <= 0.05, "\(row): \(loss) dB")
            #expect(clutter.modelHeight(handsetHeight: row.handset) == max(row.handset, row.height))
        }
    }

    @Test("Without a height each kind takes P.2108's Table 3 (10 m over water, open ground and suburbs, 15 in towns and woods, 20 in dense towns) and a 27 m street")
    func defaults() {
        let heights = HandsetClutter.Kind.allCases.map { HandsetClutter(kind: $0).heightM }
        #expect(heights == [10, 10, 10, 15, 15, 20])
        #expect(HandsetClutter(kind: .urban).streetWidthM == 27)
        // Urban at 1.5 GHz, handset at 2 m: the first reference row of its kind, with the defaults.
        #expect(abs(HandsetClutter(kind: .urban).lossDB(frequencyMHz: 1_500, handsetHeight: 2) - 24.5) <= 0.05)
    }

    @Test("Outside 30 MHz–3 GHz the clutter is refused, naming the range and the way out; allowed, it warns; Hata's family and 3GPP's scenarios refuse it, the terrain models take it")
    func ranges() throws {
        let clutter = HandsetClutter(kind: .trees)
        #expect(try clutter.check(frequencyMHz: 900, allowExtrapolation: false).isEmpty)
        for frequency in [20.0, 3_500] {
            #expect(throws: ModelError.self) { try clutter.check(frequencyMHz: frequency, allowExtrapolation: false) }
            let warnings = try clutter.check(frequencyMHz: frequency, allowExtrapolation: true)
            #expect(warnings == [String(format: "trees clutter around the handset (P.2108): frequency %g MHz is outside 30–3000 MHz (extrapolated)", frequency)])
        }
        for model in PathLossModel.allCases {
            let refused = (try? HandsetClutter.check(model: model)) == nil
            #expect(refused == [.hata, .cost231, .rma, .uma, .umi].contains(model), "\(model)")
        }
    }
}
