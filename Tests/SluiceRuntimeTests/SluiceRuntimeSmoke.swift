import Testing

@Test func sluiceRuntimeBuilds() { #expect(Bool(true)) }
