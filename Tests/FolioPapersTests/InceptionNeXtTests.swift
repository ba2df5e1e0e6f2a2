import FolioAutograd
import FolioNN
import FolioNumericTestSupport
import FolioPapers
import FolioTensor
import XCTest

/// 25 incnext: the spec's numeric cases (values from reference/incnext.py), its properties and gradchecks.
final class InceptionNeXtTests: XCTestCase {
    private func v(_ shape: [Int], _ k: Double, scale: Double = 1, shift: Double = 0) throws -> Variable {
        Variable(try detTensor(shape, k) * scale + shift)
    }

    private func caseOneWeights() throws -> InceptionNeXt.BranchWeights {
        InceptionNeXt.BranchWeights(square: try v([2, 1, 3, 3], 1), squareBias: try v([2], 2), width: try v([2, 1, 1, 5], 3),
                                    widthBias: try v([2], 4), height: try v([2, 1, 5, 1], 5), heightBias: try v([2], 6))
    }

    private func caseOne() throws -> Variable {
        try InceptionNeXt.inceptionDWConv(try v([1, 8, 6, 7], 0), caseOneWeights(), squareKernel: 3, bandKernel: 5, branchRatio: 0.25)
    }

    private func blockInputs() throws -> (norm: InceptionNeXt.BatchNormStatistics, mlp: InceptionNeXt.MlpWeights, gamma: Variable) {
        let variance = Variable(try detTensor([8], 4) * detTensor([8], 4) * 0.5 + 1)
        let norm = InceptionNeXt.BatchNormStatistics(mean: try v([8], 3, scale: 0.1), variance: variance,
                                                     weight: try v([8], 5, scale: 0.1, shift: 1), bias: try v([8], 6, scale: 0.1), eps: 1e-5)
        let mlp = InceptionNeXt.MlpWeights(fc1: try v([32, 8, 1, 1], 7, scale: 0.3), fc1Bias: try v([32], 8, scale: 0.1),
                                           fc2: try v([8, 32, 1, 1], 9, scale: 0.3), fc2Bias: try v([8], 10, scale: 0.1))
        return (norm, mlp, try v([8], 11))
    }

    private func head(_ x: Variable) throws -> Variable {
        try InceptionNeXt.mlpHead(x, fc1: try v([24, 8], 13, scale: 0.4), fc1Bias: try v([24], 14, scale: 0.1),
                                  lnWeight: try v([24], 15, scale: 0.1, shift: 1), lnBias: try v([24], 16, scale: 0.1),
                                  fc2: try v([5, 24], 17, scale: 0.4), fc2Bias: try v([5], 18, scale: 0.1))
    }

