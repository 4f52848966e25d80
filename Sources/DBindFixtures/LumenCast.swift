import DBindFormats

/// The Lumen DAO server: guild, roles, members, categories and stickers. Every id is a snowflake
/// from a fixed creation time.
enum Lumen {
    static let guildName = "Lumen DAO"
    static let guildID = snowflake(when("2021-11-18 16:20:33.812"), "guild")
    static let guild: DCEValue = [
        "id": .string(String(guildID)), "name": .string(guildName),
        "iconUrl": .string("https://cdn.discordapp.com/icons/\(guildID)/\(hhex(32, "guild-icon")).png?size=512"),
    ]

    struct Role {
        var key: String
        var name: String
        var color: String?
        var position: Int
        var id: UInt64

        init(_ key: String, _ name: String, _ color: String?, _ position: Int, _ created: String) {
            (self.key, self.name, self.color, self.position) = (key, name, color, position)
            id = snowflake(when(created), "role", key)
        }

        var value: DCEValue {
            ["id": .string(String(id)), "name": .string(name), "color": DCEValue(color), "position": .int(position)]
        }
    }

    static let roles = [
        Role("lumi", "Lumi", nil, 10, "2021-11-19 09:15:02.114"),
        Role("mods", "Moderators", "#E67E22", 9, "2021-11-18 16:25:10.530"),
        Role("core", "Core Team", "#3498DB", 8, "2021-11-18 16:26:44.007"),
        Role("delegates", "Delegates", "#9B59B6", 7, "2022-02-01 12:00:19.998"),
        Role("hosts", "Event Hosts", nil, 6, "2023-05-09 18:31:27.340"),
        Role("contrib", "Contributors", "#1ABC9C", 5, "2022-04-22 09:48:51.261"),
        Role("og", "OG", "#F1C40F", 4, "2021-12-01 00:00:05.702"),
        Role("ja", "日本語", nil, 3, "2024-08-14 11:05:33.829"),
        Role("members", "Members", nil, 2, "2021-11-18 16:28:02.476"),
    ]

    /// Which avatar URL Discord gives a user.
    enum Avatar { case user, animated, member, `default` }

    struct Person {
        var key: String
        var name: String
        var display: String
        var discriminator: String
        var isBot: Bool
        var id: UInt64
        /// Highest position first.
        var roles: [Role]
        var avatarURL: String

        init(_ key: String, _ name: String, _ created: String, _ display: String, _ roleKeys: [String],
             discriminator: String = "0000", avatar: Avatar = .user, isBot: Bool = false) {
            (self.key, self.name, self.display, self.discriminator, self.isBot) = (key, name, display, discriminator, isBot)
            id = snowflake(when(created), "user", key)
            roles = roleKeys.map { k in Lumen.roles.first { $0.key == k }! }.sorted { $0.position > $1.position }
            switch avatar {
            case .default:
                let index = discriminator != "0000" ? Int(discriminator)! % 5 : Int((id >> 22) % 6)
                avatarURL = "https://cdn.discordapp.com/embed/avatars/\(index).png"
            case .animated:
                avatarURL = "https://cdn.discordapp.com/avatars/\(id)/a_\(hhex(32, "av", key)).gif?size=512"
            case .member:
                avatarURL = "https://cdn.discordapp.com/guilds/\(Lumen.guildID)/users/\(id)/avatars/\(hhex(32, "mav", key)).png?size=512"
            case .user:
                avatarURL = "https://cdn.discordapp.com/avatars/\(id)/\(hhex(32, "av", key)).png?size=512"
            }
        }

        /// The color of the highest role that has one.
        var color: String? { roles.lazy.compactMap(\.color).first }

        /// The author object; reaction users carry no `roles`.
        func value(withRoles: Bool = true) -> DCEValue {
            var members: [(String, DCEValue)] = [
                ("id", .string(String(id))), ("name", .string(name)), ("discriminator", .string(discriminator)),
                ("nickname", .string(display)), ("color", DCEValue(color)), ("isBot", .bool(isBot)),
            ]
            if withRoles { members.append(("roles", .array(roles.map(\.value)))) }
            members.append(("avatarUrl", .string(avatarURL)))
            return .object(members)
        }
    }

