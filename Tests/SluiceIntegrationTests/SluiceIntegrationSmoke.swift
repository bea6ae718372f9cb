import Testing

@Test func sluiceIntegrationBuilds() { #expect(Bool(true)) }
