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

    /// False when no segment can be a marker: no percent-escape (which could spell one) and no segment that
    /// is a marker ignoring ASCII case. Most paths are answered here without decoding or allocating.
    static func mayNameModel(_ path: String) -> Bool {
        let bytes = path.utf8
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") { return true }
            if byte == UInt8(ascii: "/") {
                if isMarker(bytes[start..<index]) { return true }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        return false   // the last segment has nothing after it
    }

    private static let markerBytes = markers.map { Array($0.utf8) }

    private static func isMarker(_ segment: Substring.UTF8View) -> Bool {
        markerBytes.contains { marker in
            marker.count == segment.count && zip(marker, segment).allSatisfy { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }
        }
    }

    /// The first model rule hit by the path, with the offending id.
    static func pathHit(_ path: String, policy: Policy) -> (ModelRule, String)? {
        guard mayNameModel(path) else { return nil }
        for id in modelIDs(inPath: path) {
            if let rule = policy.modelRule(for: id) { return (rule, id) }
        }
        return nil
    }
}
