import ArgumentParser
import Foundation
import SluiceEngine
import SluicePolicy

extension Sluice {
    /// `sluice policy`: validate policy files and explain decisions.
    struct PolicyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy", abstract: "Check policy files and explain decisions.",
            subcommands: [Check.self, Explain.self])
    }
}

extension Sluice.PolicyCommand {
    /// `sluice policy check FILE...`: prints FILE:LINE:COL: reason per problem; exit 1 when any file has errors.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate policy files (warnings do not fail the check).")

        @Argument(help: ArgumentHelp("Policy files to check.", valueName: "file"))
        var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                    print("\(file):1:1: cannot read the policy file")
                    failed = true
                    continue
                }
                let result = PolicyLoader.parse(yaml: text, file: file)
                for diagnostic in result.diagnostics { print(diagnostic) }
                if result.policy == nil { failed = true } else if result.diagnostics.isEmpty { print("\(file): ok, \(result.policy!.rules.count) rules") }
            }
            if failed { throw ExitCode(1) }
        }
    }

    /// `sluice policy explain URL`: runs the proxy's own decision code for one request and prints the outcome.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the decision and the rule that made it for a URL.")

        @Argument(help: ArgumentHelp("URL (http://, https://) or host:port for a CONNECT.", valueName: "url"))
        var url: String

        @Option(help: ArgumentHelp("Client address the request comes from.", valueName: "ip"))
        var client = "127.0.0.1"

        @Option(help: ArgumentHelp("Treat the request as authenticated as this user.", valueName: "name"))
        var user: String?

        @Option(help: ArgumentHelp("Policy file.", valueName: "file"))
        var policy: String

        @Option(help: ArgumentHelp("Model id in a JSON body, to explain model rules.", valueName: "id"))
        var model: String?

        func run() throws {
            let loaded: Policy
            do { loaded = try PolicyLoader.load(path: policy) } catch {
                for diagnostic in error.diagnostics { print(diagnostic) }
                throw ExitCode(1)
            }
            let users = loaded.auth.flatMap { try? UserStore.load(path: $0.usersFile) }
            let engine = Engine(policy: loaded, users: users)
            let isURL = url.contains("://")
            let target = isURL ? url : (url.contains(":") ? url : url + ":443")
            let request = EngineRequest(method: isURL ? "GET" : "CONNECT", target: target, clientIP: client,
                                        accept: "text/html", authenticatedUser: user)
            let decision = engine.decide(request, referenceID: "explain", now: Date())
            switch decision {
            case let .forward(verdict):
                print(describe("forward", verdict))
                if let model, verdict.inspectBody {
                    let body = Array("{\"model\":\(jsonString(model))}".utf8)
                    if case let .respond(response) = engine.decideBody(request, verdict: verdict, body: body, contentType: "application/json") {
                        print("body: model \(model) -> \(response.status) \(response.bodyText)")
                    } else {
                        print("body: model \(model) -> forward")
                    }
                }
            case let .tunnel(verdict):
                print(describe("tunnel", verdict) + (verdict.intercept ? " (intercept when a CA is configured)" : " (splice)"))
            case let .respond(response, verdict):
                if let verdict {
                    print(describe("respond \(response.status)", verdict))
                } else {
                    print("respond \(response.status)")
                }
            }
        }

        private func describe(_ outcome: String, _ verdict: Verdict) -> String {
            var line = "\(outcome): action=\(verdict.action.rawValue) rule=\(verdict.rule) host=\(verdict.host) port=\(verdict.port)"
            if !verdict.path.isEmpty { line += " path=\(verdict.path)" }
            if let service = verdict.service { line += " service=\"\(service)\"" }
            if let user = verdict.user { line += " user=\(user)" }
            if verdict.inspectBody { line += " inspect-body" }
            if let reason = verdict.reason { line += "\n  reason: \(reason)" }
            return line
        }

        private func jsonString(_ text: String) -> String {
            let data = (try? JSONSerialization.data(withJSONObject: [text], options: [])) ?? Data("[\"\"]".utf8)
            return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        }
    }
}