    func testInceptionDWConvMatchesReference() throws {
        assertAllClose(try caseOne().value, [
            0, 0.361615432, 0.674287912, 0.895698686, 0.995880845, 0.961275203,
            0.796565472, 0.524044342, 0.180596268, -0.187294664, -0.529836141, -0.800666782,
            -0.963130931, -0.995239826, -0.892647679, -0.669239857, -0.35525356, 0.00681464007,
            0.367960511, 0.679304652, 0.898708096, 0.996475615, 0.959374834, 0.79242717,
            0.518228206, 0.173889485, -0.193984361, -0.535603335, -0.804730909, -0.964941931,
            -0.994552588, -0.889555219, -0.664160724, -0.34887519, 0.0136289637, 0.374288501,
            0.684289846, 0.90167577, 0.997024109, 0.957429912, 0.788252067, 0.512388004,
            0.167174627, -0.20066505, -0.541345655, -0.808757665, -0.966708119, -0.993819164,
            -0.886421447, -0.659050746, -0.342480618, 0.0204426544, 0.38059911, 0.689243261,
            0.904601571, 0.997526301, 0.955440526, 0.784040359, 0.506524006, 0.160452006,
            -0.207336421, -0.547062835, -0.812746862, -0.968429413, -0.993039586, -0.88324651,
            -0.653910163, -0.336070142, 0.0272553957, 0.386892044, 0.694164668, 0.907485362,
            0.997982168, 0.953406771, 0.779792239, 0.500636486, 0.153721933, -0.213998162,
            -0.55275461, -0.816698315, -0.970105734, -0.992213893, -0.880030556, -0.648739212,
            0.019180807, 0.377851127, 1.43965965, 2.42968614, 3.21393515, 3.68626225,
            2.83606112, 2.3084052, 2.99210273, 3.04733213, 2.81318856, 2.32136226,
            1.6384196, 1.04398528, 0.170758441, -0.580312131, -1.0412865, -1.23825848,
            -1.14456884, -0.772898042, 0.129333841, 0.768203638, 1.36386617, 2.09385219,
            2.66351428, 2.99575135, 3.04559667, 2.10318548, 1.88817303, 1.62460278,
            0.842132126, 0.0687519785, -0.590864286, -1.0474407, -0.344386361, -0.310228127,
            -0.838795484, -0.667701828, -0.28316872, 0.262759086, 0.896192823, 1.34559183,
            -0.588937276, -0.568105108, 0.457515194, 1.51558623, 2.46290305, 3.17125077,
            2.61055431, 1.94393585, 2.77488203, 3.05498934, 3.01599144, 2.66316652,
            2.04426777, 1.23416032, 0.287636878, -0.462524598, -1.13605901, -1.56145989,
            -1.68115123, -1.47893337, -0.485101322, 0.148394475, 0.595259823, 1.46243888,
            2.22605697, 2.78276196, 3.05720645, 2.17443832, 2.04187645, 2.03085555,
            1.22725279, 0.351920396, -0.476669503, -1.14637115, -0.636511893, -0.422829858,
            -1.18895368, -1.29129931, -1.12450037, -0.711132305, -0.107142551, 0.653990119,
            -0.227467971, -0.917360706, -1.86884427, -2.54798353, -2.98469484, -2.20486911,
            -1.4271495, -2.35973773, -1.88737612, -0.902936211, -0.0398016005, 0.726290303,
            0.338759852, -0.186872804, 1.44427394, 1.32955444, 0.604160813, -0.186947853,
            -1.05518367, -1.17489702, -1.05726345, -2.90314116, -3.18009164, -2.92890913,
            -2.44448351, -1.73163818, -1.14019017, -0.814932418, 0.698155644, 1.28462759,
            1.58216146, 1.54810826, 1.2020962, 0.314347684, -0.35732408, -1.08881328,
            -1.81084853, -2.56884487, -2.99526489, -3.11871952, -2.19799271, -1.3791369,
            -1.55681299, -1.92602195, -2.08193844, -1.15685662, -0.202688903, 0.697469219,
            1.01729663, -0.0707384759, 0.642449414, 1.25776665, 0.60275575, -0.261324545,
            -1.26111827, -1.88738338, -1.81111257, -2.656735, -3.54893879, -3.35828686,
            -2.84059578, -2.03772331, -1.29078202, -0.332665241, 0.394564859, 1.29901146,
            1.62926931, 1.61152396, 1.2437192, 0.597657988, -1.11065166, -1.50377987,
            -2.15219411, -2.90540129, -3.39286527, -3.56922574, -3.21567802, -1.26389096,
            -1.32147356, -1.12142304, -0.168681348, 0.679401341, 1.34761535, 1.39144975,
            -0.182343469, -0.324326296, -0.460230658, -0.571662537, -0.643540149, -0.666135199,
            -0.636389551, 0.110963593, 0.028723345, -0.0952220497, -0.244097164, -0.397752448,
            -0.535391382, -0.638385181, 0.118119063, -0.120298214, -0.380251269, -0.626556675,
            -0.825878152, -0.951238472, -0.985670704, -0.924514607, -0.776047373, -0.560363343,
            -0.306654341, -0.0492586896, 0.176986318, 0.34145948, 0.241415388, 0.266364427,
            0.217444714, 0.101277301, -0.0664150955, -0.262936098, -0.461687509, -0.476721228,
            -0.637317339, -0.749473115, -0.798008798, -0.77635531, -0.687443351, -0.543306735,
            0.670615216, 0.649743956, 0.552668108, 0.392526431, 0.190993351, -0.0246545763,
            -0.225230414, 0.360031843, 0.102878174, -0.156464365, -0.382894979, -0.545767347,
            -0.623037457, -0.604247162, 0.00365010582, 0.0860094599, 0.168463044, 0.239851154,
            0.290511742, 0.313588136, 0.305957055, 0.268651329, 0.206720113, 0.128545508,
            0.0447080781, -0.0334451728, -0.0953365689, -0.1325894, 0.725844804, 0.618008915,
            0.438263626, 0.210936619, -0.0332044626, -0.261116269, -0.441952005, 0.41761871,
            0.248153587, 0.0568372473, -0.13043654, -0.288321145, -0.395447629, -0.437316924,
        ], shape: [1, 8, 6, 7], rtol: 1e-6, atol: 1e-7,
                       "inception_dwconv_c8_r025_b5")
        let weights = InceptionNeXt.BranchWeights(square: try v([2, 1, 3, 3], 2), squareBias: try v([2], 3), width: try v([2, 1, 1, 11], 4),
                                                  widthBias: try v([2], 5), height: try v([2, 1, 11, 1], 6), heightBias: try v([2], 7))
        let y = try InceptionNeXt.inceptionDWConv(try v([2, 16, 5, 7], 0.5), weights, squareKernel: 3, bandKernel: 11, branchRatio: 0.125)
        XCTAssertEqual(y.shape, [2, 16, 5, 7])
        assertAllClose(try y.value.slice([.all, .range(start: 10, stop: 16)]), [
            -0.317288671, -1.27131795, -1.77330008, -2.01617444, -1.96706911, -1.63263028,
            -0.756552868, -1.12700063, -1.43019196, -0.619253328, 0.294598268, 1.1876773,
            1.93910972, 1.72285042, 1.73889972, 2.50048701, 2.03848527, 1.31968405,
            0.441369715, -0.47758201, -0.744097871, -1.31238849, -2.30647121, -2.33044442,
            -2.01990299, -1.41687722, -0.602983843, 0.0672537642, -0.874496154, -0.563868462,
            0.482198156, 1.48210145, 2.30050919, 2.82665374, 2.00735694, 0.290982646,
            1.26524606, 1.60109923, 1.68960537, 1.51878557, 1.11175951, 0.269754637,
            0.586093132, 0.618434339, -0.221074469, -1.06130765, -1.78854359, -2.30435431,
            -1.9312346, -1.5344064, -2.07972762, -1.44810556, -0.651134971, 0.203317914,
            0.999606905, 1.06025508, 1.18904316, 2.08559228, 1.84920746, 1.33189532,
            0.603671628, -0.236901956, -0.71332868, 0.24921354, -0.321051106, -1.3617596,
            -2.24880608, -2.86213298, -3.11872938, -2.13722866, 0.172829475, 1.59169121,
            1.82279677, 1.67740944, 1.1752067, 0.384159354, -1.02244605, -0.719678121,
            -2.36777048, -3.36655059, -4.03946978, -4.29545158, -4.09985006, -3.01594426,
            -2.49820561, -1.10973654, 0.360461927, 1.65208766, 2.59032517, 3.04818843,
            2.60848824, 1.42381363, 0.706812822, -0.798716614, -2.32592941, -3.66812447,
            -4.64364199, -4.97857042, -3.47835571, -3.64549854, -2.55120532, -1.24140432,
            0.106629015, 1.31044472, 2.32065596, -1.595521, -2.89277795, -3.49650981,
            -3.73412515, -3.57346386, -3.03627067, -1.48914091, -2.19477928, -0.842021745,
            0.200836791, 1.10939333, 1.760679, 2.06654535, 1.02193904, 2.40300938,
            1.39600354, 0.223348982, -1.08665449, -2.35670406, -3.41490447, -3.18267067,
            -4.82952261, -4.46696456, -3.51234448, -2.18946473, -0.677370877, 0.819282263,
            1.46830571, 2.89245327, 3.28188427, 2.82845619, 1.88509016, 0.579466333,
            -0.911705221, -2.24947386, 0.630111519, 0.833007794, 1.01208043, 1.14309277,
            1.20831293, 1.19891366, 1.1161671, 0.600909371, 0.712735846, 0.817016922,
            0.899638644, 0.949418551, 0.959619164, 0.92885988, 0.579297012, 0.584918498,
            0.600294064, 0.623342699, 0.650944878, 0.679364775, 0.704755891, 0.568199574,
            0.46685523, 0.391244276, 0.351600298, 0.353288923, 0.396081604, 0.474186552,
            0.569119043, 0.374525351, 0.218161464, 0.1211905, 0.0967370246, 0.148110701,
            0.268358342, 0.529646566, 0.286007343, 0.123459167, 0.0640021723, 0.115683584,
            0.271508565, 0.510386936, 0.567155346, 0.325671084, 0.159909569, 0.0923058438,
            0.132009756, 0.273647567, 0.498049263, 0.64770311, 0.441057572, 0.294517761,
            0.227917152, 0.250269826, 0.358550454, 0.538103759, 0.760388097, 0.616549787,
            0.509065156, 0.452481744, 0.45445785, 0.514726019, 0.625129236, 0.889958923,
            0.828395681, 0.77451377, 0.735605854, 0.716937936, 0.721036632, 0.747347203,
            -0.14162768, -1.01751175, -1.60424782, -1.95475654, -2.02159821, -1.7957261,
            -0.94499138, -1.25653648, -1.69544025, -0.956124336, -0.068301552, 0.847865458,
            1.66837779, 1.57875958, 1.74768411, 2.59658987, 2.25463815, 1.62663166,
            0.797568138, -0.120342559, -0.506368441, -1.19781583, -2.20492282, -2.36176433,
            -2.17985219, -1.68380735, -0.94076715, -0.193599415, -1.11129892, -0.95569186,
            0.0695318266, 1.10444464, 2.00897598, 2.66070178, 1.96907623, 0.145959059,
            1.07489613, 1.49704209, 1.68592466, 1.61597947, 1.29667327, 0.46195575,
            0.747523954, 0.922402023, 0.114725202, -0.739124904, -1.52358369, -2.13247834,
            -1.86770573, -1.60384848, -2.26267403, -1.7209047, -0.976864753, -0.131256516,
            0.701470908, 0.878694816, 1.14589873, 2.09325221, 1.97808892, 1.56455481,
            0.908619774, 0.0990615495, -0.467591066, 0.520978731, 0.0986729722, -0.964381541,
            -1.9275573, -2.660493, -3.06398921, -2.17786108, -0.171067058, 1.35420265,
            1.80417148, 1.88016827, 1.57190719, 0.921109951, -0.439229395, -0.353666084,
            -1.98024246, -3.13948415, -4.00359729, -4.45562822, -4.43439668, -3.49528888,
            -2.77776738, -1.53235623, -0.00769367525, 1.38822428, 2.46646669, 3.0810985,
            2.84177856, 1.53400207, 1.03916756, -0.398673447, -1.91234177, -3.29696951,
            -4.3651538, -4.89660833, -3.38648694, -3.78900591, -2.86447603, -1.68203866,
            -0.401731149, 0.803162885, 1.94775289, -1.01086193, -2.36288877, -3.10615652,
            -3.53614023, -3.59464363, -3.27374856, -1.81823207, -2.7317125, -1.43321982,
            -0.322827384, 0.724138542, 1.56597603, 2.08874633, 1.23653775, 2.73295267,
            1.8731505, 0.724995801, -0.628403363, -2.00387076, -3.21524333, -3.2191231,
            -4.85460884, -4.68853002, -3.84317645, -2.58478665, -1.08367779, 0.4569821,
            1.31579941, 2.60524141, 3.18214791, 2.89034258, 2.10022326, 0.918728894,
            -0.494230797, -1.95324494, 0.549985109, 0.754784928, 0.946348202, 1.09874774,
            1.19135698, 1.2116417, 1.15685645, 0.558298046, 0.668940267, 0.777964615,
            0.870615155, 0.934352073, 0.960548875, 0.945659947, 0.579968016, 0.581477733,
            0.59320722, 0.613568947, 0.63980705, 0.668370323, 0.695392864, 0.61206209,
            0.504234969, 0.417082065, 0.362399114, 0.347587197, 0.374651038, 0.439927672,
            0.650236485, 0.447666422, 0.273426863, 0.151100315, 0.0972431024, 0.119144546,
            0.213840388, 0.640432501, 0.373519884, 0.175853904, 0.074187722, 0.0822813805,
            0.19903944, 0.408659245, 0.67567024, 0.412978348, 0.214192574, 0.106217639,
            0.103667446, 0.20688715, 0.401906449, 0.739259983, 0.51634293, 0.343342084,
            0.243672297, 0.230823409, 0.306534455, 0.4605583, 0.822595154, 0.669623718,
            0.545822653, 0.467947853, 0.446539306, 0.484494559, 0.576676546, 0.914396731,
            0.852074878, 0.794229488, 0.748689662, 0.721619003, 0.716681398, 0.734545127,
        ],
                       rtol: 1e-6, atol: 1e-7, "inception_dwconv_default_c16 [:, 10:]")
    }

