import Testing

@Test func sluiceEngineBuilds() { #expect(Bool(true)) }
