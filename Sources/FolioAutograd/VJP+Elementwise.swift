import FolioTensor

/// VJP rules of the elementwise primitives. Masks (relu, abs, maximum) are constants: their
/// derivative is zero almost everywhere, which is also what makes second derivatives right.
///
/// Complex operands follow PyTorch: a holomorphic op pulls `g` back to `g * conj(f'(z))`
/// (`mul`: `g conj(b)`, `div`: `g / conj(b)`), so that a real loss's gradient is
/// `∂L/∂re + i ∂L/∂im`. `conj()` of a real variable is the variable itself, at no cost.
extension VJP {
    /// The cotangent of `y = f(x)`: `g * f'(x)` for real `x`, `g * conj(f'(x))` for complex.
    static func unary(_ op: UnaryOp, x: Variable, y: Variable, g: Variable) throws -> Variable {
        guard x.dtype.isComplex else { return try realUnary(op, x: x, y: y, g: g) }
        switch op {
        case .neg: return try -g
        case .abs:
            // |z| is not holomorphic: its gradient is z / |z| (PyTorch's `sgn`, 0 at z = 0).
            let atZero = mask(try y.value.compare(.eq, y.value.zerosLike()), like: y)
            return try g * (x / (y + atZero))
        default:
            // Every real rule is `g * f'(x)`, so at g = 1 it gives the holomorphic f'(z).
            let derivative = try realUnary(op, x: x, y: y, g: Variable.constant(y.value.onesLike()))
            return try g * derivative.conj()
        }
    }

    /// `g * f'(x)` for real `x`, using the output `y` where that is cheaper and exact.
    private static func realUnary(_ op: UnaryOp, x: Variable, y: Variable, g: Variable) throws -> Variable {
        switch op {
        case .neg: return try -g
        case .abs: return try g * Variable.constant(x.value.sign())
        case .exp: return try g * y
        case .log: return try g / x
        case .log1p: return try g / (x + 1)
        case .expm1: return try g * (y + 1)
        case .sqrt: return try g / (y * 2)
        case .rsqrt:
            let cube = try y * y * y
            return try g * cube * -0.5
        case .sin: return try g * x.cos()
        case .cos: return try -(g * x.sin())
        case .tan: return try g * (y * y + 1)
        case .asin: return try g * (1 - x * x).rsqrt()
        case .acos: return try -(g * (1 - x * x).rsqrt())
        case .atan: return try g / (x * x + 1)
        case .sinh: return try g * x.cosh()
        case .cosh: return try g * x.sinh()
        case .tanh: return try FusedRule.tanh(g: g, y: y) ?? g * (1 - y * y)
        case .asinh: return try g * (x * x + 1).rsqrt()
        case .acosh: return try g * (x * x - 1).rsqrt()
        case .atanh: return try g / (1 - x * x)
        case .sigmoid: return try FusedRule.sigmoid(g: g, y: y) ?? g * y * (1 - y)
        case .erf:
            let gaussian = try (-(x * x)).exp()
            return try g * gaussian * twoOverRootPi
        // sign(relu(x)) is the 0/1 mask in one dense pass (a comparison needs a cast after it,
        // and select's kernel is slower still); a NaN input gets a NaN gradient.
        case .relu: return try FusedRule.relu(g: g, y: y) ?? g * Variable.constant(y.value.sign())
        case .sign, .floor, .ceil, .round, .isnan, .isfinite:
            throw AutogradError.notDifferentiable(op: op.rawValue)
        }
    }

    /// `2 / sqrt(pi)`, the derivative of `erf` at 0.
    static let twoOverRootPi = 1.1283791670955126

    /// Cotangents of `a op b`, in the broadcast shape (`BackwardPass` un-broadcasts).
    static func binary(_ op: BinaryOp, node: GraphNode, g: Variable, needs: [Bool]) throws -> [Variable?] {
        let a = node.input(0), b = node.input(1)
        switch op {
        case .add: return [g, g]
        case .sub: return [g, needs[1] ? try -g : nil]
        case .mul: return [needs[0] ? try g * b.conj() : nil, needs[1] ? try g * a.conj() : nil]
        case .div:
            let divisor = try b.conj()
            let ga = needs[0] ? try g / divisor : nil
            let gb = needs[1] ? try -(g * node.output().conj() / divisor) : nil
            return [ga, gb]
        case .pow:
            let ga = needs[0] ? try g * (b * a.pow(b - 1)).conj() : nil
            let gb = needs[1] ? try g * (node.output() * a.log()).conj() : nil
            return [ga, gb]
        case .maximum, .minimum:
            // Ties split the gradient evenly, so maximum(x, x) has derivative 1 (as in PyTorch).
            let wins = try op == .maximum ? a.value.compare(.gt, b.value) : a.value.compare(.lt, b.value)
            let ties = try a.value.compare(.eq, b.value)
            let weight = try mask(wins, like: g).value + mask(ties, like: g).value * 0.5
            let ga = needs[0] ? try g * Variable.constant(weight) : nil
            let gb = needs[1] ? try g * Variable.constant(1.0 - weight) : nil
            return [ga, gb]
        }
    }

    /// `where(c, a, b)`: the cotangent goes to `a` where `c` holds and to `b` elsewhere.
    static func select(node: GraphNode, g: Variable) throws -> [Variable?] {
        let condition = node.input(0)
        let zero = g.scalar(0)
        return [nil, try Variable.select(condition, g, zero), try Variable.select(condition, zero, g)]
    }

    /// A `bool` tensor as a 0/1 constant of `like`'s dtype.
    static func mask(_ flags: Tensor, like: Variable) -> Variable {
        Variable.constant(flags.cast(to: like.dtype))
    }
}
