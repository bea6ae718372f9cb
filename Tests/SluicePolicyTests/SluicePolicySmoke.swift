import Testing

@Test func sluicePolicyBuilds() { #expect(Bool(true)) }
