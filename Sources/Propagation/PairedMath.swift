import Foundation
import Terrain

// Two arguments at once in the processor's two double lanes, for the places where ITM needs the same function of
// two values: its two-ray loss at two distances, its diffraction line at two distances, the two terminals' arcs, the
// variability's two decays. Lane by lane `exponential` and `sineAndCosine` are the same operations as their
// one-argument forms, so the same results; `naturalLog` is our own (two-lane `cubeRoot` and `decimalLog` stand
// beside their one-argument forms).

/// eˣ of both lanes, each the same as `exponential(_:)` of it.
@usableFromInline @inline(__always)
func exponential(_ x: SIMD2<Double>) -> SIMD2<Double> {
    guard all((x .< 700) .& (x .> -700)) else { return SIMD2(exponential(x[0]), exponential(x[1])) }
    let (n, steps) = nearestInteger(x * 184.664_965_233_787_3)
    let r = (x - n * 0x1.62e43p-8) - n * -0x1.05c610ca86c39p-36
    let powers = SIMD2(exponentialPowers[Int(steps[0] & 127)], exponentialPowers[Int(steps[1] & 127)])
    let scale = unsafeBitCast(powers &+ unsafeBitCast((steps &>> 7) &<< 52, to: SIMD2<UInt64>.self), to: SIMD2<Double>.self)
    // The series as the one-argument form evaluates it, a step at a time (one expression is beyond the type checker).
    var series = SIMD2<Double>(repeating: 1.0 / 120)
    series = series * r + 1.0 / 24
    series = series * r + 1.0 / 6
    series = series * r + 0.5
    series = r + r * r * series
    return scale + scale * series
}

/// sin x and cos x of both lanes, each the same as `sineAndCosine(_:)` of it.
@usableFromInline @inline(__always)
func sineAndCosine(_ x: SIMD2<Double>) -> (sin: SIMD2<Double>, cos: SIMD2<Double>) {
    guard all((x .< 8) .& (x .> -8)) else { return sineAndCosineOneByOne(x) }
    let (n, quadrant) = nearestInteger(x * (2 / Double.pi))
    let y = ((x - n * 0x1.921fb54480000p+0) - n * -0x1.e973dcb400000p-35) - n * 0x1.3198a2e037073p-69
    let z = y * y
    // Both series as the one-argument form evaluates them, innermost term first, a step at a time (one expression
    // is beyond the type checker).
    var sineSeries = SIMD2<Double>(repeating: -1.0 / 1_307_674_368_000)
    sineSeries = sineSeries * z + 1.0 / 6_227_020_800
    sineSeries = sineSeries * z + -1.0 / 39_916_800
    sineSeries = sineSeries * z + 1.0 / 362_880
    sineSeries = sineSeries * z + -1.0 / 5_040
    sineSeries = sineSeries * z + 1.0 / 120
    sineSeries = sineSeries * z + -1.0 / 6
    var cosineSeries = SIMD2<Double>(repeating: 1.0 / 20_922_789_888_000)
    cosineSeries = cosineSeries * z + -1.0 / 87_178_291_200
    cosineSeries = cosineSeries * z + 1.0 / 479_001_600
    cosineSeries = cosineSeries * z + -1.0 / 3_628_800
    cosineSeries = cosineSeries * z + 1.0 / 40_320
    cosineSeries = cosineSeries * z + -1.0 / 720
    cosineSeries = cosineSeries * z + 1.0 / 24
    cosineSeries = cosineSeries * z + -0.5
    let s = y + y * z * sineSeries, c = 1 + z * cosineSeries
    // Odd quadrants swap the two; quadrants 2 and 3 negate the sine, 1 and 2 the cosine.
    let odd = quadrant & 1 .== 1
    let sine = s.replacing(with: c, where: odd), cosine = c.replacing(with: s, where: odd)
    return (sine.replacing(with: -sine, where: quadrant & 2 .== 2), cosine.replacing(with: -cosine, where: (quadrant &+ 1) & 2 .== 2))
}

/// The lanes one after the other, out of line: the rare path of `sineAndCosine`, kept from its inlined body.
@usableFromInline @inline(never)
func sineAndCosineOneByOne(_ x: SIMD2<Double>) -> (sin: SIMD2<Double>, cos: SIMD2<Double>) {
    let (first, second) = (sineAndCosine(x[0]), sineAndCosine(x[1]))
    return (SIMD2(first.sin, second.sin), SIMD2(first.cos, second.cos))
}

