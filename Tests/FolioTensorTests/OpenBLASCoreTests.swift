import Foundation
import FolioTensor
import XCTest

/// cpuid against the kernel's own report, and OpenBLAS's kernel against the CPU's features.
final class OpenBLASCoreTests: XCTestCase {
    /// The flags Linux lists in /proc/cpuinfo (what the kernel read with cpuid and enabled).
    private func linuxFlags() throws -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            throw XCTSkip("no /proc/cpuinfo")
        }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else {
            throw XCTSkip("no flags line in /proc/cpuinfo")
        }
        return Set(line.split(separator: ":", maxSplits: 1)[1].split(separator: " ").map(String.init))
    }

    func testFeaturesAgreeWithProcCpuinfo() throws {
        #if arch(x86_64)
        let flags = try linuxFlags()
        let features = NativeKernels.cpuFeatures
        let pairs: [(NativeKernels.CPUFeatures, String)] = [
            (.avx2, "avx2"), (.fma, "fma"), (.avx512f, "avx512f"), (.avx512bw, "avx512bw"), (.avx512vl, "avx512vl"),
            (.avx512dq, "avx512dq"), (.avx512bf16, "avx512_bf16"),
        ]
        for (feature, flag) in pairs {
            XCTAssertEqual(features.contains(feature), flags.contains(flag), "\(flag): cpuid says \(features.contains(feature))")
        }
        #else
        throw XCTSkip("x86-64 only")
        #endif
    }

    func testPreferredCoreTypes() {
        XCTAssertEqual(OpenBLASCore.preferredCoreType(for: [.avx2, .fma, .avx512f, .avx512bw, .avx512vl, .avx512dq]), "SkylakeX")
        XCTAssertEqual(OpenBLASCore.preferredCoreType(for: [.avx2, .fma, .avx512f, .avx512bw, .avx512vl, .avx512dq, .avx512bf16]),
                       "Cooperlake")
        XCTAssertEqual(OpenBLASCore.preferredCoreType(for: [.avx2, .fma, .avx512f]), "Haswell")
        XCTAssertNil(OpenBLASCore.preferredCoreType(for: [.avx2]))
        XCTAssertNil(OpenBLASCore.preferredCoreType(for: []))
    }

    func testOnlyWeakerKernelsAreReplaced() {
        XCTAssertTrue(OpenBLASCore.shouldReplace("Prescott", with: "Cooperlake"))
        XCTAssertTrue(OpenBLASCore.shouldReplace("Haswell", with: "SkylakeX"))
        XCTAssertTrue(OpenBLASCore.shouldReplace("Sandybridge", with: "Haswell"))
        XCTAssertFalse(OpenBLASCore.shouldReplace("SkylakeX", with: "SkylakeX"))
        XCTAssertFalse(OpenBLASCore.shouldReplace("Cooperlake", with: "SkylakeX"))
        XCTAssertFalse(OpenBLASCore.shouldReplace("SapphireRapids", with: "Cooperlake"), "a kernel newer than Folio knows is kept")
        XCTAssertFalse(OpenBLASCore.shouldReplace("Zen", with: "Haswell"))
    }

    /// After `configure()`, OpenBLAS itself reports the kernel that matches the CPU (or the user's).
    func testActiveCoreMatchesFeatures() throws {
        let outcome = OpenBLASCore.configure()
        let active = try XCTUnwrap(OpenBLASCore.coreName, "OpenBLAS reports no core name")
        switch outcome {
        case let .selected(name):
            XCTAssertEqual(name, OpenBLASCore.preferredCoreType(for: NativeKernels.cpuFeatures))
            XCTAssertEqual(active.lowercased(), name.lowercased(), "OpenBLAS runs \(active), not \(name)")
        case let .userSetting(name):
            throw XCTSkip("OPENBLAS_CORETYPE=\(name) is set (OpenBLAS runs \(active))")
        case let .libraryChoiceKept(name):
            XCTAssertEqual(active, name)
            let preferred = try XCTUnwrap(OpenBLASCore.preferredCoreType(for: NativeKernels.cpuFeatures))
            XCTAssertFalse(OpenBLASCore.shouldReplace(active, with: preferred), "\(active) should have been replaced by \(preferred)")
        case .leftAlone:
            XCTAssertNil(OpenBLASCore.preferredCoreType(for: NativeKernels.cpuFeatures))
        case .unsupported:
            throw XCTSkip("this OpenBLAS cannot change its kernel (no DYNAMIC_ARCH); it runs \(active)")
        }
        // And the switched library still multiplies correctly.
        let a = try Tensor((0..<64 * 64).map { Double($0 % 7) - 3 }, shape: [64, 64], dtype: .f32)
        let product = try a.matmul(a).toArray(of: Float.self)
        let values = try a.toArray(of: Float.self)
        var expected: Float = 0
        for k in 0..<64 { expected += values[5 * 64 + k] * values[k * 64 + 9] }
        XCTAssertEqual(product[5 * 64 + 9], expected)
    }
}