    func testMetaNeXtBlockMatchesReference() throws {
        let (norm, mlp, gamma) = try blockInputs()
        let x = try v([1, 8, 6, 7], 0)
        let y = try InceptionNeXt.metanextBlock(x, mixed: try caseOne(), norm: norm, mlp: mlp, gamma: gamma)
        assertAllClose(y.value, [
            0.00915482871, 0.674245219, 1.02998817, 0.73279931, 0.437211196, 0.460087307,
            0.586846121, 0.420160205, 0.332113077, 0.439517019, -0.154506665, -0.808191181,
            -1.47241206, -1.29571315, -0.919181799, -0.615534384, 0.531742343, 1.38500854,
            1.97702915, 1.94556722, 1.4442765, 1.53362304, 1.09674472, 0.647060173,
            0.638919003, 0.718644546, 0.56307246, -0.00220507869, -0.184422637, -0.370553923,
            -0.831396983, -0.975344047, -0.366954446, 0.786843953, 1.18229427, 0.663564598,
            1.62487081, 2.22919405, 2.05884698, 1.55389677, 0.761981115, 0.429298715,
            0.0437664827, -0.132989223, -0.204391429, -0.772258044, -1.42382319, -2.05272571,
            -1.74672846, -0.979903677, -0.974670345, -0.674238744, -0.516499904, -0.299791441,
            0.200287688, 0.910033046, 0.774166416, 0.740722779, 0.834018827, 0.622976132,
            0.322210555, -0.126452449, -0.521592556, -0.646596084, -0.893221348, -1.16220562,
            -1.13849349, -0.88946294, -0.538868351, 0.054376555, 0.485113511, 0.652509848,
            0.755685902, 0.807636941, 0.920774171, 1.04505356, 0.980273818, -0.20520568,
            -0.388481385, -0.42613805, -0.641679777, -0.780402638, -0.950217975, -0.920257689,
            -0.460159624, -0.0938784481, 0.551704371, 0.884017165, 0.803152922, 0.137906368,
            0.11112405, 0.494843916, -0.341635235, -1.11278391, -1.53461973, -1.69943217,
            -1.25618307, -0.832091416, -1.16397936, -0.945426245, -0.886936963, -0.768328841,
            -0.494864698, -0.0129010269, 0.668688903, 0.920346405, 1.03768764, 0.748551313,
            0.13189995, -0.543688669, -1.06342657, -0.990446383, -1.24525997, -1.54088337,
            -1.35757368, -1.07753129, -0.903464447, -0.808338036, -0.177657954, -0.132656687,
            -0.0699990334, 0.215852099, 0.545002186, 0.832668822, 0.905461626, 0.529163228,
            0.440093536, 0.00257294232, -0.235682156, -0.405494756, -0.692145125, -1.22863064,
            -1.3190941, -0.953908605, -1.06724963, -1.09422025, -0.682169105, -0.126293413,
            0.672541484, 1.10088803, 0.946262542, 0.919588466, 0.405063636, -0.125183337,
            -0.588224203, -0.793349723, -0.728924888, -0.96228844, -0.972989905, -1.0203779,
            -1.19429562, -1.27497381, -1.0983452, -0.449218978, -0.0774671708, 0.212947084,
            0.707499239, 1.00630202, 0.864708236, 0.363654684, 0.219848039, -0.0300070798,
            -0.73532653, -1.19157339, -1.30791159, -1.21142924, -0.97565821, -0.931951059,
            -0.616472445, -0.317433038, 0.052150902, 0.453785528, 0.778600966, 0.953719562,
            1.00498159, 0.951845624, 0.727732614, 0.38631618, 0.0548823294, -0.274264148,
            -0.54409798, -0.799465278, -0.971335141, -0.982462544, -0.932762009, -0.73791564,
            -0.434022675, -0.0353729489, 0.392747807, 0.691922885, 0.92607088, 1.0172314,
            0.920222932, 0.683894334, 0.370586247, 0.049691564, -0.322305212, -0.65257048,
            -0.857616651, -0.965219928, -1.00125236, -0.948692038, -0.698322968, -0.303825723,
            -0.00223445354, 0.318790055, 0.640872976, 0.883337166, 1.01143747, 0.94651296,
            0.679296781, 0.458142115, 0.166715279, -0.315004213, -0.789666757, -1.16186684,
            -1.22576371, -1.10240611, -1.01248942, -0.732426445, -0.471763096, -0.162910992,
            0.202535696, 0.648893673, 0.850451427, 0.956237137, 1.0505371, 0.934565563,
            0.678290029, 0.267512677, -0.197453787, -0.521068656, -0.855536327, -1.0967681,
            -1.11393353, -0.953355849, -0.686752179, -0.329282656, 0.0720188543, 0.413199105,
            0.666181453, 0.854635888, 1.01951482, 1.11881971, 0.986909394, 0.431094286,
            0.173983762, -0.105741104, -0.473372933, -0.789977747, -1.0417501, -1.08731712,
            -1.03025955, -0.734546865, -0.173842505, 0.13914244, 0.207146086, -0.0816183664,
            0.166242869, 0.681882219, 0.21272586, -0.247247678, -0.621912605, -0.896801669,
            -0.783641538, -0.631607148, -1.0802374, -1.115477, -1.12711869, -1.07617913,
            -0.861801824, -0.482618701, 0.0754588671, 0.459499031, 0.716719341, 0.677251214,
            0.433902043, 0.113346283, -0.189451277, -0.175290621, -0.454600916, -0.851368729,
            -0.979671184, -1.02541965, -1.05153638, -1.03282342, -0.646286116, -0.767802821,
            -0.572138327, -0.163147784, 0.245433297, 0.626620028, 0.820858796, 0.71818751,
            0.723646376, 0.401927956, 0.397270874, 0.279664987, -0.243558454, -1.4120952,
            -1.74826478, -1.30487491, -2.00310707, -2.51401512, -2.2155223, -1.53805757,
            -0.199315343, 0.693291647, 0.528820211, 0.793389304, 0.321739258, -0.17605099,
            -0.571963714, -0.59943352, -0.253850848, -0.569185526, -0.696306425, -1.08111258,
            -1.78747534, -2.37449538, -2.50187494, -1.67399641, -1.28483492, -0.945350331,
            -0.0590966326, 0.650391137, 0.739140413, 0.30069685, 0.542450262, 0.344807242,
            -0.542748447, -1.07579019, -1.19996339, -1.11114739, -0.959432191, -1.26849622,
        ], shape: [1, 8, 6, 7], rtol: 1e-6, atol: 1e-7, "metanext_block_c8")
    }

