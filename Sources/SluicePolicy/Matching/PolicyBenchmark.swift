import Foundation

/// A micro-benchmark of rule matching for `make bench`: nanoseconds per decision with `rules` host rules.
public enum PolicyBenchmark {
    /// Builds `rules` suffix rules, then times `lookups` matches over a mix of hits and misses.
    public static func run(rules: Int, lookups: Int) -> Double {
        let policy = syntheticPolicy(rules: rules)
        let hosts = (0..<256).map { index -> NormalizedHost in
            let text = index % 2 == 0 ? "api.svc\((index * 7919) % max(rules, 1)).example\(index % 97).com" : "www.unmatched\(index).org"
            return (try? HostNormalizer.normalize(text)) ?? NormalizedHost(text: text, ip: nil)
        }
        let client = IPAddress("10.1.2.3")
        var hits = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for index in 0..<max(lookups, 1) {
            if policy.match(host: hosts[index & 255], port: 443, path: "/v1/chat", client: client, user: nil) != nil { hits += 1 }
        }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        withExtendedLifetime(hits) {}
        return Double(elapsed) / Double(max(lookups, 1))
    }

    /// `svcN.exampleM.com` suffix rules cycling through the actions; used by the benchmark and the 10k-rule test.
    public static func syntheticPolicy(rules: Int) -> Policy {
        let actions: [PolicyAction] = [.deny, .redact, .allow, .monitor, .warn]
        let list = (0..<rules).map { index in
            PolicyRule(name: "rule\(index)", action: actions[index % actions.count], domains: ["svc\(index).example\(index % 97).com"])
        }
        return Policy(rules: list, source: "<benchmark>")
    }
}
