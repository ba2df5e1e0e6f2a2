/// Arguments matched to declared parameters, with typed accessors whose errors name the function
/// and the parameter (`TypeError: round(digits:) expects Int, got String`).
public struct BoundArguments {
    public let functionName: String
    public let parameters: [Parameter]
    /// One slot per parameter; nil when omitted and without a default (defaults are applied by the body).
    public private(set) var values: [Value?]
    /// Everything a variadic parameter collected.
    public private(set) var variadic: [Value] = []

    public init(binding arguments: Arguments, to parameters: [Parameter], functionName: String) throws {
        self.functionName = functionName
        self.parameters = parameters
        self.values = Array(repeating: nil, count: parameters.count)
        try bindPositional(arguments.positional)
        try bindLabelled(labels: arguments.labels, values: arguments.labelled)
        try checkRequired()
    }

    private mutating func bindPositional(_ positional: [Value]) throws {
        var next = 0
        for (index, parameter) in parameters.enumerated() {
            switch parameter.style {
            case .positional where next < positional.count:
                values[index] = positional[next]
                next += 1
            case .variadic:
                variadic = Array(positional[next...])
                next = positional.count
            default:
                continue
            }
        }
        if next < positional.count {
            let accepted = parameters.filter { $0.style == .positional }.count
            throw FolioError(.TypeError,
                             "\(functionName)() takes \(accepted) positional argument\(accepted == 1 ? "" : "s") but \(positional.count) were given")
        }
    }

    private mutating func bindLabelled(labels: [String], values labelled: [Value]) throws {
        for (label, value) in zip(labels, labelled) {
            guard let index = parameters.firstIndex(where: { $0.name == label && $0.style == .labelled }) else {
                let known = parameters.filter { $0.style == .labelled }.map(\.name)
                let hint = SpellingSuggestion.nearest(to: label, among: known).map { "; did you mean '\($0):'?" } ?? ""
                throw FolioError(.TypeError, "\(functionName)() has no argument labelled '\(label):'\(hint)")
            }
            if values[index] != nil {
                throw FolioError(.TypeError, "\(functionName)() got argument '\(label):' twice")
            }
            values[index] = value
        }
    }

    private func checkRequired() throws {
        for (index, parameter) in parameters.enumerated() where values[index] == nil && parameter.defaultText == nil {
            switch parameter.style {
            case .positional: throw FolioError(.TypeError, "\(functionName)() is missing argument '\(parameter.name)'")
            case .labelled: throw FolioError(.TypeError, "\(functionName)() is missing argument '\(parameter.name):'")
            case .variadic: continue
            }
        }
    }

    /// The argument for parameter `index`, or nil when it was omitted.
    public subscript(index: Int) -> Value? {
        values[index] ?? nil
    }

    public func typeError(_ index: Int, expected: String, got value: Value) -> FolioError {
        let parameter = parameters[index]
        let label = parameter.style == .labelled ? "\(parameter.name):" : parameter.name
        return FolioError(.TypeError, "\(functionName)(\(label)) expects \(expected), got \(value.typeName)")
    }

    public func string(_ index: Int, default fallback: String) throws -> String {
        guard let value = self[index] else { return fallback }
        guard case .string(let text) = value else { throw typeError(index, expected: "String", got: value) }
        return text
    }

    public func int(_ index: Int, default fallback: Int) throws -> Int {
        guard let value = self[index] else { return fallback }
        guard case .int(let integer) = value else { throw typeError(index, expected: "Int", got: value) }
        return integer
    }

    public func bool(_ index: Int, default fallback: Bool) throws -> Bool {
        guard let value = self[index] else { return fallback }
        guard case .bool(let flag) = value else { throw typeError(index, expected: "Bool", got: value) }
        return flag
    }

    public func double(_ index: Int, default fallback: Double) throws -> Double {
        guard let value = self[index] else { return fallback }
        guard let number = value.numericValue else { throw typeError(index, expected: "a number", got: value) }
        return number
    }

    /// A required argument (the binder already checked it is present unless it has a default).
    public func value(_ index: Int) -> Value {
        self[index] ?? .none
    }
}