    func testMlpHeadMatchesReference() throws {
        assertAllClose(try head(try v([2, 8, 3, 3], 12)).value, [
            -3.13652939, 1.99383627, -0.43884881, -1.28228153, 2.72423513,
            -6.17559985, 4.52218913, -1.72448739, -1.6115692, 4.57311525,
        ], shape: [2, 5], rtol: 1e-6, atol: 1e-7,
                       "mlp_head_c8_k5")
    }

    /// The first C − 3gc channels are x itself, bit for bit.
    func testIdentityChannelsAreUntouched() throws {
        let x = try v([2, 16, 5, 7], 0.5)
        let weights = InceptionNeXt.BranchWeights(square: try v([2, 1, 3, 3], 2), squareBias: try v([2], 3), width: try v([2, 1, 1, 11], 4),
                                                  widthBias: try v([2], 5), height: try v([2, 1, 11, 1], 6), heightBias: try v([2], 7))
        let y = try InceptionNeXt.inceptionDWConv(x, weights, squareKernel: 3, bandKernel: 11, branchRatio: 0.125)
        let kept = try x.value.slice([.all, .range(start: 0, stop: 10)]).toArray()
        XCTAssertEqual(try y.value.slice([.all, .range(start: 0, stop: 10)]).toArray(), kept)
    }

