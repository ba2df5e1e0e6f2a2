import FolioRuntime

/// The locals of every active call, in one contiguous buffer (clox's value stack).
///
/// A call reserves its slots above `top` and releases them on return, so calling a function
/// allocates nothing. Every slot from `top` up holds nil, which lets a call move its arguments
/// into its reserved slots without destroying what was there. Nodes index it freshly on every access, which lets the buffer grow.
final class ValueStack {
    @exclusivity(unchecked) private(set) var slots: UnsafeMutablePointer<Value>
    @exclusivity(unchecked) private(set) var capacity: Int
    @exclusivity(unchecked) private(set) var top = 0

    init(capacity: Int = 1024) {
        self.capacity = capacity
        slots = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
        slots.initialize(repeating: .none, count: capacity)
    }

    deinit {
        slots.deinitialize(count: capacity)
        slots.deallocate()
    }

    /// Reserves `count` slots (all `nil`) and returns the index of the first.
    @inline(__always)
    func reserve(_ count: Int) -> Int {
        let base = top
        let needed = base &+ count
        if needed > capacity { grow(toAtLeast: needed) }
        top = needed
        return base
    }

    /// Releases every slot from `base` up, dropping the values they held.
    @inline(__always)
    func release(to base: Int) {
        var index = base
        while index < top {
            // Numbers need no destroying: they are overwritten in place, skipping the outlined
            // destroy that an assignment calls.
            switch slots[index] {
            case .none, .bool, .int, .double: (slots + index).initialize(to: .none)
            default: slots[index] = .none
            }
            index &+= 1
        }
        top = base
    }

    private func grow(toAtLeast needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newSlots = UnsafeMutablePointer<Value>.allocate(capacity: newCapacity)
        newSlots.moveInitialize(from: slots, count: capacity)
        (newSlots + capacity).initialize(repeating: .none, count: newCapacity - capacity)
        slots.deallocate()
        slots = newSlots
        capacity = newCapacity
    }
}

/// A variable that a closure captured: locals of functions containing closures live in boxes so the
/// closure and the function share them, and each loop iteration gets a fresh one.
final class VariableBox: NativeObject {
    @exclusivity(unchecked) var value: Value

    init(_ value: Value) {
        self.value = value
    }

    override var typeName: String { "Variable" }
}
