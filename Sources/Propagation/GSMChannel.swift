/// GSM's absolute radio-frequency channel numbers (ARFCN) and the downlink carriers they name (3GPP TS 45.005 §2, the
/// base station's transmit band): GSM 900 (P-, E- and R-GSM) 0–124 and 955–1023, GSM 850 128–251, DCS 1800 512–885.
/// PCS 1900 numbers its channels 512–810 too, so its carriers are given in MHz.
public enum GSMChannel {
    /// The channel numbers of each band this knows, for messages.
    public static let bands = "GSM 900: 0–124, 955–1023; GSM 850: 128–251; DCS 1800: 512–885"

    /// The downlink frequency of channel `number`, MHz; nil for a number outside those bands.
    public static func downlinkMHz(_ number: Int) -> Double? {
        switch number {
        case 0...124: 935 + 0.2 * Double(number)
        case 128...251: 869.2 + 0.2 * Double(number - 128)
        case 512...885: 1_805.2 + 0.2 * Double(number - 512)
        case 955...1_023: 935 + 0.2 * Double(number - 1_024)
        default: nil
        }
    }
}
