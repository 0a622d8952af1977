import Dispatch

/// `body(index)` for every index in `0..<count`, on all cores, returned in index order. Each call
/// writes only its own slot of the result, so no lock is needed.
///
/// - Complexity: the calls' time spread over the machine's cores, plus O(`count`).
package func concurrentMap<Value>(_ count: Int, _ body: @Sendable (_ index: Int) -> Value) -> [Value] {
    var values = [Value?](repeating: nil, count: count)
    values.withUnsafeMutableBufferPointer { slots in
        nonisolated(unsafe) let slots = slots
        DispatchQueue.concurrentPerform(iterations: count) { index in slots[index] = body(index) }
    }
    return values.map { $0! }
}
