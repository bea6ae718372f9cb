/// A possible finding before overlap resolution; offsets are code points into the scanned text.
struct Candidate {
    var type: PIIType
    var start: Int
    var end: Int
    var confidence: Double
}