    /// A 1×b kernel with a single 1 at its centre and no bias makes the width branch the identity.
    func testCentreTapWidthBranchIsIdentity() throws {
        let x = try v([1, 8, 6, 7], 0)
        var weights = try caseOneWeights()
        var taps = [Double](repeating: 0, count: 10)
        taps[2] = 1
        taps[7] = 1
        weights.width = Variable(try Tensor(taps, shape: [2, 1, 1, 5], dtype: .f64))
        weights.widthBias = Variable(try Tensor.zeros([2], dtype: .f64))
        let y = try InceptionNeXt.inceptionDWConv(x, weights, squareKernel: 3, bandKernel: 5, branchRatio: 0.25)
        let channels = [TensorIndex.all, .range(start: 4, stop: 6)]
        assertAllClose(try y.value.slice(channels), try x.value.slice(channels).toArray(), rtol: 0, atol: 1e-15, "width branch")
    }

    /// The band branches equal the core library's grouped convolution with 1×b and b×1 kernels.
    func testBandBranchesMatchTheCoreConvolution() throws {
        let x = try detTensor([1, 8, 6, 7], 0)
        let weights = try caseOneWeights()
        let y = try caseOne().value
        let width = try x.slice([.all, .range(start: 4, stop: 6)]).conv2d(weights.width.value, bias: weights.widthBias.value,
                                                                            padding: [0, 2], groups: 2)
        assertAllClose(try y.slice([.all, .range(start: 4, stop: 6)]), width.toArray(), rtol: 1e-12, atol: 1e-12, "width band")
        let height = try x.slice([.all, .range(start: 6, stop: 8)]).conv2d(weights.height.value, bias: weights.heightBias.value,
                                                                             padding: [2, 0], groups: 2)
        assertAllClose(try y.slice([.all, .range(start: 6, stop: 8)]), height.toArray(), rtol: 1e-12, atol: 1e-12, "height band")
    }

