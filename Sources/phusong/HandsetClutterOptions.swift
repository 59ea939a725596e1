import ArgumentParser
import Propagation

/// The buildings or trees around a handset below their tops (ITU-R P.2108's terminal correction), for `footprint`'s
/// receiver, `candidates`' and `path`'s.
struct HandsetClutterOptions: ParsableArguments {
    @Option(
        name: .customLong("handset-clutter"),
        help: "The clutter around the handset, by ITU-R P.2108 §3.1: water, open, suburban, urban, trees or dense-urban. The model takes the handset at the clutter's top and the handset below it loses P.2108's correction (30 MHz–3 GHz; los, fspl, p526, itm, itm-area)."
    )
    var kind: HandsetClutter.Kind?

    @Option(
        name: .customLong("handset-clutter-height-m"), parsing: .unconditional,
        help: "With --handset-clutter: the clutter's representative height, m (default P.2108's: 10 water, open and suburban; 15 urban and trees; 20 dense-urban)."
    )
    var heightM: Double?

    @Option(
        name: .customLong("handset-street-width-m"), parsing: .unconditional,
        help: "With --handset-clutter: the width of the handset's street, m (default 27, P.2108's)."
    )
    var streetWidthM: Double?

    func validate() throws {
        for (option, value) in [("--handset-clutter-height-m", heightM), ("--handset-street-width-m", streetWidthM)] {
            guard let value else { continue }
            guard kind != nil else { throw ValidationError("\(option) goes with --handset-clutter") }
            let range = HandsetClutter.heightRangeM
            guard range.contains(value) else {
                throw ValidationError("\(option) must be within \(Int(range.lowerBound))–\(Int(range.upperBound)) m")
            }
        }
    }

    /// Refuses the clutter for a model whose formula holds it already, and for a handset on the ground (P.2108's
    /// height gain needs one above it).
    func validate(for model: PathLossModel, handsetHeight: Double) throws {
        guard kind != nil else { return }
        do { try HandsetClutter.check(model: model) } catch { throw ValidationError(error.message) }
        guard handsetHeight > 0 else { throw ValidationError("--handset-clutter needs the handset above the ground: --receiver-height-m > 0") }
    }

    /// Refuses the clutter beside a land-cover raster (`--clutter`), which prices the same buildings and trees.
    func validate(landCover: String?) throws {
        guard kind != nil, landCover != nil else { return }
        throw ValidationError("--handset-clutter and --clutter both price the clutter around the handset: give one")
    }

    /// `--handset-clutter` when given; nil otherwise.
    var firstGiven: String? { kind.map { _ in "--handset-clutter" } }

    /// The clutter asked for; nil without `--handset-clutter`.
    var clutter: HandsetClutter? {
        kind.map { HandsetClutter(kind: $0, heightM: heightM, streetWidthM: streetWidthM ?? HandsetClutter.defaultStreetWidthM) }
    }
}

extension HandsetClutter.Kind: ExpressibleByArgument {}
