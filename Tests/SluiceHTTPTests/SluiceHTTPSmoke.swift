import Testing

@Test func sluiceHTTPBuilds() { #expect(Bool(true)) }
