import FolioAutograd
import FolioTensor

extension Variable {
    /// `log(1 + eˣ)` without overflow and with the right derivative `σ(x)` everywhere, including 0.
    ///
    /// `relu(x) + log1p(e^-|x|)` is stable but its pieces have kinks at 0 whose subgradients
    /// (`relu'(0) = 0`, `|x|'(0) = 0`) give derivative 0 there instead of ½ — and exact zeros are
    /// common (zero-initialised heads). Here each branch is smooth and only ever sees inputs of its
    /// own sign, so no exponential overflows and no `0 · ∞` reaches backward.
    public func smoothSoftplus() throws -> Variable {
        let positive = try self .> 0
        let zero = zerosLikeVariable()
        let positivePart = try Variable.select(positive, self, zero)
        let negativePart = try Variable.select(positive, zero, self)
        let upper = try positivePart + (-positivePart).exp().log1p()
        let lower = try negativePart.exp().log1p()
        return try Variable.select(positive, upper, lower)
    }
}