    /// With layer scale 1e-6 a fresh block is nearly the identity: |y − x| ≤ 1e-6·|mlp(norm(mixer(x)))|.
    func testFreshBlockIsNearlyIdentity() throws {
        let block = try MetaNeXtBlock(dim: 16, seed: 3)
        let x = Variable(try detTensor([2, 16, 6, 6], 0.3).cast(to: .f32))
        let y = try block(x).value.toArray()
        let branch = try block.mlp(block.norm(block.mixer(x))).value.toArray()
        for (index, (output, input)) in zip(y, x.value.toArray()).enumerated() {
            XCTAssertLessThanOrEqual(abs(output - input), 1e-6 * abs(branch[index]) + 1e-6 * 1e-6 + Double(Float.ulpOfOne) * abs(input),
                                     "element \(index)")
        }
    }

    /// The parameter count of MetaNeXt written out from the official module definitions (trainable parameters only).
    private func officialParameterCount(_ config: InceptionNeXtModel.Configuration, classes: Int, inputChannels: Int) -> Int {
        let dims = config.dims
        var count = inputChannels * dims[0] * 16 + dims[0] + 2 * dims[0]
        for (index, dim) in dims.enumerated() {
            if index > 0 { count += 2 * dims[index - 1] + dims[index - 1] * dim * 4 + dim }
            let gc = Int(Double(dim) * config.branchRatio)
            let mixer = gc * config.squareKernel * config.squareKernel + 2 * gc * config.bandKernel + 3 * gc
            let hidden = Int(config.mlpRatios[index] * Double(dim))
            let block = mixer + 2 * dim + (dim * hidden + hidden) + (hidden * dim + dim) + dim
            count += config.depths[index] * block
        }
        let last = dims[dims.count - 1]
        return count + (last * 3 * last + 3 * last) + 2 * 3 * last + (3 * last * classes + classes)
    }

