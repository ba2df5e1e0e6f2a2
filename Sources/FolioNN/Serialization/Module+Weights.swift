import Foundation
import FolioTensor

/// Saving and loading a module's parameters and buffers (its state dict).
extension Module {
    /// Every parameter and buffer with its dotted name (PyTorch's `state_dict` names).
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        namedParameters.map { ($0.name, $0.parameter.value) } + namedBuffers.map { ($0.name, $0.value) }
    }

    /// Assigns `tensors` to the parameters and buffers of the same names. Every name and shape is
    /// checked first; on any mismatch nothing changes and the error lists every problem. With
    /// `strict` (the default) missing and unexpected names are errors too.
    public func loadStateDict(_ tensors: [(name: String, tensor: Tensor)], strict: Bool = true) throws {
        let parameters = Dictionary(namedParameters.map { ($0.name, $0.parameter) }, uniquingKeysWith: { first, _ in first })
        let buffers = Dictionary(namedBuffers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for (name, tensor) in tensors {
            guard let expected = parameters[name]?.shape ?? buffers[name]?.shape else {
                if strict { problems.append("unexpected \(name)") }
                continue
            }
            if expected != tensor.shape {
                problems.append("\(name): expected shape \(formatShape(expected)), got \(formatShape(tensor.shape))")
            }
        }
        let given = Set(tensors.map { $0.name })
        if strict { problems += (parameters.keys.sorted() + buffers.keys.sorted()).filter { !given.contains($0) }.map { "missing \($0)" } }
        guard problems.isEmpty else {
            throw NNError.weightMismatch("\(layerDescription): the weights do not fit, nothing was loaded: \(problems.joined(separator: "; "))")
        }
        for (name, tensor) in tensors {
            if let parameter = parameters[name] {
                try parameter.assign(tensor)
            } else if buffers[name] != nil {
                try setBuffer(path: name, tensor)
            }
        }
    }

    /// Replaces the buffer at dotted `path`, keeping its dtype.
    private func setBuffer(path: String, _ value: Tensor) throws {
        let parts = path.split(separator: ".").map(String.init)
        let owner = namedModules.first { $0.name == parts.dropLast().joined(separator: ".") }?.module
        guard let module = owner, let leaf = parts.last, let current = module.buffer(named: leaf) else {
            throw NNError.weightMismatch("no buffer \(path)")
        }
        module.register(buffer: value.cast(to: current.dtype), named: leaf)
    }

    /// Writes the state dict as a safetensors file at `path`.
    public func saveWeights(to path: String, metadata: [String: String] = [:]) throws {
        let data = try SafeTensors.encode(stateDict(), metadata: metadata)
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw NNError.badFile("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Loads a safetensors file written by Folio or by Python (`safetensors`, PyTorch state dicts
    /// with matching names); all-or-nothing, as `loadStateDict`.
    public func loadWeights(from path: String, strict: Bool = true) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw NNError.badFile("cannot read \(path): \(error.localizedDescription)")
        }
        try loadStateDict(SafeTensors.decode(data).tensors, strict: strict)
    }
}

/// Writes named tensors to an `.npz` file (`np.savez`).
public func saveNPZ(_ tensors: [(name: String, tensor: Tensor)], path: String) throws {
    do {
        try NPZArchive.encode(tensors).write(to: URL(fileURLWithPath: path))
    } catch {
        throw NNError.badFile("cannot write \(path): \(error.localizedDescription)")
    }
}

/// Reads the named tensors of an `.npz` file (`np.load`).
public func loadNPZ(path: String) throws -> [(name: String, tensor: Tensor)] {
    let data: Data
    do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw NNError.badFile("cannot read \(path): \(error.localizedDescription)")
    }
    return try NPZArchive.decode(data)
}
