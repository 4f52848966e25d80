import DBindFormats
import Foundation

// Parts of messages: attachments, embeds and their images, reactions.

/// An attachment posted at `milliseconds` in `channel`, with a signed CDN URL issued in the export week.
func attachment(_ channel: LumenChannel, _ milliseconds: Int64, _ fileName: String, _ size: Int) -> DCEValue {
    let id = snowflake(milliseconds + 1 + Int64(hnum("att-ms", fileName) % 40), "attachment", channel.key, fileName)
    let issued = 0x69A8_F000 + hnum("is", id) % 50000  // early March 2026
    func hex8(_ n: Int) -> String { String(repeating: "0", count: max(0, 8 - String(n, radix: 16).count)) + String(n, radix: 16) }
    let url = "https://cdn.discordapp.com/attachments/\(channel.id)/\(id)/\(fileName)?ex=\(hex8(issued + 86400))&is=\(hex8(issued))&hm=\(hhex(64, "hm", id))&"
    return ["id": .string(String(id)), "url": .string(url), "fileName": .string(fileName), "fileSizeBytes": .int(size)]
}

/// `url` through Discord's media proxy.
func proxied(_ url: String) -> String {
    let separator = url.range(of: "://")!
    return "https://images-ext-1.discordapp.net/external/\(proxyToken(url))/\(url[..<separator.lowerBound])/\(url[separator.upperBound...])"
}

/// An embed image (or thumbnail or video): proxied URL, original URL, size.
func image(_ url: String, _ width: Int, _ height: Int, proxy: Bool = true) -> DCEValue {
    var members: [(String, DCEValue)] = []
    if !url.isEmpty {
        members += [("url", .string(proxy ? proxied(url) : url)), ("canonicalUrl", .string(url))]
    }
    members += [("width", .int(width)), ("height", .int(height))]
    return .object(members)
}

/// An embed in DCE's key order; `color` to `footer` only when set. `images` defaults to `image`.
func embed(title: String = "", url: String? = nil, timestamp: String? = nil, description: String = "", color: String? = nil,
           author: DCEValue? = nil, thumbnail: DCEValue? = nil, image: DCEValue? = nil, video: DCEValue? = nil,
           footer: DCEValue? = nil, images: [DCEValue]? = nil, fields: [(String, String, Bool)] = []) -> DCEValue {
    var members: [(String, DCEValue)] = [
        ("title", .string(title)), ("url", DCEValue(url)), ("timestamp", DCEValue(timestamp)), ("description", .string(description)),
    ]
    let optional: [(String, DCEValue?)] = [("color", color.map { .string($0) }), ("author", author), ("thumbnail", thumbnail),
                                           ("image", image), ("video", video), ("footer", footer)]
    for case let (key, value?) in optional { members.append((key, value)) }
    members.append(("images", .array(images ?? (image.map { [$0] } ?? []))))
    members.append(("fields", .array(fields.map { ["name": .string($0.0), "value": .string($0.1), "isInline": .bool($0.2)] })))
    let blank = description.allSatisfy { $0.isWhitespace }
    members.append(("inlineEmojis", .array(blank ? [] : LumenEmoji.extract(description))))
    return .object(members)
}

/// `iconUrl`/`iconCanonicalUrl` of an embed author or footer: Discord's own CDN is not proxied.
private func icon(_ url: String?) -> [(String, DCEValue)] {
    guard let url, !url.isEmpty else { return [] }
    return [("iconUrl", .string(url.hasPrefix("https://cdn.discordapp.com/") ? url : proxied(url))), ("iconCanonicalUrl", .string(url))]
}

func embedAuthor(_ name: String, _ url: String? = nil, _ iconURL: String? = nil) -> DCEValue {
    .object([("name", .string(name)), ("url", DCEValue(url))] + icon(iconURL))
}

func embedFooter(_ text: String, _ iconURL: String? = nil) -> DCEValue {
    .object([("text", .string(text))] + icon(iconURL))
}

/// GitHub's link preview of `path` (`owner/repo/...`), with its Open Graph card.
func githubEmbed(_ path: String, _ title: String, _ description: String) -> DCEValue {
    let card = "https://opengraph.githubassets.com/\(hhex(64, "og", path))/\(path.split(separator: "#", omittingEmptySubsequences: false)[0])"
    return embed(title: title, url: "https://github.com/" + path, description: description, color: "#1E2327",
                 thumbnail: image(card, 1200, 600))
}

/// A reaction with its users (without roles, as DCE writes them).
func reaction(_ token: String, _ users: [String]) -> DCEValue {
    ["emoji": LumenEmoji.value(token), "count": .int(users.count), "users": .array(users.map { Lumen.person($0).value(withRoles: false) })]
}

/// `n` reactors, a different choice for each `salt`.
func crowd(_ n: Int, _ salt: String) -> [String] {
    Array(Lumen.reactors.sorted { hnum("crowd", salt, $0) < hnum("crowd", salt, $1) }.prefix(n))
}

/// A release page of the indexer.
func rel(_ tag: String) -> String { "https://github.com/lumen-dao/indexer/releases/tag/" + tag }
