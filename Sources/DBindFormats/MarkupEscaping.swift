/// Text made safe inside HTML and XML, as content or as a quoted attribute value: the five
/// markup characters become references (`&#39;` for the apostrophe, which HTML and XML both
/// read), and the control characters XML 1.0 forbids even escaped are left out. The report,
/// the graph files and the Label Studio config all escape through this one function.
func escape(_ text: some StringProtocol) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r": continue
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