    /// Smoke test: InceptionNeXt-T has about 28M parameters (the paper's figure; no exact count was checked). Building
    /// the tiny model is slow in debug builds, so the count formula is checked on a small model and evaluated for tiny.
    func testTinyHasAbout28MillionParameters() throws {
        let small = InceptionNeXtModel.Configuration(depths: [1, 2, 1, 1], dims: [8, 16, 24, 32], bandKernel: 5, branchRatio: 0.25)
        let model = try InceptionNeXtModel(small, classes: 10, inputChannels: 3, seed: 0)
        XCTAssertEqual(model.parameters.reduce(0) { $0 + $1.value.count }, officialParameterCount(small, classes: 10, inputChannels: 3))
        let tiny = officialParameterCount(try XCTUnwrap(InceptionNeXtModel.Configuration.variant("tiny")), classes: 1000, inputChannels: 3)
        XCTAssertGreaterThan(tiny, 27_000_000)
        XCTAssertLessThan(tiny, 29_500_000)
    }

    func testGradientsMatchFiniteDifferences() throws {
        let weights = try caseOneWeights()
        let x = try detTensor([1, 8, 4, 5], 0)
        let upstream = Variable(try detTensor([1, 8, 4, 5], 0.9))
        let conv = { (x: Variable, weights: InceptionNeXt.BranchWeights) in
            try (InceptionNeXt.inceptionDWConv(x, weights, squareKernel: 3, bandKernel: 5, branchRatio: 0.25) * upstream).sum()
        }
        try GradientChecking.check({ try conv($0, weights) }, at: x, what: "x")
        for path in [\InceptionNeXt.BranchWeights.square, \.squareBias, \.width, \.widthBias, \.height, \.heightBias] {
            try GradientChecking.check({ var changed = weights; changed[keyPath: path] = $0; return try conv(Variable(x), changed) },
                                       at: weights[keyPath: path].value, what: "\(path)")
        }
        let (norm, _, gamma) = try blockInputs()
        // A narrower MLP (hidden 6) keeps the finite differences quick.
        let mlp = InceptionNeXt.MlpWeights(fc1: try v([6, 8, 1, 1], 7, scale: 0.3), fc1Bias: try v([6], 8, scale: 0.1),
                                           fc2: try v([8, 6, 1, 1], 9, scale: 0.3), fc2Bias: try v([8], 10, scale: 0.1))
        let block = { (x: Variable, mlp: InceptionNeXt.MlpWeights, gamma: Variable) in
            let mixed = try InceptionNeXt.inceptionDWConv(x, weights, squareKernel: 3, bandKernel: 5, branchRatio: 0.25)
            return try (InceptionNeXt.metanextBlock(x, mixed: mixed, norm: norm, mlp: mlp, gamma: gamma) * upstream).sum()
        }
        try GradientChecking.check({ try block($0, mlp, gamma) }, at: x, what: "block x")
        try GradientChecking.check({ try block(Variable(x), mlp, $0) }, at: gamma.value, what: "block gamma")
        for path in [\InceptionNeXt.MlpWeights.fc1, \.fc1Bias, \.fc2, \.fc2Bias] {
            try GradientChecking.check({ var changed = mlp; changed[keyPath: path] = $0; return try block(Variable(x), changed, gamma) },
                                       at: mlp[keyPath: path].value, what: "\(path)")
        }
        let headUpstream = Variable(try detTensor([2, 5], 0.4))
        try GradientChecking.check({ try (self.head($0) * headUpstream).sum() }, at: try detTensor([2, 8, 3, 3], 12), what: "head x")
    }

