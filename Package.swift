// swift-tools-version:6.0
// Folio: a Jupyter kernel in Swift for a small tensor/model language.
// Targets follow ../shared/DESIGN.md §1; arrows point down only.
import PackageDescription

let v5: [SwiftSetting] = [.swiftLanguageMode(.v5)]

let package = Package(
    name: "Folio",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "folio", targets: ["folio"]),
    ],
    targets: [
        // System libraries, each imported from exactly one Swift file.
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        // FFTW 3 (double and float): the only FFT library in Debian with double precision, any length in
        // O(n log n), and real-to-real DCT-II/III. GPL-2+: see README's licence note.
        .systemLibrary(name: "CFFTW", providers: [.apt(["libfftw3-dev"])]),

        // cpuid and the AVX2/AVX-512 kernels chosen at run time (the Swift targets compile for baseline x86-64).
        .target(name: "CSIMDKernels"),
        // The worker pool for parallel loops and split GEMMs (pthreads and a futex; no dependencies).
        .target(name: "CParallel"),

        // Storage, dtypes, views, broadcasting, kernels, matmul, linear algebra, RNG. Knows no language.
        .target(name: "FolioTensor", dependencies: ["CBLAS", "CFFTW", "CSIMDKernels", "CParallel"], swiftSettings: v5),

        // Figures, axes, marks, scales, ticks, colormaps and the SVG writer; takes [Double], knows no tensors.
        .target(name: "FolioPlot", swiftSettings: v5),

        // The differentiable Tensor: one VJP rule per primitive op, backward, grad transforms.
        .target(name: "FolioAutograd", dependencies: ["FolioTensor"], swiftSettings: v5),

        // Module, layers, initialisers, losses, optimisers (gradient transformations), data, fit.
        .target(name: "FolioNN", dependencies: ["FolioAutograd", "FolioTensor"], resources: [.copy("Data")],
                swiftSettings: v5),

        // Jupyter protocol core: typed messages, routing, busy/idle, history. No sockets, no language.
        .target(name: "FolioKernel", swiftSettings: v5),
        // ZeroMQ channels, framing, HMAC signing, connection files.
        .target(name: "FolioWire", dependencies: ["FolioKernel", "CZeroMQ", "COpenSSL"], swiftSettings: v5),
        // The language's values, errors, builtin declarations, doc entries, MIME bundles, interrupt flag.
        .target(name: "FolioRuntime", dependencies: ["FolioNN", "FolioTensor", "FolioAutograd", "FolioPlot"],
                swiftSettings: v5),
        // One file per paper: its math on the tensor API, its builtins and doc entries, its citation;
        // one explicit catalog list.
        .target(name: "FolioPapers", dependencies: ["FolioRuntime", "FolioNN", "FolioAutograd", "FolioTensor"],
                swiftSettings: v5),
        // Lexer, parser, resolver, interpreter, sessions, completion/inspection/is-complete.
        .target(name: "FolioLang", dependencies: ["FolioRuntime", "FolioPapers"], swiftSettings: v5),
        // The CLI and the adapter that makes a FolioLang session a LanguageKernel.
        .executableTarget(name: "folio", dependencies: ["FolioLang", "FolioPapers", "FolioWire", "FolioKernel"], swiftSettings: v5),

        // Benchmarks of the numeric libraries (make bench); never run by the tests.
        .executableTarget(name: "folio-bench", dependencies: ["FolioNN", "FolioAutograd", "FolioTensor"],
                          swiftSettings: v5),

        .target(name: "FolioTestSupport", path: "Tests/FolioTestSupport", swiftSettings: v5),
        // Gradient checks and deterministic tensors for the numeric test targets (kept apart so the
        // kernel's tests do not build the tensor stack).
        .target(name: "FolioNumericTestSupport", dependencies: ["FolioNN", "FolioAutograd", "FolioTensor", "FolioTestSupport"],
                path: "Tests/FolioNumericTestSupport", swiftSettings: v5),
        .testTarget(name: "FolioKernelTests", dependencies: ["FolioKernel", "FolioTestSupport"], swiftSettings: v5),
        .testTarget(name: "FolioWireTests", dependencies: ["FolioWire", "FolioKernel", "FolioTestSupport"],
                    exclude: ["reference"], swiftSettings: v5),
        .testTarget(name: "FolioTensorTests", dependencies: ["FolioTensor", "FolioTestSupport"], exclude: ["reference"],
                    swiftSettings: v5),
        .testTarget(name: "FolioPlotTests", dependencies: ["FolioPlot", "FolioTestSupport"],
                    resources: [.copy("Golden")], swiftSettings: v5),
        .testTarget(name: "FolioAutogradTests", dependencies: ["FolioAutograd", "FolioTensor", "FolioTestSupport"],
                    swiftSettings: v5),
        .testTarget(name: "FolioNNTests", dependencies: ["FolioNN", "FolioAutograd", "FolioTensor", "FolioTestSupport",
                                                         "FolioNumericTestSupport"],
                    exclude: ["reference"], swiftSettings: v5),
        .testTarget(name: "FolioLangTests", dependencies: ["FolioLang", "FolioRuntime", "FolioTestSupport"],
                    resources: [.copy("Scripts")], swiftSettings: v5),
        .testTarget(name: "FolioPapersTests", dependencies: ["FolioPapers", "FolioLang", "FolioRuntime", "FolioNN",
                                                             "FolioAutograd", "FolioTensor", "FolioNumericTestSupport"],
                    exclude: ["reference"], swiftSettings: v5),
    ]
)
