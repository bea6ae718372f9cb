import Foundation
import SluicePolicy

/// Finds the model a request asks for: in the URL path (Bedrock, Vertex, Cloudflare, Azure deployments) or JSON `/model`.
enum ModelIDInspector {
    /// Path segments after which a model id follows: `/model/{id}` (Bedrock), `/models/{id}:generateContent`
    /// (Gemini, Vertex), `/publishers/{vendor}` (Vertex), `/deployments/{name}` (Azure), `/run/@cf/{vendor}/{id}` (Cloudflare).
    static let markers: Set<String> = ["model", "models", "publishers", "deployments", "engines", "run", "@cf", "@hf"]

    /// Model ids named in the path, fully percent-decoded (so `%3A` and `%2F` cannot hide them).
    static func modelIDs(inPath path: String) -> [String] {
        let segments = PathNormalizer.decodedLowercased(path).split(separator: "/").map(String.init)
        var result: [String] = []
        for index in segments.indices.dropLast() where markers.contains(segments[index]) {
            result.append(segments[index + 1])
        }
        return result
    }

    /// The top-level JSON `model` string of a request body, if the body is a JSON object with one.
    static func modelID(inBody body: [UInt8]) -> String? {
        guard let first = body.first(where: { $0 != 0x20 && $0 != 0x0a && $0 != 0x0d && $0 != 0x09 }), first == UInt8(ascii: "{") else {
            return nil
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body), options: []) as? [String: Any] else { return nil }
        return object["model"] as? String
    }

    /// The first model rule hit by the path, with the offending id.
    static func pathHit(_ path: String, policy: Policy) -> (ModelRule, String)? {
        for id in modelIDs(inPath: path) {
            if let rule = policy.modelRule(for: id) { return (rule, id) }
        }
        return nil
    }
}
