import Testing

@Test func sluiceDetectBuilds() { #expect(Bool(true)) }
