import FolioAutograd
import FolioTensor

/// Typed accessors for tensor builtins, so every one reports a wrong argument the same way.
extension BoundArguments {
    /// The argument as a tensor variable (numbers and nested arrays are converted).
    public func variable(_ index: Int) throws -> Variable {
        try TensorConversion.variable(value(index), name: argumentName(index))
    }

    /// The argument as a tensor, or nil when it was omitted or `nil`.
    public func optionalVariable(_ index: Int) throws -> Variable? {
        guard let given = self[index], !given.isNone else { return nil }
        return try TensorConversion.variable(given, name: argumentName(index))
    }

    /// `axis: 1`, `axis: [0, 2]` or `axis: nil` (every axis).
    public func axes(_ index: Int) throws -> [Int]? {
        guard let given = self[index], !given.isNone else { return nil }
        switch given {
        case .int(let axis): return [axis]
        case .array(let elements): return try elements.map { try integer($0, index) }
        default: throw typeError(index, expected: "an Int, an array of Ints or nil", got: given)
        }
    }

    /// An optional single axis.
    public func optionalInt(_ index: Int) throws -> Int? {
        guard let given = self[index], !given.isNone else { return nil }
        return try integer(given, index)
    }

    /// An optional number.
    public func optionalDouble(_ index: Int) throws -> Double? {
        guard let given = self[index], !given.isNone else { return nil }
        guard let number = given.numericValue else { throw typeError(index, expected: "a number", got: given) }
        return number
    }

    /// One Int or an array of Ints (`stride: 2` or `stride: [2, 1]`).
    public func ints(_ index: Int, default fallback: [Int]) throws -> [Int] {
        guard let given = self[index], !given.isNone else { return fallback }
        if case .array(let elements) = given { return try elements.map { try integer($0, index) } }
        return [try integer(given, index)]
    }

    /// A shape given as variadic Ints (`zeros(2, 3)`) or one array (`zeros([2, 3])`).
    public func shape() throws -> [Int] {
        var items = variadic
        if items.count == 1, case .array(let elements) = items[0] { items = elements }
        return try items.map { item in
            guard case .int(let size) = item else {
                throw FolioError(.TypeError, "\(functionName)(): a shape is made of Ints, got \(item.typeName)")
            }
            guard size >= 0 else { throw FolioError(.ValueError, "\(functionName)(): negative dimension \(size)") }
            return size
        }
    }

    /// `dtype: "f64"`, or nil when omitted.
    public func dtype(_ index: Int) throws -> DType? {
        guard let given = self[index], !given.isNone else { return nil }
        guard case .string(let name) = given else { throw typeError(index, expected: "a dtype name such as \"f64\"", got: given) }
        return try TensorConversion.dtype(named: name)
    }

    private func integer(_ value: Value, _ index: Int) throws -> Int {
        guard case .int(let integer) = value else { throw typeError(index, expected: "Int", got: value) }
        return integer
    }

    private func argumentName(_ index: Int) -> String {
        "\(functionName)(\(parameters[index].name))"
    }
}

extension BoundArguments {
    /// The bound arguments as a call would pass them again (to forward to another function).
    public var asArguments: Arguments {
        var positional: [Value] = []
        var labels: [String] = []
        var labelled: [Value] = []
        for (index, parameter) in parameters.enumerated() {
            if parameter.style == .variadic {
                positional += variadic
                continue
            }
            guard let value = self[index] else { continue }
            if parameter.style == .labelled {
                labels.append(parameter.name)
                labelled.append(value)
            } else {
                positional.append(value)
            }
        }
        return Arguments(positional: positional, labels: labels, labelled: labelled)
    }

    /// True when the first argument (positional or variadic) is a tensor object.
    public var startsWithTensor: Bool {
        let first = parameters.first?.style == .variadic ? variadic.first : self[0]
        guard case .native(let object)? = first else { return false }
        return object is TensorObject
    }
}
