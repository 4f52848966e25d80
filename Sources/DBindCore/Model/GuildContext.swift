/// What tagging one channel needs to know about the rest of its guild: the guild's channels
/// (threads with their parents), roles, and members with their roles, whose names feed the
/// gazetteer. A run over part of a guild (a Spark partition) takes it from a first pass over
/// the whole guild, so each part sees the guild a single run sees.
public struct GuildContext: Sendable, Equatable {
    public var guild: Guild
    public var channels: [Channel]
    public var roles: [Role]
    public var members: [Author]

    public init(guild: Guild, channels: [Channel], roles: [Role], members: [Author]) {
        self.guild = guild
        self.channels = channels
        self.roles = roles
        self.members = members
    }
}
