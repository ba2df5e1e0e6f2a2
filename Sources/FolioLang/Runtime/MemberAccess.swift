import FolioRuntime

/// `x.name` for every kind of value: record fields, native members, and builtin types' methods.
enum MemberAccess {
    static func member(_ name: String, of receiver: Value) throws -> Value {
        switch receiver {
        case .record(let record):
            if let index = record.index(of: name) { return record.values[index] }
        case .native(let object):
            if let value = try object.member(named: name) { return value }
        default:
            break
        }
        if let method = BuiltinMethods.method(name, of: receiver) { return method }
        if MutatingMethods.names.contains(name), MutatingMethods.applies(to: receiver) {
            throw FolioError(.TypeError, "\(name)() changes its \(receiver.typeName) in place; call it on a variable, as in xs.\(name)(...)")
        }
        if case .native(let object) = receiver, let error = object.missingMemberError(name) { throw error }
        let hint = SpellingSuggestion.hint(for: name, among: memberNames(of: receiver))
        throw FolioError(.TypeError, "a value of type \(receiver.typeName) has no member '\(name)'\(hint)")
    }

    /// What completion offers after `x.`.
    static func memberNames(of receiver: Value) -> [String] {
        var names: [String] = []
        switch receiver {
        case .record(let record): names = record.fields
        case .native(let object): names = object.memberNames
        default: break
        }
        return names + BuiltinMethods.names(for: receiver)
    }
}
