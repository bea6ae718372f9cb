import Testing

@Test func sluiceTLSBuilds() { #expect(Bool(true)) }
