/// Label-suffix trie over rule hosts: a lookup costs one hash per label, however many rules there are.
struct HostMatcher: Sendable {
    /// One trie node: children by label, rules whose suffix ends here.
    private struct Node: Sendable {
        var children: [Substring: Int32] = [:]
        var suffixRules: [Int32] = []
    }

    private var nodes: [Node] = [Node()]
    private var exact: [String: [Int32]] = [:]
    /// Rules without host conditions, in file order.
    private var anyHost: [Int32] = []

    init(rules: [PolicyRule]) {
        for (index, rule) in rules.enumerated() where rule.enabled {
            let id = Int32(index)
            if rule.matchesAnyHost { anyHost.append(id); continue }
            for host in rule.hosts { exact[host, default: []].append(id) }
            for domain in rule.domains { insertSuffix(domain, id) }
        }
    }

    private mutating func insertSuffix(_ domain: String, _ id: Int32) {
        var node = 0
        for label in domain.split(separator: ".").reversed() {
            if let next = nodes[node].children[label] {
                node = Int(next)
            } else {
                nodes.append(Node())
                let next = Int32(nodes.count - 1)
                nodes[node].children[label] = next
                node = Int(next)
            }
        }
        nodes[node].suffixRules.append(id)
    }

    /// Index of the first rule (lowest file position) whose host and other conditions hold.
    /// With `path` nil, only rules that have a `paths` condition are considered, and that condition is ignored
    /// (used for CONNECT, where the path is not known until the tunnel is intercepted).
    func firstMatch(host: NormalizedHost, port: Int, path: String?, client: IPAddress?, user: String?, groups: [String],
                    rules: [PolicyRule]) -> Int? {
        var best = Int32.max
        func consider(_ id: Int32) {
            let rule = rules[Int(id)]
            if path == nil && rule.paths.isEmpty { return }
            if id < best && rule.matchesRest(port: port, path: path, client: client, user: user, groups: groups) {
                best = id
            }
        }
        if let ids = exact[host.text] { for id in ids { consider(id) } }
        if host.ip == nil {
            let text = host.text
            var node = 0
            var end = text.endIndex
            walk: while end > text.startIndex {
                var start = end
                while start > text.startIndex {
                    let previous = text.index(before: start)
                    if text[previous] == "." { break }
                    start = previous
                }
                guard let next = nodes[node].children[text[start..<end]] else { break walk }
                node = Int(next)
                for id in nodes[node].suffixRules { consider(id) }
                if start == text.startIndex { break }
                end = text.index(before: start)
            }
        }
        for id in anyHost {
            if id >= best { break }
            consider(id)
        }
        return best == Int32.max ? nil : Int(best)
    }
}