    func testLayersGradcheckInFloat64() throws {
        let loss = { (y: Variable) in try (y * Variable(try detTensor(y.shape, 1.1))).sum() }
        let mixer = try InceptionDWConv2d(channels: 8, squareKernel: 3, bandKernel: 5, branchRatio: 0.25, dtype: .f64, seed: 1)
        try GradientChecking.checkParameters(of: mixer, input: try detTensor([1, 8, 4, 5], 0), loss: loss)
        let block = try MetaNeXtBlock(dim: 8, mlpRatio: 1, layerScaleInit: 0.5, mixer: mixer, dtype: .f64, seed: 2)
        try GradientChecking.checkParameters(of: block, input: try detTensor([2, 8, 3, 4], 0.2), loss: loss)
        let head = try MlpHead(dim: 8, classes: 3, dtype: .f64, seed: 3)
        try GradientChecking.checkParameters(of: head, input: try detTensor([2, 8, 3, 3], 0.1), loss: loss)
    }

    // MARK: Through the language

    func testLanguageForms() throws {
        let session = PaperSession()
        session.run("""
            let x = randn(2, 16, 8, 8, seed: 0)
            let mixer = incnext.InceptionDWConv2d(16, band_kernel: 5, seed: 1)
            let block = incnext.MetaNeXtBlock(16, mixer: mixer, seed: 2)
            let bn = (mean: zeros(16), var: ones(16), weight: ones(16), bias: zeros(16))
            """)
        XCTAssertEqual(session.run("mixer.dwconv_w.weight.shape"), "[2, 1, 1, 5]")
        XCTAssertEqual(session.run("block.gamma.shape"), "[16]")
        XCTAssertEqual(session.run("block.token_mixer.dwconv_h.weight.shape"), "[2, 1, 5, 1]")
        // The functional block with the layer as mixer equals the layer in eval mode (fresh BN statistics: 0, 1).
        session.run("block.eval()")
        let functional = """
            incnext.metanext_block(x, mixer: mixer, norm: bn, fc1_w: block.mlp.fc1.weight, fc1_b: block.mlp.fc1.bias,
                                   fc2_w: block.mlp.fc2.weight, fc2_b: block.mlp.fc2.bias, gamma: block.gamma)
            """
        XCTAssertEqual(session.run("(\(functional) - block(x)).abs().max().item < 1e-6"), "true")
        XCTAssertEqual(session.run("Sequential([incnext.MetaNeXtBlock(16, seed: 3), incnext.MlpHead(16, classes: 4, seed: 4)])(x).shape"), "[2, 4]")
        XCTAssertEqual(session.run("incnext.InceptionNeXt(depths: [1, 1], dims: [16, 32], classes: 7, seed: 5)(randn(1, 3, 16, 16, seed: 6)).shape"), "[1, 7]")
    }

    func testErrors() {
        let session = PaperSession()
        session.run("let w = randn(2, 1, 3, 3, seed: 0)\nlet b = zeros(2)")
        let call = { (x: String, extra: String) in
            "incnext.inception_dwconv(\(x), w, b, randn(2, 1, 1, 5, seed: 1), b, randn(2, 1, 5, 1, seed: 2), b, band_kernel: 5\(extra))"
        }
        XCTAssertTrue(session.error(call("randn(1, 8, 6, 7)", ", branch_ratio: 0.1")).contains("branch_ratio·C must be ≥ 1"))
        XCTAssertTrue(session.error(call("randn(1, 8, 6, 7)", ", branch_ratio: 0.25, square_kernel: 4")).contains("odd"))
        XCTAssertTrue(session.error(call("randn(1, 12, 6, 7)", ", branch_ratio: 0.25")).hasPrefix("ShapeError"))
        XCTAssertTrue(session.error(call("randn(8, 6, 7)", ", branch_ratio: 0.25")).contains("NCHW"))
        XCTAssertTrue(session.error("incnext.InceptionNeXt(variant: \"huge\")").contains("unknown variant"))
        XCTAssertTrue(session.error("incnext.InceptionDWConv2d(16, band_kernel: 10)").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("incnext.MetaNeXtBlock(16, mixer: 3)").hasPrefix("TypeError"))
    }
}