/// x rounded to the nearest integer in both lanes, as `nearestInteger(_:)` rounds each.
@usableFromInline @inline(__always)
func nearestInteger(_ x: SIMD2<Double>) -> (value: SIMD2<Double>, integer: SIMD2<Int64>) {
    let shifter = 6_755_399_441_055_744.0
    let shifted = x + shifter
    return (shifted - shifter, unsafeBitCast(shifted, to: SIMD2<Int64>.self) &- Int64(bitPattern: shifter.bitPattern))
}

/// ln x of both lanes, within one unit in the last place of glibc's `log` (tested): x = 2ᵏ·z with z in [0.6875, 1.375),
/// ln z = ln c + ln(1 + r) for the centre c of z's 128th of that range, r = (z − c)/c (z − c exact) and ln(1 + r) from
/// its series to r⁸ (|r| < 2⁻⁷, the next term below 10⁻¹⁹). Next to 1, c = 1: r = z − 1 and the result is accurate
/// relative to itself. Zero, negative, subnormal, infinite and NaN lanes go to `log`.
@usableFromInline @inline(__always)
func naturalLog(_ x: SIMD2<Double>) -> SIMD2<Double> {
    guard all((x .>= .leastNormalMagnitude) .& (x .< .infinity)) else { return SIMD2(log(x[0]), log(x[1])) }
    let bits = unsafeBitCast(x, to: SIMD2<Int64>.self), shifted = bits &- 0x3FE6_0000_0000_0000  // 0.6875
    let exponent = shifted &>> 52, entry = ((shifted &>> 45) & 127) &* 3
    let z = unsafeBitCast(bits &- exponent &<< 52, to: SIMD2<Double>.self)
    let (first, second) = (Int(entry[0]), Int(entry[1]))
    let centre = SIMD2(logarithmCentres[first], logarithmCentres[second])
    let inverse = SIMD2(logarithmCentres[first &+ 1], logarithmCentres[second &+ 1])
    let logCentre = SIMD2(logarithmCentres[first &+ 2], logarithmCentres[second &+ 2])
    let r = (z - centre) * inverse, k = SIMD2<Double>(exponent)
    var series = SIMD2<Double>(repeating: -0.125)
    series = series * r + 1.0 / 7
    series = series * r + -1.0 / 6
    series = series * r + 0.2
    series = series * r + -0.25
    series = series * r + 1.0 / 3
    series = series * r + -0.5
    series = r * r * series
    // ln 2 in two parts, the first with 32 significant bits so that k times it is exact.
    let high = k * 0x1.62e42fefp-1 + logCentre, low = k * 0x1.473de6af278edp-34 + series
    return high + (r + low)
}

