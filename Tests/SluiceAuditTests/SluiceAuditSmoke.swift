import Testing

@Test func sluiceAuditBuilds() { #expect(Bool(true)) }
