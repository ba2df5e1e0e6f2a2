import Foundation

/// The named colormaps. The perceptual ones are sampled from the published 256-entry tables
/// (matplotlib's `_cm_listed.py`, by van der Walt & Smith for viridis/magma and by Nuñez,
/// Anderton & Renslow 2018 for cividis) at entries 0, 16, 32, ..., 240 and 255, and
/// interpolated linearly between them; off-anchor entries stay within about one 8-bit step
/// (1.5/255 at worst in the tested entries) of the full table.
extension Colormap {
    /// Anchor positions of the sampled 256-entry tables: entry index / 255.
    private static let tablePositions: [Double] = {
        let indices = Array(stride(from: 0, through: 240, by: 16)) + [255]
        return indices.map { Double($0) / 255 }
    }()

    private static func sampled(_ name: String, _ triples: [(Double, Double, Double)]) -> Colormap {
        let colors = triples.map { Color(red: $0.0, green: $0.1, blue: $0.2) }
        return Colormap(name: name, anchors: colors, positions: tablePositions)
    }

    /// Viridis: perceptually uniform, blue to yellow; the default for images and contours.
    public static let viridis = sampled("viridis", [
        (0.267004, 0.004874, 0.329415), (0.282327, 0.094955, 0.417331),
        (0.278826, 0.175490, 0.483397), (0.258965, 0.251537, 0.524736),
        (0.229739, 0.322361, 0.545706), (0.199430, 0.387607, 0.554642),
        (0.172719, 0.448791, 0.557885), (0.149039, 0.508051, 0.557250),
        (0.127568, 0.566949, 0.550556), (0.120638, 0.625828, 0.533488),
        (0.157851, 0.683765, 0.501686), (0.246070, 0.738910, 0.452024),
        (0.369214, 0.788888, 0.382914), (0.515992, 0.831158, 0.294279),
        (0.678489, 0.863742, 0.189503), (0.845561, 0.887322, 0.099702),
        (0.993248, 0.906157, 0.143936),
    ])

    /// Magma: perceptually uniform, black through purple to pale yellow.
    public static let magma = sampled("magma", [
        (0.001462, 0.000466, 0.013866), (0.039608, 0.031090, 0.133515),
        (0.113094, 0.065492, 0.276784), (0.211718, 0.061992, 0.418647),
        (0.316654, 0.071690, 0.485380), (0.414709, 0.110431, 0.504662),
        (0.512831, 0.148179, 0.507648), (0.613617, 0.181811, 0.498536),
        (0.716387, 0.214982, 0.475290), (0.816914, 0.255895, 0.436461),
        (0.904281, 0.319610, 0.388137), (0.960949, 0.418323, 0.359630),
        (0.986700, 0.535582, 0.382210), (0.996096, 0.653659, 0.446213),
        (0.996898, 0.769591, 0.534892), (0.992440, 0.884330, 0.640099),
        (0.987053, 0.991438, 0.749504),
    ])

    /// Cividis: viridis-like, optimised to look the same to viewers with deuteranomaly.
    public static let cividis = sampled("cividis", [
        (0.000000, 0.135112, 0.304751), (0.000000, 0.178802, 0.414764),
        (0.103401, 0.220406, 0.435790), (0.195057, 0.264372, 0.425924),
        (0.263738, 0.307831, 0.422789), (0.324250, 0.351289, 0.426250),
        (0.380830, 0.395164, 0.435653), (0.435168, 0.439763, 0.451134),
        (0.488697, 0.485318, 0.471008), (0.547840, 0.531895, 0.471704),
        (0.609105, 0.579816, 0.463638), (0.671991, 0.629316, 0.448018),
        (0.736488, 0.680629, 0.424028), (0.802667, 0.733978, 0.390153),
        (0.870717, 0.789572, 0.343333), (0.941147, 0.847530, 0.275815),
        (0.995737, 0.909344, 0.217772),
    ])

    /// RdBu: ColorBrewer's 11-class diverging red–white–blue (Brewer, colorbrewer2.org),
    /// low values red, high values blue, for signed data centred on zero.
    public static let rdBu = Colormap(name: "RdBu", anchors: [
        Color(hex: 0x67001F), Color(hex: 0xB2182B), Color(hex: 0xD6604D), Color(hex: 0xF4A582),
        Color(hex: 0xFDDBC7), Color(hex: 0xF7F7F7), Color(hex: 0xD1E5F0), Color(hex: 0x92C5DE),
        Color(hex: 0x4393C3), Color(hex: 0x2166AC), Color(hex: 0x053061),
    ])

    /// Greys from black to white.
    public static let grays = Colormap(name: "gray", anchors: [Color.black, Color.white])
}
