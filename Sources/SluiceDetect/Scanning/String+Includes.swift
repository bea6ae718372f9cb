extension String {
    /// Naive substring test over UTF-8; for the short keywords and windows here it is far cheaper than `contains(_:)`,
    /// which builds a search table on every call.
    func includes(_ needle: String) -> Bool {
        var hay = self, nee = needle
        return hay.withUTF8 { h in
            nee.withUTF8 { n in
                guard n.count > 0 else { return true }
                guard h.count >= n.count else { return false }
                let first = n[0]
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count && h[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