/// For each 128th of [0.6875, 1.375) (by the top bits of x's pattern less 0.6875's): its centre c (1 for the two
/// next to 1), exact in a few bits, then 1/c and ln c correctly rounded.
@usableFromInline let logarithmCentres: [Double] = [
    0x1.61p-1, 0x1.734f0c541fe8dp+0, -0x1.7cc7f7db46a0ep-2, 0x1.63p-1, 0x1.713786d9c7c09p+0, -0x1.76feecb947175p-2,
    0x1.65p-1, 0x1.6f26016f26017p+0, -0x1.713e33a46a17cp-2, 0x1.67p-1, 0x1.6d1a62681c861p+0, -0x1.6b85b4cffa3fdp-2,
    0x1.69p-1, 0x1.6b1490aa31a3dp+0, -0x1.65d558d4ce00bp-2, 0x1.6bp-1, 0x1.691473a88d0cp+0, -0x1.602d08af091ecp-2,
    0x1.6dp-1, 0x1.6719f3601671ap+0, -0x1.5a8cadbbedfa1p-2, 0x1.6fp-1, 0x1.6524f853b4aa3p+0, -0x1.54f431b7be1a9p-2,
    0x1.71p-1, 0x1.63356b88ac0dep+0, -0x1.4f637ebba981p-2, 0x1.73p-1, 0x1.614b36831ae94p+0, -0x1.49da7f3bcc41fp-2,
    0x1.75p-1, 0x1.5f66434292dfcp+0, -0x1.44591e0539f49p-2, 0x1.77p-1, 0x1.5d867c3ece2a5p+0, -0x1.3edf463c1683ep-2,
    0x1.79p-1, 0x1.5babcc647fa91p+0, -0x1.396ce359bbf54p-2, 0x1.7bp-1, 0x1.59d61f123ccaap+0, -0x1.3401e12aecba1p-2,
    0x1.7dp-1, 0x1.580560158056p+0, -0x1.2e9e2bce12286p-2, 0x1.7fp-1, 0x1.56397ba7c52e2p+0, -0x1.2941afb186b7cp-2,
    0x1.81p-1, 0x1.54725e6bb82fep+0, -0x1.23ec5991eba49p-2, 0x1.83p-1, 0x1.52aff56a8054bp+0, -0x1.1e9e1678899f4p-2,
    0x1.85p-1, 0x1.50f22e111c4c5p+0, -0x1.1956d3b9bc2fap-2, 0x1.87p-1, 0x1.4f38f62dd4c9bp+0, -0x1.14167ef367783p-2,
    0x1.89p-1, 0x1.4d843bedc2c4cp+0, -0x1.0edd060b78081p-2, 0x1.8bp-1, 0x1.4bd3edda68fe1p+0, -0x1.09aa572e6c6d4p-2,
    0x1.8dp-1, 0x1.4a27fad76014ap+0, -0x1.047e60cde83b8p-2, 0x1.8fp-1, 0x1.488052201488p+0, -0x1.feb2233ea07cdp-3,
    0x1.91p-1, 0x1.46dce34596066p+0, -0x1.f474b134df229p-3, 0x1.93p-1, 0x1.453d9e2c776cap+0, -0x1.ea4449f04aaf5p-3,
    0x1.95p-1, 0x1.43a2730abee4dp+0, -0x1.e020cc6235ab5p-3, 0x1.97p-1, 0x1.420b5265e5951p+0, -0x1.d60a17f903515p-3,
    0x1.99p-1, 0x1.40782d10e6566p+0, -0x1.cc000c9db3c52p-3, 0x1.9bp-1, 0x1.3ee8f42a5af07p+0, -0x1.c2028ab17f9b4p-3,
    0x1.9dp-1, 0x1.3d5d991aa75c6p+0, -0x1.b811730b823d2p-3, 0x1.9fp-1, 0x1.3bd60d9232955p+0, -0x1.ae2ca6f672bd4p-3,
    0x1.a1p-1, 0x1.3a524387ac822p+0, -0x1.a454082e6ab05p-3, 0x1.a3p-1, 0x1.38d22d366088ep+0, -0x1.9a8778debaa38p-3,
    0x1.a5p-1, 0x1.3755bd1c945eep+0, -0x1.90c6db9fcbcd9p-3, 0x1.a7p-1, 0x1.35dce5f9f2af8p+0, -0x1.871213750e994p-3,
    0x1.a9p-1, 0x1.34679ace01346p+0, -0x1.7d6903caf5adp-3, 0x1.abp-1, 0x1.32f5ced6a1dfap+0, -0x1.73cb9074fd14dp-3,
    0x1.adp-1, 0x1.3187758e9ebb6p+0, -0x1.6a399dabbd383p-3, 0x1.afp-1, 0x1.301c82ac4026p+0, -0x1.60b3100b09476p-3,
    0x1.b1p-1, 0x1.2eb4ea1fed14bp+0, -0x1.5737cc9018cddp-3, 0x1.b3p-1, 0x1.2d50a012d50ap+0, -0x1.4dc7b897bc1c8p-3,
    0x1.b5p-1, 0x1.2bef98e5a3711p+0, -0x1.4462b9dc9b3dcp-3, 0x1.b7p-1, 0x1.2a91c92f3c105p+0, -0x1.3b08b6757f2a9p-3,
    0x1.b9p-1, 0x1.293725bb804a5p+0, -0x1.31b994d3a4f85p-3, 0x1.bbp-1, 0x1.27dfa38a1ce4dp+0, -0x1.28753bc11aba5p-3,
    0x1.bdp-1, 0x1.268b37cd60127p+0, -0x1.1f3b925f25d41p-3, 0x1.bfp-1, 0x1.2539d7e9177b2p+0, -0x1.160c8024b27b1p-3,
    0x1.c1p-1, 0x1.23eb79717605bp+0, -0x1.0ce7ecdccc28dp-3, 0x1.c3p-1, 0x1.22a0122a0122ap+0, -0x1.03cdc0a51ec0dp-3,
    0x1.c5p-1, 0x1.21579804855e6p+0, -0x1.f57bc7d9005dbp-4, 0x1.c7p-1, 0x1.2012012012012p+0, -0x1.e3707ee30487bp-4,
    0x1.c9p-1, 0x1.1ecf43c7fb84cp+0, -0x1.d179788219364p-4, 0x1.cbp-1, 0x1.1d8f5672e4abdp+0, -0x1.bf968769fca11p-4,
    0x1.cdp-1, 0x1.1c522fc1ce059p+0, -0x1.adc77ee5aea8cp-4, 0x1.cfp-1, 0x1.1b17c67f2bae3p+0, -0x1.9c0c32d4d2548p-4,
    0x1.d1p-1, 0x1.19e0119e0119ep+0, -0x1.8a6477a91dc29p-4, 0x1.d3p-1, 0x1.18ab083902bdbp+0, -0x1.78d02263d82d3p-4,
    0x1.d5p-1, 0x1.1778a191bd684p+0, -0x1.674f089365a7ap-4, 0x1.d7p-1, 0x1.1648d50fc3201p+0, -0x1.55e10050e0384p-4,
    0x1.d9p-1, 0x1.151b9a3fdd5c9p+0, -0x1.4485e03dbdfadp-4, 0x1.dbp-1, 0x1.13f0e8d344724p+0, -0x1.333d7f8183f4bp-4,
    0x1.ddp-1, 0x1.12c8b89edc0acp+0, -0x1.2207b5c78549ep-4, 0x1.dfp-1, 0x1.11a3019a74826p+0, -0x1.10e45b3cae831p-4,
    0x1.e1p-1, 0x1.107fbbe01108p+0, -0x1.ffa6911ab9301p-5, 0x1.e3p-1, 0x1.0f5edfab325a2p+0, -0x1.dda8adc67ee4ep-5,
    0x1.e5p-1, 0x1.0e40655826011p+0, -0x1.bbcebfc68f42p-5, 0x1.e7p-1, 0x1.0d24456359e3ap+0, -0x1.9a187b573de7cp-5,
    0x1.e9p-1, 0x1.0c0a7868b4171p+0, -0x1.788595a3577bap-5, 0x1.ebp-1, 0x1.0af2f722eecb5p+0, -0x1.5715c4c03ceefp-5,
    0x1.edp-1, 0x1.09ddba6af836p+0, -0x1.35c8bfaa1306bp-5, 0x1.efp-1, 0x1.08cabb37565e2p+0, -0x1.149e3e4005a8dp-5,
    0x1.f1p-1, 0x1.07b9f29b8eae2p+0, -0x1.e72bf2813ce51p-6, 0x1.f3p-1, 0x1.06ab59c7912fbp+0, -0x1.a55f548c5c43fp-6,
    0x1.f5p-1, 0x1.059eea0727586p+0, -0x1.63d6178690bd6p-6, 0x1.f7p-1, 0x1.04949cc1664c5p+0, -0x1.228fb1fea2e28p-6,
    0x1.f9p-1, 0x1.038c6b78247fcp+0, -0x1.c317384c75f06p-7, 0x1.fbp-1, 0x1.02864fc7729e9p+0, -0x1.41929f96832fp-7,
    0x1.fdp-1, 0x1.0182436517a37p+0, -0x1.8121214586b54p-8, 1, 1, 0,
    1, 1, 0, 0x1.03p+0, 0x1.fa11caa01fa12p-1, 0x1.7dc475f810a77p-7,
    0x1.05p+0, 0x1.f6310aca0dbb5p-1, 0x1.3cea44346a575p-6, 0x1.07p+0, 0x1.f25f644230ab5p-1, 0x1.b9fc027af9198p-6,
    0x1.09p+0, 0x1.ee9c7f8458e02p-1, 0x1.1b0d98923d98p-5, 0x1.0bp+0, 0x1.eae807aba01ebp-1, 0x1.58a5bafc8e4d5p-5,
    0x1.0dp+0, 0x1.e741aa59750e4p-1, 0x1.95c830ec8e3ebp-5, 0x1.0fp+0, 0x1.e3a9179dc1a73p-1, 0x1.d276b8adb0b52p-5,
    0x1.11p+0, 0x1.e01e01e01e01ep-1, 0x1.075983598e471p-4, 0x1.13p+0, 0x1.dca01dca01dcap-1, 0x1.253f62f0a1417p-4,
    0x1.15p+0, 0x1.d92f2231e7f8ap-1, 0x1.42edcbea646fp-4, 0x1.17p+0, 0x1.d5cac807572b2p-1, 0x1.60658a93750c4p-4,
    0x1.19p+0, 0x1.d272ca3fc5b1ap-1, 0x1.7da766d7b12cdp-4, 0x1.1bp+0, 0x1.cf26e5c44bfc6p-1, 0x1.9ab42462033adp-4,
    0x1.1dp+0, 0x1.cbe6d9601cbe7p-1, 0x1.b78c82bb0eda1p-4, 0x1.1fp+0, 0x1.c8b265afb8a42p-1, 0x1.d4313d66cb35dp-4,
    0x1.21p+0, 0x1.c5894d10d4986p-1, 0x1.f0a30c01162a6p-4, 0x1.23p+0, 0x1.c26b5392ea01cp-1, 0x1.0671512ca596ep-3,
    0x1.25p+0, 0x1.bf583ee868d8bp-1, 0x1.14785846742acp-3, 0x1.27p+0, 0x1.bc4fd65883e7bp-1, 0x1.2266f190a5acbp-3,
    0x1.29p+0, 0x1.b951e2b18ff23p-1, 0x1.303d718e47fd3p-3, 0x1.2bp+0, 0x1.b65e2e3beee05p-1, 0x1.3dfc2b0ecc62ap-3,
    0x1.2dp+0, 0x1.b37484ad806cep-1, 0x1.4ba36f39a55e5p-3, 0x1.2fp+0, 0x1.b094b31d922a4p-1, 0x1.59338d9982086p-3,
    0x1.31p+0, 0x1.adbe87f94905ep-1, 0x1.66acd4272ad51p-3, 0x1.33p+0, 0x1.aaf1d2f87ebfdp-1, 0x1.740f8f54037a5p-3,
    0x1.35p+0, 0x1.a82e65130e159p-1, 0x1.815c0a14357ebp-3, 0x1.37p+0, 0x1.a574107688a4ap-1, 0x1.8e928de886d41p-3,
    0x1.39p+0, 0x1.a2c2a87c51cap-1, 0x1.9bb362e7dfb83p-3, 0x1.3bp+0, 0x1.a01a01a01a01ap-1, 0x1.a8becfc882f19p-3,
    0x1.3dp+0, 0x1.9d79f176b682dp-1, 0x1.b5b519e8fb5a4p-3, 0x1.3fp+0, 0x1.9ae24ea5510dap-1, 0x1.c2968558c18c1p-3,
    0x1.41p+0, 0x1.9852f0d8ec0ffp-1, 0x1.cf6354e09c5dcp-3, 0x1.43p+0, 0x1.95cbb0be377aep-1, 0x1.dc1bca0abec7dp-3,
    0x1.45p+0, 0x1.934c67f9b2ce6p-1, 0x1.e8c0252aa5a6p-3, 0x1.47p+0, 0x1.90d4f120190d5p-1, 0x1.f550a564b7b37p-3,
    0x1.49p+0, 0x1.8e6527af1373fp-1, 0x1.00e6c45ad501dp-2, 0x1.4bp+0, 0x1.8bfce8062ff3ap-1, 0x1.071b85fcd590dp-2,
    0x1.4dp+0, 0x1.899c0f601899cp-1, 0x1.0d46b579ab74bp-2, 0x1.4fp+0, 0x1.87427bcc092b9p-1, 0x1.136870293a8bp-2,
    0x1.51p+0, 0x1.84f00c2780614p-1, 0x1.1980d2dd4236fp-2, 0x1.53p+0, 0x1.82a4a0182a4ap-1, 0x1.1f8ff9e48a2f3p-2,
    0x1.55p+0, 0x1.8060180601806p-1, 0x1.2596010df763ap-2, 0x1.57p+0, 0x1.7e225515a4f1dp-1, 0x1.2b9303ab89d25p-2,
    0x1.59p+0, 0x1.7beb3922e017cp-1, 0x1.31871c9544185p-2, 0x1.5bp+0, 0x1.79baa6bb6398bp-1, 0x1.3772662bfd85bp-2,
    0x1.5dp+0, 0x1.77908119ac60dp-1, 0x1.3d54fa5c1f71p-2, 0x1.5fp+0, 0x1.756cac201756dp-1, 0x1.432ef2a04e814p-2
]

/// Each lane of `x` no greater than `cap`, as `pointwiseMin(x, SIMD2(repeating: cap))` gives it (a NaN lane becomes
/// `cap`), but inlined: the standard library's generic form is a call wherever ITM takes it, twice per cell.
@usableFromInline @inline(__always)
func capped(_ x: SIMD2<Double>, at cap: Double) -> SIMD2<Double> {
    x.replacing(with: cap, where: .!(x .<= SIMD2(repeating: cap)))
}
