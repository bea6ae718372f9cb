import ArgumentParser

/// The `sluice` command: a forward proxy that blocks banned AI services and redacts personal data.
@main
struct Sluice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "A forward proxy between an office's browsers and the AI chatbots they use.",
        subcommands: [Serve.self, PolicyCommand.self, UserCommand.self, Scan.self, AuditCommand.self, CACommand.self, Bench.self]
    )
}
