/// A bounded least-recently-used map from host to leaf: O(1) lookup, touch, insert and eviction.
/// Not thread-safe by itself; `TLSServerContext` keeps it behind a `Mutex`.
struct LeafCache {
    private struct Node {
        var host: LeafHost
        var leaf: LeafCertificate
        var newer: Int?
        var older: Int?
    }

    let capacity: Int
    private var nodes: [Node] = []
    private var index: [LeafHost: Int] = [:]
    private var newest: Int?
    private var oldest: Int?

    init(capacity: Int) {
        precondition(capacity > 0, "capacity is checked by TLSServerContext.init")
        self.capacity = capacity
    }

    var count: Int { index.count }

    /// The cached leaf for `host`, marked most recently used.
    mutating func leaf(for host: LeafHost) -> LeafCertificate? {
        guard let slot = index[host] else { return nil }
        unlink(slot)
        pushNewest(slot)
        return nodes[slot].leaf
    }

    /// Stores `leaf` as most recently used, replacing one for the same host or evicting the least recently used.
    mutating func insert(_ leaf: LeafCertificate) {
        if let slot = index[leaf.host] {
            nodes[slot].leaf = leaf
            unlink(slot)
            pushNewest(slot)
            return
        }
        let slot: Int
        if index.count < capacity {
            slot = nodes.count
            nodes.append(Node(host: leaf.host, leaf: leaf))
        } else {
            guard let evicted = oldest else { preconditionFailure("a full cache has an oldest entry") }
            slot = evicted
            unlink(slot)
            index[nodes[slot].host] = nil
            nodes[slot] = Node(host: leaf.host, leaf: leaf)
        }
        index[leaf.host] = slot
        pushNewest(slot)
    }

    private mutating func unlink(_ slot: Int) {
        let (newer, older) = (nodes[slot].newer, nodes[slot].older)
        if let newer { nodes[newer].older = older } else { newest = older }
        if let older { nodes[older].newer = newer } else { oldest = newer }
        nodes[slot].newer = nil
        nodes[slot].older = nil
    }

    private mutating func pushNewest(_ slot: Int) {
        nodes[slot].older = newest
        if let newest { nodes[newest].newer = slot }
        newest = slot
        if oldest == nil { oldest = slot }
    }
}
