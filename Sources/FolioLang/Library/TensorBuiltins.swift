import FolioAutograd
import FolioRuntime
import FolioTensor

/// Tensor functions that are not methods: joining, `where`, products, `einsum`; plus every
/// method of `TensorMethods` as a free function (`exp(x)` as well as `x.exp()`).
enum TensorBuiltins {
    static let all: [BuiltinFunction] = TensorMethods.all + [cat, stack, whereFunction, matmul, dot, outer, einsum, kron, nonzero]

    private static func tensors(_ value: Value, _ name: String) throws -> [Variable] {
        guard case .array(let elements) = value else {
            throw FolioError(.TypeError, "\(name)() expects an array of tensors, got \(value.typeName)")
        }
        guard !elements.isEmpty else { throw FolioError(.ValueError, "\(name)() needs at least one tensor") }
        return try elements.map { try TensorConversion.variable($0, name: name) }
    }

    static let cat = TensorMethods.op("cat", [Parameter("tensors"), Parameter("axis", .labelled, defaultText: "0")],
                                      DocEntry("Joins tensors along an existing axis.", example: "cat([ones(2), zeros(3)])")) { arguments in
        try Variable.cat(try tensors(arguments.value(0), "cat"), axis: try arguments.int(1, default: 0))
    }

    static let stack = TensorMethods.op("stack", [Parameter("tensors"), Parameter("axis", .labelled, defaultText: "0")],
                                        DocEntry("Joins tensors of equal shape along a new axis.", example: "stack([ones(2), zeros(2)], axis: 1)")) { arguments in
        try Variable.stack(try tensors(arguments.value(0), "stack"), axis: try arguments.int(1, default: 0))
    }

    static let whereFunction = TensorMethods.op("where", [Parameter("condition"), Parameter("a"), Parameter("b")],
                                                DocEntry("a where condition holds, else b (broadcasting all three).",
                                                         example: "let x = arange(5)\nwhere(x > 2, x, 0)")) { arguments in
        let condition = try TensorConversion.variable(arguments.value(0), dtype: .bool, name: "where(condition)")
        let (first, second) = (try arguments.variable(1), try arguments.variable(2))
        let common = DType.promote(first.dtype, second.dtype)
        let left = first.dtype == common ? first : try first.cast(to: common)
        let right = second.dtype == common ? second : try second.cast(to: common)
        return try Variable.select(condition, left, right)
    }

    static let matmul = TensorMethods.op("matmul", [Parameter("a"), Parameter("b")],
                                         DocEntry("The matrix product a @ b, batched and broadcast over leading axes (OpenBLAS).",
                                                  details: "(a b)ᵢⱼ = Σₖ aᵢₖ bₖⱼ.", example: "matmul(ones(2, 3), ones(3, 4)).shape")) { arguments in
        try arguments.variable(0).matmul(try arguments.variable(1))
    }

    static let dot = TensorMethods.op("dot", [Parameter("a"), Parameter("b")],
                                      DocEntry("The inner product of two vectors (matmul otherwise).", example: "dot(tensor([1.0, 2.0]), tensor([3.0, 4.0]))")) { arguments in
        try arguments.variable(0).dot(try arguments.variable(1))
    }

    static let outer = TensorMethods.op("outer", [Parameter("a"), Parameter("b")],
                                        DocEntry("The outer product aᵢ bⱼ of two vectors.", example: "outer(tensor([1, 2]), tensor([1, 10, 100]))")) { arguments in
        let (a, b) = (try arguments.variable(0), try arguments.variable(1))
        return try a.reshape([a.count, 1]).apply(.mul, try b.reshape([1, b.count]))
    }

    static let einsum = TensorMethods.op("einsum", [Parameter("subscripts"), Parameter("operands", .variadic)],
                                         DocEntry("Einstein summation over the named axes (NumPy's subscripts, with `...`).",
                                                  example: "einsum(\"ij,jk->ik\", ones(2, 3), ones(3, 2))")) { arguments in
        let operands = try arguments.variadic.map { try TensorConversion.variable($0, name: "einsum") }
        let subscripts = try arguments.string(0, default: "")
        return try Variable.einsum(subscripts, operands)
    }

    static let kron = TensorMethods.op("kron", [Parameter("a"), Parameter("b")],
                                       DocEntry("The Kronecker product.", example: "kron(eye(2), ones(2, 2))")) { arguments in
        try arguments.variable(0).kron(try arguments.variable(1))
    }

    static let nonzero = TensorMethods.function("nonzero", [Parameter("x")],
                                                DocEntry("The indices of the non-zero elements, one i64 tensor per axis.",
                                                         example: "nonzero(tensor([0, 3, 0, 4]))")) { arguments, _ in
        .array(try arguments.variable(0).value.nonzero().map { TensorConversion.wrap(Variable($0)) })
    }
}