    static let people = [
        Person("mira", "miraonchain", "2018-03-10 08:41:17.201", "Mira | Mod", ["mods", "core", "og", "members"]),
        Person("rook", "rook", "2017-06-02 22:03:49.777", "Rook", ["mods", "members"], avatar: .animated),
        Person("kenji", "kenji_dev", "2019-01-20 03:12:05.660", "Kenji 🛠️", ["core", "contrib", "ja", "members"]),
        Person("sofia", "sofia.rdz", "2020-05-11 17:29:40.035", "Sofía Rodríguez", ["core", "delegates", "members"], avatar: .member),
        Person("theo", "0xtheo", "2021-02-03 14:55:12.390", "theo.eth", ["delegates", "og", "members"]),
        Person("amara", "amara_o", "2020-11-28 09:07:31.552", "Amara Okafor", ["delegates", "hosts", "members"]),
        Person("lukas", "lukas.weber", "2018-09-14 19:44:26.918", "Lukas", ["members"]),
        Person("natt", "nattapong.s", "2021-07-19 06:30:08.144", "ณัฐพงษ์", ["members"]),
        Person("yuki", "yuki.tanaka", "2019-08-30 12:18:53.006", "ゆき", ["ja", "members"]),
        Person("omar", "omar.haddad", "2022-02-08 21:36:14.827", "عمر حداد", ["hosts", "contrib", "members"]),
        Person("priya", "priya_builds", "2021-10-05 15:02:37.463", "Priya", ["contrib", "members"]),
        Person("dave", "degen_dave", "2017-12-25 23:59:01.370", "dave 🦇🔊", ["og", "members"], avatar: .animated),
        Person("newbie", "CryptoNewbie", "2021-05-06 04:20:44.219", "CryptoNewbie", ["members"], discriminator: "0427", avatar: .default),
        Person("hannah", "hannah.k", "2025-11-29 10:11:12.135", "Hannah", ["members"], avatar: .default),
        Person("marco", "marco.p", "2023-04-17 16:48:30.502", "Marco P.", []),
        Person("jules", "jules", "2024-02-09 20:25:18.733", "Jules", ["members"]),
        Person("ivy", "ivy_nft", "2022-09-12 01:33:57.081", "ivy", []),
        Person("bao", "bao.ng", "2023-11-02 14:07:52.660", "Bảo Nguyễn", ["members"]),
        Person("carlos", "carlos.mx", "2020-03-03 13:13:13.313", "Carlos", ["members"]),
        Person("ghost", "Deleted User", "2019-04-04 11:22:33.444", "Deleted User", [], avatar: .default),
        Person("scam", "lumen_support_desk", "2026-01-28 07:02:41.966", "Lumen Support", [], avatar: .default),
        Person("lumi", "Lumi", "2021-11-19 09:14:40.501", "Lumi", ["lumi"], discriminator: "8162", isBot: true),
        Person("snapshot", "Snapshot", "2021-11-25 12:00:04.008", "Snapshot", [], isBot: true),
    ]

    static func person(_ key: String) -> Person {
        guard let p = people.first(where: { $0.key == key }) else { preconditionFailure("unknown person \(key)") }
        return p
    }

    /// Members who react, before `crowd` shuffles them.
    static let reactors = ["mira", "rook", "kenji", "sofia", "theo", "amara", "lukas", "natt", "yuki", "omar",
                           "priya", "dave", "newbie", "hannah", "jules", "carlos", "ivy"]

    struct Category {
        var key: String
        var name: String
        var id: UInt64

        init(_ key: String, _ name: String, _ created: String) {
            (self.key, self.name) = (key, name)
            id = snowflake(when(created), "category", key)
        }
    }

    static let categories = [
        Category("info", "Information", "2021-11-18 16:21:05.306"),
        Category("community", "Community", "2021-11-18 16:21:19.942"),
        Category("gov", "🏛️ Governance", "2022-01-30 18:40:02.660"),
        Category("dev", "Development", "2021-11-18 16:21:48.019"),
        Category("bots", "Bots", "2021-11-19 09:20:13.447"),
    ]

    static func category(_ key: String) -> Category { categories.first { $0.key == key }! }

    static let stickers: [String: DCEValue] = [
        "wave": sticker("wave", "Wumpus Wave", "2020-10-14 18:32:10.004", "Lottie"),
        "hype": sticker("hype", "lumen hype", "2023-03-02 20:10:45.671", "Png"),
        "serpls": sticker("serpls", "ser pls", "2023-08-19 13:55:02.390", "Apng"),
        "catdance": sticker("catdance", "cat dance", "2024-04-01 12:00:00.001", "Gif"),
    ]

    private static func sticker(_ key: String, _ name: String, _ created: String, _ format: String) -> DCEValue {
        let id = snowflake(when(created), "sticker", key)
        let ext = ["Png": "png", "Apng": "png", "Lottie": "json", "Gif": "gif"][format]!
        return ["id": .string(String(id)), "name": .string(name), "format": .string(format),
                "sourceUrl": .string("https://cdn.discordapp.com/stickers/\(id).\(ext)")]
    }
}
