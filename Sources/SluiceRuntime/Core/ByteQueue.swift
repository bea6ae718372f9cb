/// A FIFO of bytes: append at the back, consume from the front without shifting on every read.
struct ByteQueue {
    private(set) var storage: [UInt8] = []
    private var head = 0

    var count: Int { storage.count - head }
    var isEmpty: Bool { head == storage.count }

    /// The unconsumed bytes.
    var readable: ArraySlice<UInt8> { storage[head...] }

    mutating func append(_ bytes: some Sequence<UInt8>) { storage.append(contentsOf: bytes) }

    mutating func consume(_ n: Int) {
        head += n
        if head == storage.count {
            storage.removeAll(keepingCapacity: storage.capacity <= 65_536)
            head = 0
        } else if head > 65_536, head * 2 > storage.count {
            storage.removeSubrange(0..<head)
            head = 0
        }
    }

    /// Removes and returns everything, releasing the storage (used when a connection becomes a tunnel).
    mutating func takeAll() -> [UInt8] {
        let bytes = Array(readable)
        storage = []
        head = 0
        return bytes
    }

    /// Copies the unconsumed bytes into a contiguous array for a parser.
    var contiguous: [UInt8] { head == 0 ? storage : Array(storage[head...]) }

    /// Drops allocated capacity once empty; idle connections must stay small.
    mutating func shrinkIfEmpty() {
        if isEmpty { storage = []; head = 0 }
    }
}
