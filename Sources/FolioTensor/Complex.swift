import Foundation

/// A complex number stored as two parts, the element type of `c64` and `c128` tensors.
///
/// Only what storage and elementwise arithmetic need; FFT and complex math come later.
public struct Complex<RealType: BinaryFloatingPoint & Sendable>: Hashable, Sendable {
    public var real: RealType
    public var imaginary: RealType

    public init(_ real: RealType, _ imaginary: RealType = 0) {
        self.real = real
        self.imaginary = imaginary
    }

    public static func + (lhs: Complex, rhs: Complex) -> Complex {
        Complex(lhs.real + rhs.real, lhs.imaginary + rhs.imaginary)
    }

    public static func - (lhs: Complex, rhs: Complex) -> Complex {
        Complex(lhs.real - rhs.real, lhs.imaginary - rhs.imaginary)
    }

    public static func * (lhs: Complex, rhs: Complex) -> Complex {
        let real = lhs.real * rhs.real - lhs.imaginary * rhs.imaginary
        let imaginary = lhs.real * rhs.imaginary + lhs.imaginary * rhs.real
        return Complex(real, imaginary)
    }

    /// Division scaled by the larger part of the divisor so that |rhs|² cannot overflow.
    public static func / (lhs: Complex, rhs: Complex) -> Complex {
        let scale = Swift.max(abs(rhs.real), abs(rhs.imaginary))
        guard scale > 0, scale.isFinite else {
            let nan = RealType.nan
            return scale == 0 ? Complex(lhs.real / 0, lhs.imaginary / 0) : Complex(nan, nan)
        }
        let c = rhs.real / scale
        let d = rhs.imaginary / scale
        let denominator = c * c + d * d
        let real = (lhs.real * c + lhs.imaginary * d) / denominator
        let imaginary = (lhs.imaginary * c - lhs.real * d) / denominator
        return Complex(real / scale, imaginary / scale)
    }

    public static prefix func - (value: Complex) -> Complex {
        Complex(-value.real, -value.imaginary)
    }

    /// |z|, computed without intermediate overflow.
    public var magnitude: RealType {
        let a = abs(real)
        let b = abs(imaginary)
        let large = Swift.max(a, b)
        guard large > 0, large.isFinite else { return large.isNaN ? .nan : large }
        let small = Swift.min(a, b) / large
        return large * (1 + small * small).squareRoot()
    }

    public var isNaN: Bool { real.isNaN || imaginary.isNaN }
    public var isFinite: Bool { real.isFinite && imaginary.isFinite }
}
