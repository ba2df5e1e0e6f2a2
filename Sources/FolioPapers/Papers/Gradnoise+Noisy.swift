import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

/// `gradnoise.Noisy(opt, ...)`: an optimiser whose step clips (optionally), adds the annealed noise of
/// its own step t, then runs the inner optimiser's update.
public final class NoisyOptimizerObject: NativeObject {
    public let inner: OptimizerObject
    public let eta: Double
    public let gamma: Double
    public let clip: Double?
    public let seed: UInt64?
    /// The number of steps taken: the next step's t.
    public private(set) var t = 0

    public init(inner: OptimizerObject, eta: Double, gamma: Double, clip: Double?, seed: UInt64?) {
        self.inner = inner
        self.eta = eta
        self.gamma = gamma
        self.clip = clip
        self.seed = seed
    }

    public override var typeName: String { "gradnoise.Noisy" }

    /// The noise's standard deviation at the next step.
    public var sigma: Double { (eta / Foundation.pow(1 + Double(t), gamma)).squareRoot() }

    /// Replaces the parameters' gradients by clip → noise, then runs the inner update.
    /// - Parameter noise: z for each parameter (tests); nil draws it.
    public func step(_ loss: Variable?, context: CallContext?, noise: [Tensor]? = nil) throws {
        if let loss {
            guard loss.count == 1 else {
                throw FolioError(.ShapeError, "gradnoise.Noisy.step: the loss must be a scalar, got shape \(formatShape(loss.shape))")
            }
            try loss.backward()
        }
        if eta > 0 || clip != nil {
            let objects = inner.objects
            var gradients = objects.map { $0.variable.grad ?? $0.variable.value.zerosLike() }
            if let clip { gradients = try Gradnoise.clipped(gradients, maxNorm: clip) }
            if eta > 0 {
                let z: [Tensor]
                if let noise {
                    z = noise
                } else if let context {
                    z = try Gradnoise.draw(like: gradients, step: t, seed: seed, context: context)
                } else {
                    throw FolioError(.RuntimeError, "gradnoise.Noisy.step: random numbers need a running session")
                }
                gradients = try Gradnoise.noisy(gradients, sigma: sigma, noise: z)
            }
            for (object, gradient) in zip(objects, gradients) { object.variable.grad = gradient }
        }
        try inner.step()
        t += 1
    }

    public override var memberNames: [String] { ["step", "zero_grad", "params", "t", "sigma", "eta", "gamma", "clip", "inner"] }

    public override func member(named name: String) throws -> Value? {
        switch name {
        case "step": return .function(stepMethod)
        case "zero_grad": return try inner.member(named: "zero_grad")
        case "params": return try inner.member(named: "params")
        case "t": return .int(t)
        case "sigma": return .double(sigma)
        case "eta": return .double(eta)
        case "gamma": return .double(gamma)
        case "clip": return clip.map(Value.double) ?? .none
        case "inner": return .native(inner)
        default: return nil
        }
    }

    private var stepMethod: BuiltinFunction {
        let doc = DocEntry("step(loss) runs loss.backward(), clips, adds the noise of step t, updates and clears the gradients; step() skips the backward.",
                           example: "let w = param(ones(2))\nlet opt = gradnoise.Noisy(SGD([w], lr: 0.1), seed: 1)\nopt.step(sum(w * w))\nw")
        return BuiltinFunction("step", [Parameter("loss", defaultText: "nil")], doc: doc) { [self] arguments, context in
            let loss = try arguments.optionalVariable(0)
            try NNCall.run(context) { try step(loss, context: context) }
            return .none
        }
    }

    public override var plainText: String {
        let clipText = clip.map { ", clip: \($0)" } ?? ""
        return "gradnoise.Noisy(\(inner.plainText), eta: \(eta), gamma: \(gamma)\(clipText), t: \(t))"
    }

    public override var doc: DocEntry? {
        DocEntry("An optimiser adding annealed gradient noise (η = \(eta), γ = \(gamma)) before the inner update.",
                 details: "Members: step(loss), step(), zero_grad(), params, t (steps taken), sigma (the next step's σ), eta, gamma, clip, inner.",
                 example: "let w = param(ones(2))\nlet opt = gradnoise.Noisy(SGD([w], lr: 0.1))\nopt.step(sum(w * w))")
    }
}
