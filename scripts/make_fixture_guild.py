#!/usr/bin/env python3
"""Write the bundled fixture guild: a synthetic DiscordChatExporter (DCE) JSON export.

"Lumen DAO" is a fictional DAO community server. Every name, id, address, link and line
of chat in it is made up; it was written for dbind's tests and ships with the repository.

The output imitates what current DCE (2.47-era, see ../shared/data/dce-json-format.md)
writes when run with `--utc` and the default `--markdown true`:

* one file per channel or thread, named `<Guild> - <Parent> - <Channel> [<id>].json`;
* keys in DCE's write order; `null` for absent values; conditional keys (`reference`,
  `forwardedMessage`, `interaction`, embed `color`/`author`/`thumbnail`/...) only when set;
* .NET Utf8JsonWriter layout: 2-space indentation, `"key": value`, `[]` for empty
  arrays, `\n` line breaks, no trailing newline, no BOM;
* JavaScriptEncoder.UnsafeRelaxedJsonEscaping: `<`, `>`, `&`, `'` and most BMP
  non-ASCII text raw; characters outside the BMP (emoji, regional indicators, skin
  tones) as upper-case UTF-16 surrogate-pair escapes (`\\uD83D\\uDE42`); control and
  blocked BMP characters (Zs other than U+0020, Zl, Zp, Cc, Co, Cs, Cn, U+FEFF) as
  `\\uXXXX`; `"` and `\\` as `\\"` and `\\\\`; `\\n`, `\\r`, `\\t`, `\\b`, `\\f` short forms;
* snowflake ids whose timestamp (`(id >> 22) + 1420070400000` ms) is the message time;
  message timestamps with 0-3 fraction digits (trailing zeros trimmed), edited
  timestamps with up to 6 (Discord keeps microseconds there), `exportedAt` with 7.

Deterministic: no clock, no randomness other than hashes of fixed strings.
Standard library only. Usage:

    python3 scripts/make_fixture_guild.py            # writes fixtures/guild/*.json, then validates
    python3 scripts/make_fixture_guild.py --out DIR  # writes somewhere else

Set EMIT_COMPONENTS to True to also write the `components` array that DCE builds
newer than the documented snapshot put between `attachments` and `embeds`.
"""

import argparse
import base64
import calendar
import hashlib
import json
import os
import re
import sys
import unicodedata
from datetime import datetime, timezone

DISCORD_EPOCH_MS = 1420070400000
EMIT_COMPONENTS = False

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "fixtures", "guild"))


# ---------------------------------------------------------------------------
# Deterministic helpers
# ---------------------------------------------------------------------------

def hnum(*parts):
    """A large integer derived from fixed strings (stable across runs and Pythons)."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest, "big")


def hhex(n, *parts):
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:n]


def parse_when(text):
    """'2025-12-01 15:00' or '2025-12-01 15:00:07.250' (UTC) -> ms since Unix epoch."""
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            d = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return calendar.timegm(d.timetuple()) * 1000 + d.microsecond // 1000
    raise ValueError(text)


def snowflake(ms, *salt):
    low = hnum("snowflake", ms, *salt) & 0x3FFFFF  # worker(5) process(5) increment(12)
    return ((ms - DISCORD_EPOCH_MS) << 22) | low


def snowflake_ms(sf):
    return (int(sf) >> 22) + DISCORD_EPOCH_MS


def fmt_ts(ms=None, us=None, ticks=None):
    """ISO-8601 with +00:00 and a trimmed fraction, as Utf8JsonWriter writes DateTimeOffset."""
    if ticks is not None:  # 100 ns units since Unix epoch
        secs, frac = divmod(ticks, 10_000_000)
        digits = "%07d" % frac
    elif us is not None:
        secs, frac = divmod(us, 1_000_000)
        digits = "%06d" % frac
    else:
        secs, frac = divmod(ms, 1000)
        digits = "%03d" % frac
    base = datetime.fromtimestamp(secs, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    digits = digits.rstrip("0")
    return base + ("." + digits if digits else "") + "+00:00"


# ---------------------------------------------------------------------------
# JSON writer imitating Utf8JsonWriter(Indented) + UnsafeRelaxedJsonEscaping
# ---------------------------------------------------------------------------

_ALLOWED_CATEGORIES = {
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No",
    "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Cf",
}
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                  "\b": "\\b", "\f": "\\f"}


def escape_string(s):
    out = []
    for ch in s:
        cp = ord(ch)
        if ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif cp > 0xFFFF:
            v = cp - 0x10000
            out.append("\\u%04X\\u%04X" % (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)))
        elif cp == 0x20 or (cp != 0xFEFF and unicodedata.category(ch) in _ALLOWED_CATEGORIES):
            out.append(ch)
        else:
            out.append("\\u%04X" % cp)
    return '"' + "".join(out) + '"'


def dump(value, indent=0):
    pad = "  " * indent
    pad_in = "  " * (indent + 1)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return escape_string(value)
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(pad_in + dump(v, indent + 1) for v in value) + "\n" + pad + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [pad_in + escape_string(k) + ": " + dump(v, indent + 1) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    raise TypeError(type(value))


# ---------------------------------------------------------------------------
# Emoji
# ---------------------------------------------------------------------------

# Standard emoji used anywhere in content -> Discord short code (DCE's EmojiIndex names).
STANDARD_EMOJI = {
    "👍": "thumbsup", "👍🏽": "thumbsup_tone3", "👍🏻": "thumbsup_tone1", "👍🏿": "thumbsup_tone5",
    "🙂": "slight_smile", "😂": "joy", "🔥": "fire", "🚀": "rocket", "❤️": "heart",
    "👀": "eyes", "🎉": "tada", "👩‍💻": "woman_technologist", "🏳️‍🌈": "rainbow_flag",
    "🇯🇵": "flag_jp", "🇦🇷": "flag_ar", "🇩🇪": "flag_de", "🇹🇭": "flag_th", "🇦🇹": "flag_at",
    "🇯🇴": "flag_jo", "🇪🇸": "flag_es", "🇲🇽": "flag_mx", "🇧🇷": "flag_br", "🇳🇬": "flag_ng",
    "1️⃣": "one", "2️⃣": "two", "3️⃣": "three", "4️⃣": "four", "5️⃣": "five",
    "✅": "white_check_mark", "❌": "x", "🙏": "pray", "🙏🏾": "pray_tone4", "💯": "100",
    "🤔": "thinking", "😅": "sweat_smile", "🫡": "saluting_face", "👋": "wave",
    "👋🏼": "wave_tone2", "🙌": "raised_hands", "⚠️": "warning", "🧵": "thread",
    "📌": "pushpin", "🗳️": "ballot_box", "💀": "skull", "😭": "sob", "🤝": "handshake",
    "🛠️": "tools", "🐛": "bug", "☕": "coffee", "🦇": "bat", "🔊": "loud_sound",
    "🥲": "smiling_face_with_tear", "🤣": "rofl", "🍣": "sushi", "😎": "sunglasses",
    "💎": "gem", "🙈": "see_no_evil", "👏🏿": "clap_tone5", "👏": "clap",
    "🧑‍🚀": "astronaut", "📈": "chart_with_upwards_trend", "📉": "chart_with_downwards_trend",
    "✨": "sparkles", "💪🏻": "muscle_tone1", "🥳": "partying_face", "🫠": "melting_face",
    "🐸": "frog", "🍕": "pizza", "🤯": "exploding_head", "🔒": "lock", "🧠": "brain",
    "🏆": "trophy", "😬": "grimacing", "🤷‍♂️": "man_shrugging", "🙋‍♀️": "woman_raising_hand",
    "❤️‍🔥": "heart_on_fire", "📊": "bar_chart", "🎄": "christmas_tree", "🌍": "earth_africa",
    "🎙️": "microphone2", "📝": "pencil", "🐢": "turtle", "⏳": "hourglass_flowing_sand",
    "🤖": "robot", "💸": "money_with_wings", "🦄": "unicorn", "🍻": "beers", "🥨": "pretzel",
    "🌮": "taco", "😴": "sleeping", "🙃": "upside_down", "🫶": "heart_hands", "🎂": "birthday",
    "🟢": "green_circle", "🔴": "red_circle", "🟡": "yellow_circle", "🗓️": "calendar_spiral",
    "💡": "bulb", "😢": "cry", "👨‍👩‍👧": "family_mwg", "🧑🏽‍💻": "technologist_tone3",
    "🐙": "octopus", "👎": "thumbsdown", "🤦": "person_facepalming", "🇻🇳": "flag_vn", "😄": "smile", "🍜": "ramen", "🌶️": "hot_pepper", "🕌": "mosque", "😮‍💨": "face_exhaling",
}
_EMOJI_KEYS = sorted(STANDARD_EMOJI, key=len, reverse=True)

CUSTOM_EMOJI = {  # name -> (id, animated)
    "gm": (snowflake(parse_when("2021-11-20 10:02:11.304"), "emoji", "gm"), False),
    "lumen": (snowflake(parse_when("2021-11-20 10:03:40.918"), "emoji", "lumen"), False),
    "wagmi": (snowflake(parse_when("2022-01-07 21:44:02.051"), "emoji", "wagmi"), False),
    "ser": (snowflake(parse_when("2022-03-15 08:12:59.660"), "emoji", "ser"), False),
    "sadge": (snowflake(parse_when("2022-06-30 19:20:05.113"), "emoji", "sadge"), False),
    "catjam": (snowflake(parse_when("2023-02-11 13:37:00.420"), "emoji", "catjam"), True),
}


def twemoji_url(text):
    cps = [ord(c) for c in text]
    if 0x200D not in cps:
        cps = [c for c in cps if c != 0xFE0F]
    return "https://cdn.jsdelivr.net/gh/twitter/twemoji@latest/assets/svg/%s.svg" % "-".join(
        "%x" % c for c in cps)


def emoji_obj(token):
    """token: a standard emoji, or ':name:' for a guild emoji."""
    if token.startswith(":") and token.endswith(":") and len(token) > 2:
        name = token[1:-1]
        eid, animated = CUSTOM_EMOJI[name]
        return {"id": str(eid), "name": name, "code": name, "isAnimated": animated,
                "imageUrl": "https://cdn.discordapp.com/emojis/%d.%s" % (eid, "gif" if animated else "png")}
    if token not in STANDARD_EMOJI:
        raise KeyError("unregistered emoji %r" % token)
    return {"id": "", "name": token, "code": STANDARD_EMOJI[token], "isAnimated": False,
            "imageUrl": twemoji_url(token)}


_CUSTOM_IN_TEXT = re.compile(r":([A-Za-z0-9_]+):")


def _strip_code(text):
    """Emoji inside code spans/blocks are not markdown nodes, so DCE does not list them."""
    text = re.sub(r"```.*?```", lambda m: " " * len(m.group(0)), text, flags=re.S)
    return re.sub(r"`[^`\n]*`", lambda m: " " * len(m.group(0)), text)


def extract_emojis(text, custom_names=()):
    """Distinct emoji in order of appearance (custom by rendered ':name:', standard by sequence)."""
    text = _strip_code(text)
    found = []
    i = 0
    while i < len(text):
        m = _CUSTOM_IN_TEXT.match(text, i)
        if m and m.group(1) in custom_names:
            found.append(":" + m.group(1) + ":")
            i = m.end()
            continue
        for key in _EMOJI_KEYS:
            if text.startswith(key, i):
                found.append(key)
                i += len(key)
                break
        else:
            cp = ord(text[i])
            if cp > 0xFFFF or 0x2300 <= cp <= 0x23FF or 0x2600 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF:
                raise KeyError("unregistered emoji-like character U+%04X in %r" % (cp, text[:60]))
            i += 1
    out = []
    for f in found:
        if f not in out:
            out.append(f)
    return [emoji_obj(f) for f in out]


# ---------------------------------------------------------------------------
# Guild, roles, users
# ---------------------------------------------------------------------------

GUILD_ID = snowflake(parse_when("2021-11-18 16:20:33.812"), "guild")
GUILD_NAME = "Lumen DAO"
GUILD = {"id": str(GUILD_ID), "name": GUILD_NAME,
         "iconUrl": "https://cdn.discordapp.com/icons/%d/%s.png?size=512" % (GUILD_ID, hhex(32, "guild-icon"))}

# key: (name, color, position, created)
ROLE_DEFS = [
    ("lumi", "Lumi", None, 10, "2021-11-19 09:15:02.114"),
    ("mods", "Moderators", "#E67E22", 9, "2021-11-18 16:25:10.530"),
    ("core", "Core Team", "#3498DB", 8, "2021-11-18 16:26:44.007"),
    ("delegates", "Delegates", "#9B59B6", 7, "2022-02-01 12:00:19.998"),
    ("hosts", "Event Hosts", None, 6, "2023-05-09 18:31:27.340"),
    ("contrib", "Contributors", "#1ABC9C", 5, "2022-04-22 09:48:51.261"),
    ("og", "OG", "#F1C40F", 4, "2021-12-01 00:00:05.702"),
    ("ja", "日本語", None, 3, "2024-08-14 11:05:33.829"),
    ("members", "Members", None, 2, "2021-11-18 16:28:02.476"),
]
ROLES = {}
for _k, _name, _color, _pos, _created in ROLE_DEFS:
    ROLES[_k] = {"id": str(snowflake(parse_when(_created), "role", _k)), "name": _name,
                 "color": _color, "position": _pos}
ROLE_BY_NAME = {r["name"]: r for r in ROLES.values()}


class User:
    def __init__(self, key, name, created, display, roles=(), discriminator="0000",
                 avatar="user", is_bot=False, member=True):
        self.key = key
        self.id = snowflake(parse_when(created), "user", key)
        self.name = name
        self.discriminator = discriminator
        self.display = display
        self.roles = sorted((ROLES[r] for r in roles), key=lambda r: -r["position"])
        self.is_bot = is_bot
        self.member = member
        if avatar == "default":
            idx = int(discriminator) % 5 if discriminator != "0000" else (self.id >> 22) % 6
            self.avatar_url = "https://cdn.discordapp.com/embed/avatars/%d.png" % idx
        elif avatar == "animated":
            self.avatar_url = "https://cdn.discordapp.com/avatars/%d/a_%s.gif?size=512" % (self.id, hhex(32, "av", key))
        elif avatar == "member":
            self.avatar_url = "https://cdn.discordapp.com/guilds/%d/users/%d/avatars/%s.png?size=512" % (
                GUILD_ID, self.id, hhex(32, "mav", key))
        else:
            self.avatar_url = "https://cdn.discordapp.com/avatars/%d/%s.png?size=512" % (self.id, hhex(32, "av", key))

    @property
    def color(self):
        for r in self.roles:
            if r["color"]:
                return r["color"]
        return None

    def obj(self, with_roles=True):
        d = {"id": str(self.id), "name": self.name, "discriminator": self.discriminator,
             "nickname": self.display, "color": self.color, "isBot": self.is_bot}
        if with_roles:
            d["roles"] = [dict(r) for r in self.roles]
        d["avatarUrl"] = self.avatar_url
        return d


USERS = {u.key: u for u in [
    User("mira", "miraonchain", "2018-03-10 08:41:17.201", "Mira | Mod", ["mods", "core", "og", "members"]),
    User("rook", "rook", "2017-06-02 22:03:49.777", "Rook", ["mods", "members"], avatar="animated"),
    User("kenji", "kenji_dev", "2019-01-20 03:12:05.660", "Kenji 🛠️", ["core", "contrib", "ja", "members"]),
    User("sofia", "sofia.rdz", "2020-05-11 17:29:40.035", "Sofía Rodríguez", ["core", "delegates", "members"], avatar="member"),
    User("theo", "0xtheo", "2021-02-03 14:55:12.390", "theo.eth", ["delegates", "og", "members"]),
    User("amara", "amara_o", "2020-11-28 09:07:31.552", "Amara Okafor", ["delegates", "hosts", "members"]),
    User("lukas", "lukas.weber", "2018-09-14 19:44:26.918", "Lukas", ["members"]),
    User("natt", "nattapong.s", "2021-07-19 06:30:08.144", "ณัฐพงษ์", ["members"]),
    User("yuki", "yuki.tanaka", "2019-08-30 12:18:53.006", "ゆき", ["ja", "members"]),
    User("omar", "omar.haddad", "2022-02-08 21:36:14.827", "عمر حداد", ["hosts", "contrib", "members"]),
    User("priya", "priya_builds", "2021-10-05 15:02:37.463", "Priya", ["contrib", "members"]),
    User("dave", "degen_dave", "2017-12-25 23:59:01.370", "dave 🦇🔊", ["og", "members"], avatar="animated"),
    User("newbie", "CryptoNewbie", "2021-05-06 04:20:44.219", "CryptoNewbie", ["members"],
         discriminator="0427", avatar="default"),
    User("hannah", "hannah.k", "2025-11-29 10:11:12.135", "Hannah", ["members"], avatar="default"),
    User("marco", "marco.p", "2023-04-17 16:48:30.502", "Marco P.", [], member=False),
    User("jules", "jules", "2024-02-09 20:25:18.733", "Jules", ["members"]),
    User("ivy", "ivy_nft", "2022-09-12 01:33:57.081", "ivy", []),
    User("bao", "bao.ng", "2023-11-02 14:07:52.660", "Bảo Nguyễn", ["members"]),
    User("carlos", "carlos.mx", "2020-03-03 13:13:13.313", "Carlos", ["members"]),
    User("ghost", "Deleted User", "2019-04-04 11:22:33.444", "Deleted User", [], avatar="default", member=False),
    User("scam", "lumen_support_desk", "2026-01-28 07:02:41.966", "Lumen Support", [], avatar="default", member=False),
    User("lumi", "Lumi", "2021-11-19 09:14:40.501", "Lumi", ["lumi"], discriminator="8162", is_bot=True),
    User("snapshot", "Snapshot", "2021-11-25 12:00:04.008", "Snapshot", [], is_bot=True, member=False),
]}


# ---------------------------------------------------------------------------
# Channels
# ---------------------------------------------------------------------------

class Category:
    def __init__(self, key, name, created):
        self.key = key
        self.id = snowflake(parse_when(created), "category", key)
        self.name = name


CATEGORIES = {c.key: c for c in [
    Category("info", "Information", "2021-11-18 16:21:05.306"),
    Category("community", "Community", "2021-11-18 16:21:19.942"),
    Category("gov", "🏛️ Governance", "2022-01-30 18:40:02.660"),
    Category("dev", "Development", "2021-11-18 16:21:48.019"),
    Category("bots", "Bots", "2021-11-19 09:20:13.447"),
]}

ALL_CHANNELS = {}
MESSAGE_INDEX = {}          # id -> (channel, message dict)
COUNTER = [0]               # global message counter (drives timestamp fraction variety)


class Channel:
    def __init__(self, key, name, kind, parent, topic, created=None, id_=None, exported=True):
        self.key = key
        self.name = name
        self.kind = kind
        self.parent = parent            # Category or Channel (threads) or None
        self.topic = topic
        self.id = id_ if id_ is not None else snowflake(parse_when(created), "channel", key)
        self.exported = exported
        self.messages = []
        self.clock = snowflake_ms(self.id)
        ALL_CHANNELS[key] = self

    @property
    def is_voice(self):
        return self.kind in ("GuildVoiceChat", "GuildStageVoice")

    def mention_text(self):
        return "#" + self.name + (" [voice]" if self.is_voice else "")

    def channel_obj(self):
        return {"id": str(self.id), "type": self.kind,
                "categoryId": str(self.parent.id) if self.parent else None,
                "category": self.parent.name if self.parent else None,
                "name": self.name, "topic": self.topic}

    def file_name(self):
        parts = [GUILD_NAME] + ([self.parent.name] if self.parent else []) + [
            "%s [%d]" % (self.name, self.id)]
        name = " - ".join(parts)
        return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name) + ".json"

    # -- time ---------------------------------------------------------------
    def at(self, when):
        t = parse_when(when)
        if t < self.clock:
            raise ValueError("%s: %s is before the channel clock" % (self.key, when))
        self.clock = t
        self._fresh = True

    def _next_ms(self, text, dt):
        if getattr(self, "_fresh", False):
            self._fresh = False
            base = self.clock
        else:
            if dt is None:
                jitter = hnum("dt", self.key, COUNTER[0]) % 45
                dt = 18 + min(len(text), 500) * 0.3 + jitter
            base = self.clock + int(dt * 1000)
        n = COUNTER[0]
        frac = hnum("ms", self.key, n) % 1000
        if n % 53 == 7:
            frac = 0                      # no fraction at all
        elif n % 17 == 3:
            frac = (frac // 100) * 100 or 500   # one digit
        elif n % 7 == 2:
            frac = (frac // 10) * 10 or 250     # two digits
        ms = (base // 1000) * 1000 + frac
        last = self.messages[-1]["_ms"] if self.messages else -1
        while ms <= last or ms < base:
            ms += 1000
        self.clock = ms
        return ms

    # -- posting ------------------------------------------------------------
    def post(self, who, text="", *, dt=None, kind=None, reply=None, ping=True, pinned=False,
             edited=None, files=(), embeds=(), stickers=(), reactions=(), ref=None,
             forward=None, interaction=None, mentions=()):
        author = USERS[who]
        ms = self._next_ms(text, dt)
        COUNTER[0] += 1
        mid = snowflake(ms, "msg", self.key, COUNTER[0])
        content, mentioned = render(text)
        for extra in mentions:
            if extra not in mentioned:
                mentioned.append(extra)
        if kind is None:
            kind = "Reply" if reply is not None else "Default"
        if reply is not None and ping:
            target = USERS[reply["_author"]] if isinstance(reply, dict) else None
            if target is not None and target.key != who and target.key not in mentioned:
                mentioned.append(target.key)
        system_text = {"GuildMemberJoin": "Joined the server.", "ChannelPinnedMessage": "Pinned a message.",
                       "ThreadCreated": "Started a thread."}
        if kind in system_text:
            content = system_text[kind]
        m = {"_ms": ms, "_author": who, "_channel": self.key,
             "id": str(mid), "type": kind, "timestamp": fmt_ts(ms=ms)}
        if edited:
            # seconds after posting; Discord keeps microseconds in edited_timestamp
            us = ms * 1000 + int(edited * 1_000_000) + hnum("edit-us", mid) % 1_000_000
            if COUNTER[0] % 3 == 0:
                us = (us // 1000) * 1000 + 310   # e.g. .123310 -> written as .12331
            m["timestampEdited"] = fmt_ts(us=us)
            m["_edited_us"] = us
        else:
            m["timestampEdited"] = None
        m["callEndedTimestamp"] = None
        m["isPinned"] = pinned
        m["content"] = content
        m["author"] = author.obj()
        m["attachments"] = [attachment(self, ms, f) for f in files]
        if EMIT_COMPONENTS:
            m["components"] = []
        m["embeds"] = [e(ms) if callable(e) else e for e in embeds]
        m["stickers"] = [STICKERS[s] for s in stickers]
        m["reactions"] = [reaction(tok, users) for tok, users in reactions]
        m["mentions"] = [USERS[k].obj() for k in mentioned]
        if reply is not None:
            target_id = reply["id"] if isinstance(reply, dict) else str(reply)
            m["reference"] = {"type": "Default", "messageId": target_id,
                              "channelId": str(self.id), "guildId": str(GUILD_ID)}
        elif ref is not None:
            m["reference"] = ref
        if forward is not None:
            src = forward
            m["reference"] = {"type": "Forward", "messageId": src["id"],
                              "channelId": str(ALL_CHANNELS[src["_channel"]].id), "guildId": str(GUILD_ID)}
            m["forwardedMessage"] = {"timestamp": src["timestamp"], "timestampEdited": src["timestampEdited"],
                                     "content": src["content"], "attachments": src["attachments"],
                                     "embeds": src["embeds"], "stickers": src["stickers"]}
        if interaction is not None:
            name, user_key = interaction
            iid = snowflake(ms - 180 - hnum("ia", mid) % 400, "interaction", mid)
            m["interaction"] = {"id": str(iid), "name": name, "user": USERS[user_key].obj()}
        if kind in system_text:
            m["inlineEmojis"] = []
        else:
            # DCE extracts emoji from the raw markdown, where mentions are still <@id> tokens:
            # emoji inside a mentioned user's display name are not listed.
            m["inlineEmojis"] = extract_emojis(raw_for_emoji(text), CUSTOM_EMOJI)
        self.messages.append(m)
        MESSAGE_INDEX[m["id"]] = (self, m)
        return m

    def say(self, who, text="", **kw):
        return self.post(who, text, **kw)

    def join(self, who, dt=None):
        return self.post(who, kind="GuildMemberJoin", dt=dt)

    def pin_notice(self, who, target, dt=None):
        return self.post(who, kind="ChannelPinnedMessage", dt=dt,
                         ref={"type": "Default", "messageId": target["id"],
                              "channelId": str(self.id), "guildId": str(GUILD_ID)})

    def export_obj(self, exported_ticks):
        msgs = [{k: v for k, v in m.items() if not k.startswith("_")} for m in self.messages]
        return {"guild": dict(GUILD), "channel": self.channel_obj(),
                "dateRange": {"after": None, "before": None},
                "exportedAt": fmt_ts(ticks=exported_ticks),
                "messages": msgs, "messageCount": len(msgs)}


_TOKEN = re.compile(r"<(@&[^<>\n]+|@[a-z_]+|#[a-z0-9_-]+|a?:[A-Za-z0-9_]+:)>")


def raw_for_emoji(text):
    return _TOKEN.sub(lambda m: ":" + m.group(1).split(":")[1] + ":" if ":" in m.group(1) else "<>", text)


def render(text):
    """Turn '<@user>', '<@&Role>', '<#channel>', '<:emoji:>' placeholders into DCE's plain text."""
    mentioned = []

    def sub(m):
        tok = m.group(1)
        if tok.startswith("@&"):
            return "@" + ROLE_BY_NAME[tok[2:]]["name"]
        if tok.startswith("@"):
            u = USERS[tok[1:]]
            if u.key not in mentioned:
                mentioned.append(u.key)
            return "@" + u.display
        if tok.startswith("#"):
            return ALL_CHANNELS[tok[1:]].mention_text()
        name = tok.split(":")[1]
        if name not in CUSTOM_EMOJI:
            raise KeyError(name)
        return ":" + name + ":"

    return _TOKEN.sub(sub, text), mentioned


# ---------------------------------------------------------------------------
# Attachments, embeds, stickers, reactions
# ---------------------------------------------------------------------------

def attachment(channel, ms, spec):
    file_name, size = spec
    aid = snowflake(ms + 1 + hnum("att-ms", file_name) % 40, "attachment", channel.key, file_name)
    issued = 0x69A8F000 + hnum("is", aid) % 50000   # early March 2026, the export week
    url = "https://cdn.discordapp.com/attachments/%d/%d/%s?ex=%08x&is=%08x&hm=%s&" % (
        channel.id, aid, file_name, issued + 86400, issued, hhex(64, "hm", aid))
    return {"id": str(aid), "url": url, "fileName": file_name, "fileSizeBytes": size}


def proxied(url):
    token = base64.urlsafe_b64encode(hashlib.sha256(url.encode()).digest()).decode().rstrip("=")
    scheme, rest = url.split("://", 1)
    return "https://images-ext-1.discordapp.net/external/%s/%s/%s" % (token, scheme, rest)


def image(url, w, h, proxy=True):
    d = {}
    if url:
        d["url"] = proxied(url) if proxy else url
        d["canonicalUrl"] = url
    d["width"] = w
    d["height"] = h
    return d


def embed(title="", url=None, timestamp=None, description="", color=None, author=None,
          thumbnail=None, image_=None, video=None, footer=None, images=None, fields=()):
    e = {"title": title, "url": url, "timestamp": timestamp, "description": description}
    if color is not None:
        e["color"] = color
    if author is not None:
        e["author"] = author
    if thumbnail is not None:
        e["thumbnail"] = thumbnail
    if image_ is not None:
        e["image"] = image_
    if video is not None:
        e["video"] = video
    if footer is not None:
        e["footer"] = footer
    e["images"] = images if images is not None else ([image_] if image_ is not None else [])
    e["fields"] = [{"name": n, "value": v, "isInline": i} for n, v, i in fields]
    e["inlineEmojis"] = extract_emojis(description, CUSTOM_EMOJI) if description.strip() else []
    return e


def embed_author(name, url=None, icon=None):
    d = {"name": name, "url": url}
    if icon:
        d["iconUrl"] = proxied(icon) if not icon.startswith("https://cdn.discordapp.com/") else icon
        d["iconCanonicalUrl"] = icon
    return d


def embed_footer(text, icon=None):
    d = {"text": text}
    if icon:
        d["iconUrl"] = proxied(icon) if not icon.startswith("https://cdn.discordapp.com/") else icon
        d["iconCanonicalUrl"] = icon
    return d


def github_embed(path, title, description, kind="repo"):
    url = "https://github.com/" + path
    og = "https://opengraph.githubassets.com/%s/%s" % (hhex(64, "og", path), path.split("#")[0])
    return embed(title=title, url=url, description=description, color="#1E2327",
                 thumbnail=image(og, 1200, 600))


def _sticker(key, name, created, fmt):
    sid = snowflake(parse_when(created), "sticker", key)
    ext = {"Png": "png", "Apng": "png", "Lottie": "json", "Gif": "gif"}[fmt]
    return {"id": str(sid), "name": name, "format": fmt,
            "sourceUrl": "https://cdn.discordapp.com/stickers/%d.%s" % (sid, ext)}


STICKERS = {
    "wave": _sticker("wave", "Wumpus Wave", "2020-10-14 18:32:10.004", "Lottie"),
    "hype": _sticker("hype", "lumen hype", "2023-03-02 20:10:45.671", "Png"),
    "serpls": _sticker("serpls", "ser pls", "2023-08-19 13:55:02.390", "Apng"),
    "catdance": _sticker("catdance", "cat dance", "2024-04-01 12:00:00.001", "Gif"),
}


def reaction(token, user_keys):
    return {"emoji": emoji_obj(token), "count": len(user_keys),
            "users": [USERS[k].obj(with_roles=False) for k in user_keys]}


# Reactor pools
EVERYONE = ["mira", "rook", "kenji", "sofia", "theo", "amara", "lukas", "natt", "yuki", "omar",
            "priya", "dave", "newbie", "hannah", "jules", "carlos", "ivy"]


def crowd(n, salt, exclude=()):
    pool = [k for k in EVERYONE if k not in exclude]
    pool.sort(key=lambda k: hnum("crowd", salt, k))
    return pool[:n]


# ---------------------------------------------------------------------------
# Channels of the guild
# ---------------------------------------------------------------------------

C = CATEGORIES
announcements = Channel("announcements", "announcements", "GuildNews", C["info"],
                        "Official updates from the Lumen DAO team. Follow this channel to get them in your server.",
                        "2021-11-18 16:22:40.118")
welcome = Channel("welcome", "welcome", "GuildTextChat", C["info"],
                  "Start here: rules, roles and a hello. Mods will never DM you first.",
                  "2021-11-18 16:22:02.597")
general = Channel("general", "general", "GuildTextChat", C["community"],
                  "General chat about Lumen DAO. Keep it friendly.", "2021-11-18 16:23:11.904")
support = Channel("support", "support", "GuildTextChat", C["community"],
                  "Wallets, delegation, voting, claims. Ask here, not in DMs.", "2021-11-18 16:23:30.280")
international = Channel("international", "international", "GuildTextChat", C["community"],
                        "日本語 / ไทย / العربية / Deutsch / Español — chat in your language",
                        "2026-02-24 09:31:07.552")
offtopic = Channel("off-topic", "off-topic", "GuildTextChat", C["community"], None,
                   "2021-11-19 20:02:45.013")
governance = Channel("governance", "governance", "GuildTextChat", C["gov"],
                     "Discussion of Lumen Improvement Proposals (LIPs). Formal votes happen on Snapshot.",
                     "2022-01-30 18:41:15.725")
dev = Channel("dev", "dev", "GuildTextChat", C["dev"],
              "Engineering: indexer, contracts, frontend. Code lives at https://github.com/lumen-dao",
              "2021-11-18 16:24:01.339")
bots = Channel("bot-commands", "bot-commands", "GuildTextChat", C["bots"],
               "Bot commands go here: !rank, !help, /price, /proposal", "2021-11-19 09:21:38.861")
stage = Channel("stage", "Community Call", "GuildStageVoice", C["community"], None,
                "2023-01-05 17:00:41.275", exported=False)
dev_thread = Channel("devthread", "indexer v2 rollout", "GuildPublicThread", dev, None,
                     "2026-02-03 16:12:05.206")
# The governance thread is started from a message, so its id is that message's id (set later).
gov_thread = None


def rel(tag):
    return "https://github.com/lumen-dao/indexer/releases/tag/" + tag


# ---------------------------------------------------------------------------
# #announcements
# ---------------------------------------------------------------------------

def write_announcements():
    a = announcements
    a.at("2025-12-01 15:00:00.000")
    launch = a.say("mira",
        "@everyone Welcome to Lumen DAO season 3! 🎉 We cleaned up the channels and the roles.\n\n"
        "Quick links:\n"
        "• Docs: https://docs.lumendao.org\n"
        "• Forum: https://forum.lumendao.org\n"
        "• Snapshot space: https://snapshot.org/#/lumendao.eth\n\n"
        "Please read the rules in <#welcome> first. Questions go to <#support>. "
        "Reminder: the team will **never** DM you first. <:lumen:>",
        pinned=True,
        reactions=[("🎉", crowd(14, "launch")), (":lumen:", crowd(9, "launch2")), ("❤️", crowd(6, "launch3"))])
    a.pin_notice("mira", launch, dt=4)
    a.at("2025-12-04 18:00:02.731")
    a.say("snapshot", "", embeds=[embed(
        title="LIP-9: Renew the grants committee for Q1 2026",
        url="https://snapshot.org/#/lumendao.eth/proposal/0x9c1e5e0f4a4b7d2e8f3b6a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e",
        description="🗳️ Voting is open until Dec 11, 18:00 UTC.\n\nRenews the 5-member grants committee with a budget of $50k per quarter, paid in USDC from the community treasury.",
        color="#F3B04E",
        author=embed_author("lumendao.eth", "https://snapshot.org/#/lumendao.eth",
                            "https://cdn.stamp.fyi/space/lumendao.eth?s=160"),
        footer=embed_footer("Snapshot"),
        fields=[("Start", "Dec 4, 2025 18:00 UTC", True), ("End", "Dec 11, 2025 18:00 UTC", True),
                ("Choices", "For / Against / Abstain", False)])],
        reactions=[("🗳️", crowd(7, "lip9"))])
    a.at("2025-12-10 16:30:41.006")
    a.say("sofia",
        "📊 The Q4 2025 treasury report is out. Highlights:\n"
        "- Treasury: 4.1M USDC, 1,240 ETH, 38.5M LUMEN\n"
        "- Runway: ~31 months at current burn\n"
        "- Grants paid this quarter: $146k across 19 projects\n\n"
        "Full report attached, discussion in <#governance>.",
        files=[("lumen-treasury-report-2025-Q4.pdf", 2_318_604)],
        reactions=[("👀", crowd(8, "q4")), ("🙏", crowd(3, "q4b"))])
    a.at("2025-12-15 13:05:19.480")
    a.say("kenji",
        "Indexer **v1.8.0** is live 🚀 Delegate profiles now load ~4x faster and ENS avatars finally show up.\n"
        "Release notes: " + rel("v1.8.0"),
        embeds=[github_embed("lumen-dao/indexer/releases/tag/v1.8.0", "Release v1.8.0 · lumen-dao/indexer",
                             "Faster delegate profile queries, ENS avatar support, Postgres 16 support.")],
        reactions=[("🚀", crowd(10, "v180")), ("🛠️", ["priya", "omar"])])
    a.at("2025-12-22 10:00:00.900")
    holiday = a.say("mira",
        "Holiday schedule 🎄 No community calls on Dec 25 and Jan 1. We are back on **Thursday Jan 8, 17:00 UTC**. "
        "Support stays open, mods rotate shifts. Happy holidays everyone!",
        reactions=[("❤️", crowd(9, "hol"))])
    a.at("2026-01-08 09:12:33.017")
    a.say("mira",
        "@everyone Community call **today 17:00 UTC** in <#stage>!\n"
        "Agenda:\n1️⃣ Proposal #12 (treasury diversification)\n2️⃣ Indexer v2 timeline\n3️⃣ Delegate cohort 3\n"
        "Bring questions <:gm:>",
        edited=95, reactions=[("🎙️", crowd(6, "call")), (":gm:", crowd(5, "call2"))])
    a.at("2026-01-09 17:40:10.000")
    p12 = a.say("sofia",
        "**Proposal #12 — Treasury diversification** is up for discussion in <#governance>.\n"
        "TL;DR: move 1.2M USDC of the 4.1M stable reserve into a mix of ETH LSTs and short-dated T-bill tokens, "
        "executed by the treasury multisig (treasury.lumendao.eth). Temperature check runs for one week, then Snapshot.",
        pinned=True, reactions=[("🗳️", crowd(8, "p12")), ("🤔", crowd(3, "p12b"))])
    a.pin_notice("rook", p12, dt=31)
    a.at("2026-01-20 19:02:48.551")
    tw = "https://twitter.com/lumendao/status/1881412760029184103"
    a.say("mira", "We're on the ETHDenver side-event list this year 🦄 " + tw,
          embeds=[embed(title="", url=tw, timestamp="2026-01-20T18:55:31+00:00",
                        description="Lumen DAO will host a delegate meetup at ETHDenver 🦄 Feb 26, 6pm MT. Come say gm!",
                        color="#1DA1F2",
                        author=embed_author("Lumen DAO (@lumendao)", "https://twitter.com/lumendao",
                                            "https://pbs.twimg.com/profile_images/1700000000000000000/lumen_normal.jpg"),
                        image_=image("https://pbs.twimg.com/media/GhLmnOpXkAAd1Yz.jpg", 1600, 900),
                        footer=embed_footer("Twitter", "https://abs.twimg.com/icons/apple-touch-icon-192x192.png"))],
          reactions=[("🦄", crowd(5, "den"))])
    a.at("2026-01-27 18:00:04.114")
    a.say("snapshot", "", embeds=[embed(
        title="LIP-12: Treasury diversification — passed",
        url="https://snapshot.org/#/lumendao.eth/proposal/0x3f7a0c2b9d8e1f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2",
        description="✅ For 71.4% · Against 22.9% · Abstain 5.7%\nQuorum reached (3.2M LUMEN of 2.5M required).",
        color="#21B66F", author=embed_author("lumendao.eth", "https://snapshot.org/#/lumendao.eth"),
        footer=embed_footer("Snapshot"),
        fields=[("For", "2,284,910 LUMEN", True), ("Against", "732,115 LUMEN", True),
                ("Abstain", "182,400 LUMEN", True)])],
        reactions=[("✅", crowd(9, "passed")), ("📉", ["dave"])])
    a.at("2026-02-03 16:40:27.608")
    a.say("kenji",
        "Indexer **v2.0.0-rc.1** is out for testing. Rollout plan and known issues are in the "
        "<#devthread> thread under <#dev>. Please report bugs there, not in <#general> 🙏")
    a.at("2026-02-10 08:15:00.062")
    scam = a.say("mira",
        "⚠️ **Scam alert** ⚠️\nA fake \"Lumen airdrop\" site is going around (lumen-dao-claim[.]xyz) and an account called "
        "\"Lumen Support\" is DMing people. We will NEVER DM you first and there is NO airdrop. "
        "If you get a DM, report it to <@&Moderators> and block.",
        pinned=True, edited=240,
        reactions=[("⚠️", crowd(7, "scam")), ("🙏", crowd(4, "scam2"))])
    a.pin_notice("mira", scam, dt=6)
    a.at("2026-02-18 15:00:55.300")
    a.say("sofia",
        "Delegate program **cohort 3** applications are open until March 6 🗳️ Stipend is $2,500/month for 6 months. "
        "Apply: https://forms.gle/LumenDelegateCohort3 — questions to <@amara> or <@theo>.",
        reactions=[("🔥", crowd(6, "coh3"))])
    a.at("2026-02-25 12:00:08.004")
    a.say("mira",
        "New channel: <#international> 🌍 日本語 / ไทย / العربية / Deutsch / Español welcome. "
        "<@&日本語> folks, you asked for it 🙂",
        reactions=[("🌍", crowd(8, "intl")), ("🇯🇵", ["yuki", "kenji"]), ("🇹🇭", ["natt"])])
    return holiday


# ---------------------------------------------------------------------------
# #welcome
# ---------------------------------------------------------------------------

def write_welcome():
    w = welcome
    w.at("2025-12-01 14:30:12.118")
    rules = w.say("mira",
        "# Welcome to Lumen DAO\n"
        "1️⃣ Be kind. Disagree with ideas, not people.\n"
        "2️⃣ No shilling, no price talk outside <#off-topic>.\n"
        "3️⃣ Mods and core team will **never** DM you first. Anyone who does is a scammer.\n"
        "4️⃣ Governance talk goes to <#governance>, questions to <#support>.\n"
        "5️⃣ English in the main channels please — other languages are welcome in threads.\n\n"
        "Grab the <@&Members> role by reacting with ✅ below.",
        pinned=True, edited=3600 * 20,
        reactions=[("✅", crowd(15, "rules"))])
    w.pin_notice("mira", rules, dt=9)
    w.say("rook", "Rules are up, please read them before posting 🙏 Role reactions are live too.", dt=120)
    w.at("2025-12-01 15:20:44.000")
    j_carlos = w.join("carlos")
    w.say("mira", "", reply=j_carlos, stickers=["wave"], dt=40)
    w.at("2025-12-02 02:11:09.093")
    w.join("omar")
    w.say("omar", "Hello from Amman 🇯🇴 found you via the forum", dt=75)
    w.at("2025-12-03 09:02:17.500")
    w.join("ivy")
    w.at("2025-12-05 03:14:15.926")
    w.join("yuki")
    w.say("yuki", "はじめまして！よろしくお願いします 🙏", dt=42)
    w.say("kenji", "ようこそ <@yuki> さん！日本語の質問もいつでもどうぞ 🙂", dt=310)
    w.at("2025-12-07 21:45:03.303")
    j_new = w.join("newbie")
    w.say("dave", "", reply=j_new, stickers=["wave"], dt=65)
    w.say("newbie", "hi all!! excited to be here 🚀", dt=50)
    w.at("2025-12-20 11:48:29.770")
    j_hannah = w.join("hannah")
    w.say("mira", "welcome <@hannah>! 👋 If you have questions about delegating, <#support> is the place.", dt=300)
    w.say("hannah", "thanks! will do 🙂", reply=None, dt=90)
    w.at("2026-01-05 17:30:00.008")
    j_jules = w.join("jules")
    w.say("amara", "", reply=j_jules, stickers=["wave"], dt=200)
    w.at("2026-01-12 06:12:51.246")
    j_marco = w.join("marco")
    w.say("natt", "welcome <@marco> 👋🏼", reply=j_marco, ping=False, dt=600)
    w.at("2026-02-24 22:02:38.612")
    w.join("bao")
    w.say("bao", "Xin chào from Hà Nội 🇻🇳 found you via the ETHDenver post", dt=75)
    w.say("rook", "welcome <@bao>! Check out the new <#international> channel, it opens tomorrow 😎", dt=140)
    return j_hannah


# ---------------------------------------------------------------------------
# #governance and the Proposal #12 thread
# ---------------------------------------------------------------------------

def write_governance():
    global gov_thread
    g = governance
    g.at("2025-12-04 18:20:41.330")
    g.say("theo",
        "LIP-9 (grants committee renewal) is live on Snapshot. Short version: same 5 seats, $50k/quarter, "
        "monthly reporting. I'm voting FOR ✅")
    g.say("lukas", "Is $50k per quarter enough? Last quarter they paid out $146k according to the report")
    g.say("sofia",
        "The $146k included the one-off Ethereum Foundation matching round. Baseline committee budget was $48k. "
        "Anything above $50k needs a separate LIP.", reply=None)
    m = g.say("amara", "Can we add a clause that unspent budget returns to the treasury instead of rolling over?")
    g.say("theo", "Good point. Not in this LIP, but I'd co-author a follow-up", reply=m)
    g.say("dave", "voted. also lol at the person who voted with 0.3 LUMEN", dt=400)
    g.at("2025-12-11 18:30:05.250")
    g.say("mira", "LIP-9 passed with 88% FOR. Thanks to everyone who voted 🗳️",
          reactions=[("🎉", crowd(7, "lip9p"))])
    g.at("2025-12-12 14:02:29.884")
    g.say("lukas",
        "Question on the Q4 report: why is 1,240 ETH still sitting in the main Safe "
        "(0x4c6F1a3B8d2E9f0A7b5C3d1E8F6a4B2c0D9e7F51)? Feels like a lot of idle capital.")
    g.say("sofia", "That's exactly what the diversification proposal will address. Draft coming in January.", dt=240)
    g.say("omar", "will the draft include a risk framework? EIP-4824 style DAO URI docs would also help", dt=180)
    g.say("sofia", "Yes on risk framework. EIP-4824 is on the list for later.", dt=120)

    g.at("2026-01-09 17:32:44.118")
    starter = g.say("sofia",
        "**Proposal #12 — Treasury diversification (LIP-12 draft)**\n\n"
        "Summary:\n"
        "- Move **1.2M USDC** (of the 4.1M stable reserve) into: 600k stETH/rETH split, 400k tokenized T-bills, 200k kept as USDC on Arbitrum for grants\n"
        "- Execution by the treasury multisig `treasury.lumendao.eth` (4-of-7)\n"
        "- Max 10 ETH slippage budget across all swaps, TWAP over 5 days\n"
        "- Quarterly rebalancing report\n\n"
        "Full draft: https://forum.lumendao.org/t/lip-12-treasury-diversification/1204\n"
        "Please discuss in the thread 🧵",
        pinned=True,
        embeds=[embed(title="LIP-12: Treasury diversification - Proposals - Lumen DAO Forum",
                      url="https://forum.lumendao.org/t/lip-12-treasury-diversification/1204",
                      description="Move 1.2M USDC of the stable reserve into ETH LSTs and tokenized T-bills, executed by the treasury multisig.",
                      color="#0A84FF",
                      thumbnail=image("https://forum.lumendao.org/uploads/default/original/1X/lumen-logo.png", 512, 512))],
        reactions=[("🧵", crowd(5, "thr")), ("👀", crowd(9, "thr2"))])
    gov_thread = Channel("govthread", "Proposal #12 — treasury diversification", "GuildPublicThread",
                         governance, None, id_=int(starter["id"]))
    g.say("theo", "Reading now. First reaction: 400k in T-bill tokens feels like a lot of counterparty risk", dt=600)
    g.say("sofia", "Fair, let's keep the details in the thread so it stays in one place 🙏", dt=90)

    g.at("2026-01-16 20:05:12.704")
    g.say("mira", "Temperature check for Proposal #12 closed: 64 👍 / 11 👎. Moving to Snapshot next Tuesday.")
    g.at("2026-01-20 18:00:31.007")
    g.say("theo", "LIP-12 is on Snapshot. I'm voting FOR with the amendment (max 300k in T-bills). My 412,000 delegated LUMEN go FOR ✅")
    a1 = g.say("amara", "Same, FOR. Rationale posted on the forum: https://forum.lumendao.org/t/lip-12-treasury-diversification/1204/47")
    g.say("lukas", "AGAINST from me ❌ — not because of the idea but because stETH + rETH is 100% correlated ETH beta. "
                   "I'd rather keep more stables.", dt=300)
    g.say("priya", "<@lukas> fair but you're also holding 1,240 ETH anyway, so the LSTs only add the staking yield on top?",
          reply=None, dt=140)
    g.say("lukas", "No — the LST bucket is bought *with USDC*. That's new ETH exposure, not staking the ETH we already have.",
          dt=95)
    g.say("sofia", "Both correct, it's a judgement call. Current split = 600k LST. Lukas's position is a legit minority view.",
          dt=160)
    g.say("newbie", "how do i vote?? i have like 40 LUMEN", dt=1800)
    g.say("amara", "Snapshot link is pinned in <#announcements>. 40 LUMEN counts, every vote matters 🙂", reply=None, dt=120)
    g.say("omar", "ABSTAIN from me, I work for a firm that issues T-bill tokens so I shouldn't vote on this one", dt=900,
          reactions=[("🫡", crowd(6, "abst")), ("💯", ["sofia", "mira"])])
    g.at("2026-01-27 18:10:02.118")
    g.say("mira", "LIP-12 passed: 71.4% FOR, quorum reached. Execution starts next week, updates in the thread 🧵")
    g.say("dave", "ngl thought it would be closer <:wagmi:>", dt=60)

    g.at("2026-02-06 13:22:50.519")
    lip13 = g.say("amara",
        "Drafting **LIP-13: delegate compensation v2**. Current idea:\n"
        "- $2,500/month base for delegates with >90% participation\n"
        "- +0.5 ETH per quarter for writing rationales on every vote\n"
        "- funded from the grants budget, not new emissions\n"
        "Feedback welcome before I post it on the forum.")
    g.say("theo", "As a delegate I'll recuse myself from voting on this, obviously. But +1 on rationales being paid work.",
          reply=lip13, dt=400)
    g.say("lukas", "$2,500/month × 12 delegates = $360k/year. That's more than the grants committee gets.",
          reply=lip13, dt=200)
    g.say("amara", "<@lukas> good catch, I'll add a cap of $180k/year total and pro-rate", dt=150, edited=42)
    g.say("natt", "Could there be a requirement to summarize calls for non-English speakers? 🙏 happy to help with Thai",
          dt=700)
    g.say("amara", "Love that <@natt>, adding a translation bounty section", dt=120,
          reactions=[("❤️", ["natt", "yuki", "omar"])])
    g.at("2026-02-19 16:03:37.090")
    g.say("sofia",
        "Compare with how ENS does steward comp (ens.eth working groups) — they publish an on-chain budget per term. "
        "We could do the same from compensation.lumendao.eth.")
    g.say("theo", "+1. Also EIP-1559 style: burn what isn't claimed each quarter? 😅", dt=210)
    g.say("dave", "theo wants to burn delegate salaries, ser this is a DAO not a fee market <:ser:>", dt=70)
    g.say("theo", "lmao ok maybe not burn. return to treasury.", dt=55)
    g.say("kenji", "FYI the indexer can track per-delegate participation now (v2), so the 90% rule is enforceable. "
                   "See lumen-dao/indexer#512", dt=1300)
    return starter


def write_gov_thread(starter):
    t = gov_thread
    # The thread id is the starter message's id, so the thread clock starts at that message.
    # Its first message (type 21, "thread starter") refers back to the message in #governance.
    t.say("sofia", "", kind="21", dt=41,
          ref={"type": "Default", "messageId": starter["id"], "channelId": str(governance.id),
               "guildId": str(GUILD_ID)})
    t.at("2026-01-09 17:50:19.660")
    q = t.say("theo", "Counterparty risk on T-bill tokens: who is the issuer, what happens on a depeg, can we redeem on-chain?")
    t.say("sofia", "Shortlist is two issuers, both with on-chain redemption and daily attestations. Comparison table in the forum post, section 4.",
          reply=q)
    t.say("omar", "Disclosure: I work at one of the two issuers. I'll stay out of the vote but happy to answer factual questions.")
    t.say("lukas", "Why 600k in LSTs and not, say, 300k? The treasury already has 1,240 ETH.")
    t.say("sofia", "The model targets ~35% ETH exposure overall. Chart attached.",
          files=[("lip12-allocation-model.png", 184_233)], dt=260)
    t.say("priya", "the chart is super clear, thanks 🙏🏾")
    t.say("amara", "What's the unwind plan if we need the USDC back for grants in a hurry?", dt=400)
    t.say("sofia", "T-bills redeem T+1, LSTs via the withdrawal queue (days) or DEX (instant, with slippage). "
                   "The 200k USDC on Arbitrum is the buffer for exactly that.", dt=210)
    t.at("2026-01-10 08:41:03.002")
    t.say("natt", "คำถามครับ: ถ้า stETH depeg เหมือนปี 2022 เราจะทำยังไง? (sorry — asking what happens if stETH depegs like in 2022)")
    t.say("sofia", "Good question. We would not sell at a depeg; the 10 ETH slippage cap blocks forced selling. "
                   "We'd wait or use the withdrawal queue.", dt=500)
    t.say("natt", "ขอบคุณครับ 👍 makes sense", dt=90)
    t.at("2026-01-11 19:20:47.366")
    amend = t.say("theo",
        "Proposed amendment: cap T-bill tokens at **300k**, move the extra 100k to the Arbitrum USDC buffer. "
        "Seems like the main objection in this thread.", pinned=True,
        reactions=[("👍", crowd(8, "amend")), ("👍🏽", ["amara", "omar"]), ("❌", ["lukas"])])
    t.say("sofia", "I'm fine with that. Will update the draft to v2 tonight.", reply=amend, dt=300)
    t.say("lukas", "Still against the LST part but the amendment is an improvement 🤝", dt=400)
    t.at("2026-01-12 09:05:11.590")
    t.say("sofia", "Draft v2 is up: https://forum.lumendao.org/t/lip-12-treasury-diversification/1204/31",
          edited=1800)
    t.say("mira", "Temperature check starts now, ends Friday. React 👍 / 👎 on the forum post, not here please.", dt=600)
    t.at("2026-01-28 10:14:09.998")
    t.say("sofia", "Execution update 1: first USDC → T-bill tranche (100k) done. Tx: https://etherscan.io/tx/0x8f2d0c7e5b3a19d4c6e8f0a2b4d6e8f0a1c3e5f7a9b1d3f5e7c9a1b3d5f7e9a1")
    t.say("dave", "ser that's a lot of hex", dt=80)
    t.at("2026-02-04 15:30:44.270")
    t.say("sofia", "Execution update 2: LST swaps done via TWAP over 5 days. Total slippage 1.84 ETH of the 10 ETH budget ✅",
          reactions=[("🔥", crowd(6, "exec2")), ("💯", ["theo"])])
    t.say("theo", "1.84 ETH on 600k is great execution 👏", dt=200)
    t.at("2026-02-21 11:00:21.005")
    t.say("sofia", "Final report posted. Closing this thread — thanks all, this was a model discussion 🫡", edited=30)


# ---------------------------------------------------------------------------
# #dev and the indexer v2 thread
# ---------------------------------------------------------------------------

def write_dev():
    d = dev
    d.at("2025-12-02 10:15:07.700")
    setup = d.say("kenji",
        "Dev setup for new contributors 🛠️\n"
        "```bash\n"
        "git clone https://github.com/lumen-dao/indexer.git\n"
        "cd indexer && cp .env.example .env\n"
        "docker compose up -d postgres\n"
        "pnpm install && pnpm dev\n"
        "```\n"
        "Node 20+, pnpm 9. Ping me or <@priya> if something breaks.",
        pinned=True, edited=86400 * 3)
    d.pin_notice("kenji", setup, dt=12)
    d.at("2025-12-03 14:40:22.018")
    q = d.say("priya", "fresh clone, `pnpm dev` fails with `ECONNREFUSED 127.0.0.1:5432` — postgres is up though?")
    d.say("kenji", "is it maybe bound to the docker network only? try `docker compose ps` and check the port mapping", reply=q)
    d.say("priya", "yep, an old local postgres was squatting 5432. killed it, works now 🙈", dt=140)
    d.say("kenji", "classic. I'll add a check to the README", dt=60)
    d.at("2025-12-09 09:30:55.119")
    d.say("omar",
        "Opened lumen-dao/indexer#482: delegate profile query does N+1 lookups for ENS names. "
        "Before/after on 500 delegates: 3.9s → 0.41s",
        embeds=[github_embed("lumen-dao/indexer/pull/482", "perf: batch ENS lookups in delegate profiles by omar-haddad · Pull Request #482 · lumen-dao/indexer",
                             "Replaces per-row reverse resolution with a single multicall batch.")])
    d.say("kenji", "nice! reviewing after standup", dt=300)
    d.say("kenji",
        "one nit: the batch size should be configurable, some RPCs cap multicall at 100 calls\n"
        "```ts\n"
        "const ENS_BATCH_SIZE = Number(process.env.ENS_BATCH_SIZE ?? 100);\n"
        "for (const chunk of chunks(addresses, ENS_BATCH_SIZE)) {\n"
        "  const names = await resolver.reverseMany(chunk); // Map<Address, string | null>\n"
        "  names.forEach((name, addr) => cache.set(addr, name));\n"
        "}\n"
        "```", dt=2400)
    d.say("omar", "done, pushed. also added a test with a fake resolver that returns `null` for half the addresses", dt=900)
    d.say("kenji", "merged ✅ will ship in v1.8.0", dt=600, reactions=[("🚀", ["omar", "priya"])])
    d.at("2025-12-15 12:48:30.007")
    d.say("kenji", "tagging v1.8.0 now. changelog: https://github.com/lumen-dao/indexer/blob/main/CHANGELOG.md#180---2025-12-15")
    d.at("2025-12-18 16:04:12.555")
    b = d.say("priya",
        "Windows contributor here 😅 the migration script breaks on paths with backslashes:\n"
        "```\n"
        "Error: ENOENT: no such file or directory, open 'C:\\Users\\priya\\lumen\\indexer\\migrations\\0007_delegates.sql'\n"
        "    at Object.openSync (node:fs:573:18)\n"
        "```\n"
        "looks like we build the path with `\"/\" + name` somewhere")
    d.say("kenji", "ugh. should be `path.join(migrationsDir, name)`. want to send the fix?", reply=b)
    d.say("priya", "on it → lumen-dao/indexer#489", dt=1200)
    d.at("2026-01-06 10:22:40.091")
    d.say("lukas",
        "Wrote a tiny Go client for the indexer API for our dashboard, sharing in case it's useful:\n"
        "```go\n"
        "func (c *Client) Delegate(ctx context.Context, addr string) (*Delegate, error) {\n"
        "\treq, err := http.NewRequestWithContext(ctx, \"GET\", c.base+\"/v1/delegates/\"+addr, nil)\n"
        "\tif err != nil {\n"
        "\t\treturn nil, err\n"
        "\t}\n"
        "\tvar d Delegate\n"
        "\treturn &d, c.do(req, &d)\n"
        "}\n"
        "```\n"
        "repo: https://github.com/lukasweber/lumen-go",
        embeds=[github_embed("lukasweber/lumen-go", "GitHub - lukasweber/lumen-go: Go client for the Lumen DAO indexer API",
                             "Go client for the Lumen DAO indexer API. Contribute to lukasweber/lumen-go development by creating an account on GitHub.")],
        reactions=[("🐢", ["dave"]), ("🔥", ["kenji", "priya", "omar"])])
    d.say("dave", "go gopher gang 🐢", dt=300)
    d.say("kenji", "<@lukas> nice, mind if we link it from the docs under \"community SDKs\"?", dt=200)
    d.say("lukas", "go for it", dt=400)
    d.at("2026-01-14 21:10:05.480")
    sol = d.say("omar",
        "Question on the vesting contract: is this guard correct? feels like it allows claiming twice in the same block\n"
        "```solidity\n"
        "function claim() external {\n"
        "    uint256 amount = vested(msg.sender) - claimed[msg.sender];\n"
        "    require(amount > 0, \"nothing to claim\");\n"
        "    claimed[msg.sender] += amount;\n"
        "    token.safeTransfer(msg.sender, amount);\n"
        "}\n"
        "```")
    d.say("kenji", "no, `claimed` is updated before the transfer (checks-effects-interactions) so a second call in the same block gets amount == 0 and reverts",
          reply=sol, dt=700)
    d.say("omar", "ah right, I misread. thanks 🙏", dt=120)
    d.say("sofia", "audited by two firms btw, reports in https://docs.lumendao.org/security", dt=300)
    d.at("2026-01-22 15:00:00.000")
    d.say("kenji",
        "v2 planning: moving from polling to websocket subscriptions + a proper queue. "
        "Tracking issue lumen-dao/indexer#500. Target: rc by early Feb.",
        embeds=[github_embed("lumen-dao/indexer/issues/500", "Indexer v2: event subscriptions and job queue · Issue #500 · lumen-dao/indexer",
                             "Replace block polling with eth_subscribe, add a durable job queue (pg-boss), split the API from the worker.")])
    d.say("priya", "I can take the API/worker split 🙋‍♀️", dt=500)
    d.say("omar", "I'll do the queue", dt=90)
    d.say("kenji", "🙌 assigned. standup Tuesdays 15:00 UTC in <#stage>", dt=240)
    d.at("2026-01-29 11:05:27.940")
    rx = d.say("priya",
        "Address validation in the API is too loose, it accepts `0x` + 39 chars. Proposal:\n"
        "```regex\n"
        "^0x[a-fA-F0-9]{40}$\n"
        "```\n"
        "and reject mixed-case input that fails the EIP-55 checksum")
    d.say("kenji", "+1, but use `isAddress()` from viem instead of a regex, it does the checksum for us", reply=rx, dt=400)
    d.say("priya", "fair. error body would look like this:\n"
                   "```json\n"
                   "{\n  \"error\": \"invalid_address\",\n  \"detail\": \"expected 0x-prefixed 20-byte hex, got \\\"0x71C7…976\\\"\"\n}\n"
                   "```", dt=300)
    d.say("omar", "maybe also a `hint` field? people paste ENS names there all the time (e.g. `vitalik.eth`)", dt=200)
    d.say("kenji", "good idea. ENS names → resolve, then validate. ship it in lumen-dao/indexer#509", dt=150,
          reactions=[("👍", ["priya", "omar"])])

    d.at("2026-02-03 16:11:40.336")
    d.say("kenji", "rc.1 is tagged: " + rel("v2.0.0-rc.1") + " — starting a thread for the rollout so this channel stays readable")
    # The thread was created without a starter message: DCE shows a ThreadCreated system message.
    d.clock = snowflake_ms(dev_thread.id)
    d.post("kenji", kind="ThreadCreated", dt=0.3,
           ref={"type": "Default", "messageId": None, "channelId": str(dev_thread.id), "guildId": str(GUILD_ID)})
    d.at("2026-02-09 11:30:19.902")
    d.say("jules", "Hi! frontend dev here, new to web3. Is there a list of good first issues?")
    d.say("priya", "<@jules> welcome! label `good first issue` on lumen-dao/frontend — #77 and #81 are nice starters", dt=420)
    d.say("jules", "perfect, picking lumen-dao/frontend#81 (dark mode toggle)", dt=200)
    d.at("2026-02-12 17:45:51.330")
    d.say("jules",
        "PR is up: https://github.com/lumen-dao/frontend/pull/94 — first web3 PR ever 👩‍💻",
        embeds=[github_embed("lumen-dao/frontend/pull/94", "feat: dark mode toggle by jules-dev · Pull Request #94 · lumen-dao/frontend",
                             "Adds a theme toggle persisted in localStorage. Closes #81.")],
        reactions=[("🎉", crowd(5, "pr94")), ("👩‍💻", ["priya"])])
    d.say("kenji", "approved with two small comments. welcome aboard <@jules> 🎉", dt=3000)
    d.at("2026-02-20 09:05:33.808")
    d.say("kenji",
        "Heads-up: v2.0.0 final is tagged 🎉 Breaking change for API users:\n"
        "```diff\n"
        "- GET /delegates?sort=votes\n"
        "+ GET /v2/delegates?sort=-votingPower\n"
        "```\n"
        "v1 endpoints stay up until v2.2. Docs: https://docs.lumendao.org/api/v2",
        edited=600, reactions=[("🎉", crowd(7, "v2")), ("😬", ["lukas"])])
    d.say("lukas", "ok updating the Go client 😬", dt=400)
    d.say("lukas", "done → lumen-go v0.3.0 supports /v2", dt=5400)


def write_dev_thread():
    t = dev_thread
    t.at("2026-02-03 16:13:02.440")
    t.say("kenji",
        "Rollout plan for v2.0.0-rc.1:\n"
        "1. staging today (indexer-staging.lumendao.org)\n"
        "2. shadow-run against prod for 72h, diff the outputs\n"
        "3. switch the API behind a flag\n"
        "4. v2.0.0 final if no diffs\n"
        "Known issues: reorg handling on Arbitrum is untested.", pinned=True)
    t.say("omar", "queue is deployed on staging. 0 failed jobs so far")
    t.say("priya", "API split deployed, p95 latency 38ms vs 120ms on v1 👀", dt=900)
    t.at("2026-02-04 09:10:27.118")
    bug = t.say("omar",
        "Found a diff: delegate `0x71C7656EC7ab88b098defB751B7401B5f6d8976F` shows 0 votes on v2 but 12 on v1. "
        "Looks like events from block 19,432,110 were skipped after a websocket reconnect 🐛",
        files=[("diff-report-2026-02-04.txt", 18_502)])
    t.say("kenji", "good find. we resubscribe from `latest` instead of from the last processed block", reply=bug, dt=600)
    t.say("kenji",
        "fix: https://github.com/lumen-dao/indexer/pull/517\n"
        "```ts\n"
        "ws.on(\"reconnect\", async () => {\n"
        "  const from = (await store.lastProcessedBlock()) + 1;\n"
        "  await backfill(from, await provider.getBlockNumber());\n"
        "  subscribe();\n"
        "});\n"
        "```", dt=2600, embeds=[github_embed("lumen-dao/indexer/pull/517",
            "fix: backfill missed blocks after websocket reconnect by kenji-dev · Pull Request #517 · lumen-dao/indexer",
            "Backfills from the last processed block before resubscribing. Adds a reconnect test with a fake provider.")])
    t.say("omar", "LGTM, approved", dt=500)
    t.at("2026-02-05 14:22:10.551")
    t.say("priya", "shadow-run restarted with #517. will post the diff tomorrow", edited=75)
    t.at("2026-02-06 14:30:44.003")
    t.say("priya", "24h diff: 0 mismatches across 2,341 delegates ✅")
    t.say("kenji", "🎉 let's give it the full 72h before flipping the flag", dt=300)
    t.at("2026-02-08 15:01:20.090")
    t.say("priya", "72h diff clean. flipping the flag on prod now")
    t.say("priya", "flag on. monitoring 👀", dt=240)
    t.say("omar", "error rate flat, queue depth < 10", dt=600)
    t.at("2026-02-10 10:12:12.120")
    t.say("lukas", "reorg question: how deep do you handle on Arbitrum? we saw a 3-block reorg last month")
    t.say("kenji", "we keep 64 blocks of undo logs per chain. 3 is fine. anything deeper pages someone", dt=700)
    t.say("lukas", "perfect 👍🏻", dt=60)
    t.at("2026-02-20 09:07:00.040")
    t.say("kenji", "v2.0.0 final shipped, closing this thread. thanks <@omar> <@priya> 🙏")


# ---------------------------------------------------------------------------
# #general
# ---------------------------------------------------------------------------

def write_general(holiday):
    g = general
    g.at("2025-12-02 07:58:13.442")
    g.say("dave", "gm <:gm:>")
    g.say("natt", "gm gm ☕", dt=40)
    g.say("priya", "gm! did anyone else see the indexer release notes? delegate pages load instantly now", dt=75)
    g.say("dave", "not released yet ser, that's next week", dt=30)
    g.say("priya", "oh wait you're right, I was on staging 😅", dt=25)
    g.say("theo", "gm. coffee first, governance later ☕", dt=400)
    g.say("carlos", "gm from Mexico City 🇲🇽", dt=200)

    # Two conversations interleaved: delegate turnout (theo/amara/sofia) and merch (lukas/dave/natt)
    g.at("2025-12-05 16:02:39.517")
    t1 = g.say("theo", "Turnout on the last 5 votes was 9-12% of circulating supply. We need more active delegates.")
    m1 = g.say("lukas", "random q: is the hoodie from the Lisbon meetup ever coming back? 👀", dt=35)
    t2 = g.say("amara", "Agree. Half the top-20 delegates haven't voted since September.", reply=t1, dt=40)
    m2 = g.say("dave", "<@lukas> I'd pay 0.05 ETH for that hoodie no questions asked", dt=20)
    g.say("sofia", "That's why cohort 3 will have a participation requirement. Inactive delegates get a nudge, then removal from the list.",
          reply=t2, dt=60)
    g.say("natt", "+1 for hoodie. size M please 🙏", reply=m1, ping=False, dt=30)
    g.say("theo", "removal from the list is good. can't force anyone to undelegate though", dt=45)
    g.say("lukas", "<@dave> 0.05 ETH lol, it's a hoodie not an NFT", dt=35)
    g.say("dave", "everything is an NFT if you believe 🦄", reply=m2, dt=25)
    g.say("amara", "We could show 'last voted' on the delegate page. Social pressure works 😅", dt=55)
    g.say("mira", "Merch: yes, we're doing a small run in January. I'll post a form in <#announcements>.", dt=150)
    g.say("lukas", "🎉", dt=20)

    g.at("2025-12-12 21:33:04.001")
    w = g.say("newbie", "wen token price go up")
    g.say("dave", "wen you read the rules 💀", reply=w, dt=30,
          reactions=[("💀", crowd(5, "wen")), ("😂", ["natt", "carlos"])])
    g.say("rook", "<@newbie> price talk is for <#off-topic> please. Rule 2 🙂", dt=90)
    g.say("newbie", "oops sorry, new here", dt=40)
    g.say("rook", "no worries! welcome 👋", dt=25)

    g.at("2025-12-22 12:08:59.330")
    g.say("carlos", "happy holidays everyone 🎄")
    g.say("theo", "", forward=holiday, dt=600)
    g.say("theo", "^ reminder: no calls for two weeks", dt=12)
    g.say("natt", "enjoy the break team 🙌", dt=300)

    g.at("2025-12-27 15:40:12.330")
    g.say("amara", "Year-in-review time: 14 LIPs in 2025, 11 passed, 2 failed, 1 withdrawn. Dashboard: https://dune.com/lumendao/governance-2025",
          embeds=[embed(title="Lumen DAO Governance 2025", url="https://dune.com/lumendao/governance-2025",
                        description="Proposals, turnout and delegate participation for Lumen DAO in 2025.",
                        thumbnail=image("https://dune.com/api/og/dashboard/lumendao/governance-2025.png", 1200, 630))])
    g.say("theo", "average turnout 11.3% 😬 we can do better", dt=240)
    g.say("lukas", "which one was withdrawn?", dt=120)
    g.say("amara", "LIP-7, the LUMEN buyback. Author pulled it after the forum discussion", dt=90)
    g.say("dave", "rip buyback, gone but not forgotten 🫡", dt=30)

    g.at("2026-01-08 18:25:40.555")
    g.say("amara", "Great call today! Recording is up:")
    yt = "https://www.youtube.com/watch?v=Lm3nD4oC4ll"
    g.say("amara", yt, dt=8, embeds=[embed(
        title="Lumen DAO Community Call — January 8, 2026", url=yt,
        description="Agenda: Proposal #12 treasury diversification, indexer v2 timeline, delegate cohort 3.",
        color="#FF0000",
        author=embed_author("Lumen DAO", "https://www.youtube.com/@lumendao"),
        thumbnail=image("https://i.ytimg.com/vi/Lm3nD4oC4ll/maxresdefault.jpg", 1280, 720),
        video=image("https://www.youtube.com/embed/Lm3nD4oC4ll", 1280, 720, proxy=False))])
    g.say("lukas", "thanks! missed the first 20 min", dt=120)
    g.say("priya", "timestamps for the treasury part would be nice 🙏", dt=60)
    g.say("amara", "12:40 Proposal #12, 31:05 indexer v2, 48:30 cohort 3", reply=None, dt=200, edited=20)

    # Interleaved again: Proposal #12 opinions vs a hackathon question
    g.at("2026-01-14 14:01:12.086")
    p = g.say("lukas", "Honest question: why diversify into LSTs at all? ETH is already most of the treasury.")
    h = g.say("priya", "is the DAO sponsoring any hackathons this year? ETHGlobal maybe?", dt=25)
    g.say("theo", "The LST bucket is bought with USDC, it's not restaking existing ETH. Different risk.", reply=p, dt=50)
    g.say("kenji", "<@priya> yes! ETHGlobal Taipei + a smaller one in Lagos 🇳🇬 budget is in LIP-9", reply=h, ping=False, dt=40)
    g.say("lukas", "<@theo> that's my point, it *adds* ETH exposure", dt=45)
    g.say("priya", "nice, I'd love to mentor in Lagos", dt=30)
    g.say("sofia", "Both views are in the thread under <#governance>, let's continue there so it doesn't get lost 🧵", dt=90)
    g.say("kenji", "<@priya> I'll put you in touch with <@amara>, she's running the Lagos side", dt=60)
    g.say("amara", "🙌 DM me <@priya>... just kidding, ping me here, we don't do DMs 😅", dt=80,
          reactions=[("😂", crowd(4, "dm"))])

    g.at("2026-01-22 06:02:33.771")
    g.say("omar", "صباح الخير (that's gm in Arabic) <:gm:>")
    g.say("natt", "อรุณสวัสดิ์ครับ (gm in Thai) ☕", dt=60)
    g.say("yuki", "おはようございます！(gm in Japanese) 🌍", dt=45)
    g.say("sofia", "¡Buenos días! this is the best gm thread so far", dt=200)
    g.say("dave", "gm is the universal language <:gm:> <:wagmi:>", dt=30)

    g.at("2026-01-30 20:14:51.901")
    g.say("dave", "", kind="8", dt=0)
    g.say("mira", "thank you for the boost <@dave>! 💎", dt=70)
    g.say("dave", "we're level 2 now, custom stickers unlocked <:catjam:>", dt=45)

    # Interleaved: follow-up on the scam wave vs. Lagos hackathon planning
    g.at("2026-02-05 19:30:10.250")
    s1 = g.say("hannah", "got a DM from \"Lumen Support\" again today, different account this time")
    l1 = g.say("amara", "Lagos hackathon update: venue confirmed, 120 hackers registered 🇳🇬", dt=20)
    g.say("rook", "<@hannah> thanks, send me the username and I'll report it to Discord trust & safety", reply=s1, dt=50)
    g.say("priya", "120! do we have enough mentors? I can do smart contracts + indexer", reply=l1, dt=35)
    g.say("hannah", "it's lumen_support_desk2. they even copied Mira's avatar", dt=40)
    g.say("amara", "<@priya> we have 6, need ~10. adding you 🙌", dt=30)
    g.say("rook", "banned from here as well. thanks for reporting 🙏", dt=110)
    g.say("kenji", "I can mentor remotely for the indexer track", dt=45)
    g.say("mira", "also turned on DM-spam filtering for new members, should help a bit", dt=90)
    g.say("amara", "<@kenji> perfect, Saturday 10:00 WAT works?", dt=60)
    g.say("kenji", "works 👍", dt=20)

    g.at("2026-02-12 10:40:03.114")
    gh1 = g.say("ghost", "does anyone know if the indexer API has rate limits? getting 429s", edited=600)
    g.say("kenji", "60 req/min per IP on the public endpoint. Use an API key for more", reply=gh1, dt=300)
    gh2 = g.say("ghost", "where do I get a key", dt=120)
    g.say("kenji", "https://docs.lumendao.org/api/keys — it's free", reply=gh2, dt=90)
    g.at("2026-02-14 09:00:29.662")
    g.say("natt", "happy valentine's to everyone, even the AGAINST voters ❤️")
    g.say("lukas", "❤️ right back", dt=300)
    g.say("dave", "my valentine is the 72h shadow-run diff", dt=200)

    g.at("2026-02-20 18:30:07.773")
    g.say("lukas", "Bin nächste Woche in Berlin — jemand beim ETHBerlin-Meetup am Donnerstag? 🥨")
    g.say("mira", "<@lukas> english in the main channels please 🙂 <#international> opens next week!", dt=240)
    g.say("lukas", "sorry! anyone in Berlin next Thursday for the meetup? 🇩🇪", dt=60)
    g.say("theo", "I'll be there! 🍻", dt=180)
    g.say("jules", "can't make Berlin but see you all at ETHDenver 🏳️‍🌈", dt=400)
    g.say("hannah", "first time going to a crypto event, any tips?", dt=120)
    g.say("theo", "bring a power bank and don't sign anything on public wifi 😎", dt=50)
    g.say("dave", "and don't scan random QR codes on stickers 💀", dt=40)
    g.say("hannah", "noted 📝", dt=30)

    g.at("2026-02-27 13:12:14.003")
    g.say("amara", "Denver recap: 42 people at the delegate meetup, 9 new delegate applications 🔥",
          files=[("denver-meetup.jpg", 2_904_118), ("denver-meetup-2.jpg", 3_117_590)],
          reactions=[("🔥", crowd(10, "denver")), ("🦄", ["dave", "jules"])])
    g.say("jules", "that was so much fun. also met <@kenji> IRL, he does exist", dt=300)
    g.say("kenji", "unconfirmed", dt=90)


# ---------------------------------------------------------------------------
# #support
# ---------------------------------------------------------------------------

def write_support():
    s = support
    s.at("2025-12-20 12:05:44.310")
    q = s.say("hannah", "Hi! How do I delegate my LUMEN? I don't want to vote myself every time")
    a = s.say("mira",
        "Hi <@hannah>! Two ways:\n"
        "1. Go to https://app.lumendao.org/delegates, pick a delegate, click **Delegate**\n"
        "2. Or delegate to yourself if you want to vote directly\n"
        "It's one on-chain tx (a few cents on Arbitrum). Your tokens never leave your wallet.",
        reply=q, dt=200)
    q2 = s.say("hannah", "can I change the delegate later?", reply=a, dt=150)
    s.say("mira", "yes, anytime, same button. the new delegation replaces the old one", reply=q2, dt=60)
    s.say("hannah", "perfect, done! delegated to <@amara> 🙌", dt=400)
    s.say("amara", "thank you <@hannah>, I'll do my best 🫡", dt=600)

    s.at("2025-12-22 19:31:02.008")
    tx = s.say("newbie", "my transaction has been pending for 2 hours??", files=[("image.png", 96_211)])
    s.say("kenji", "that's a stuck nonce. gas price was set too low. in MetaMask: Settings → Advanced → enable "
                   "`Customize transaction nonce`, then send a 0 ETH tx to yourself with the same nonce (`41` in your screenshot) and higher gas",
          reply=tx, dt=420)
    s.say("newbie", "it worked!!! thank you so much", dt=900)
    s.say("newbie", "sorry one more, why did it get stuck? it was the same wallet as always", dt=60)
    s.say("kenji", "gas spiked during the NFT mint that afternoon and the wallet estimate was stale. happens 🤷‍♂️", dt=300)

    s.at("2026-01-13 13:31:44.404")
    vp = s.say("priya", "Snapshot shows 0 voting power on LIP-11 but I hold 500 LUMEN?")
    s.say("sofia", "Voting power is taken at the proposal's snapshot block. Did you delegate (or self-delegate) before it was created?",
          reply=vp, dt=300)
    s.say("priya", "...I self-delegated yesterday. the proposal is from last week 🥲", dt=120)
    s.say("sofia", "Then you'll have full power from the next proposal on. Undelegated tokens never count, that's the ERC-20Votes design.",
          dt=90)
    s.say("priya", "TIL. thanks!", dt=30)

    s.at("2026-01-21 08:44:30.772")
    o = s.say("omar", "Hi, how do I vote on Snapshot? sorry my English is not great — هل التصويت مجاني؟")
    s.say("amara", "Hi <@omar>! Go to https://snapshot.org/#/lumendao.eth, connect your wallet, pick the proposal, choose For/Against/Abstain and sign. "
                   "Yes, voting is free (gasless) — التصويت مجاني ✅", reply=o, dt=500)
    s.say("omar", "شكرا! now I understand 🙏", dt=120)

    s.at("2026-01-28 07:10:18.009")
    # Reply to a scam message that the mods deleted before the export: the parent id does not exist.
    deleted_parent = snowflake(parse_when("2026-01-28 07:04:55.310"), "deleted-scam-message")
    j = s.say("jules", "is this legit? they said I need to verify my wallet on their site to keep my delegation",
              reply=str(deleted_parent), mentions=["scam"])
    s.say("rook", "<@jules> NO. That account is a scammer impersonating support. Banned and message deleted. "
                  "Never connect your wallet to links from DMs or random replies.", reply=j, dt=120,
          reactions=[("🙏", ["jules", "hannah", "mira"])])
    s.say("jules", "phew, thanks. didn't click anything", dt=60)
    s.say("mira", "good instinct to ask 👍 <@&Moderators> please keep an eye out for more of these today", dt=240)

    s.at("2026-02-02 15:55:12.913")
    y = s.say("yuki", "My ENS name (yuki.eth) doesn't show on my delegate profile, it shows 0x7a3B…c91E instead")
    s.say("kenji", "is the primary name (reverse record) set? the forward record alone isn't enough", reply=y, dt=300)
    s.say("yuki", "I set it yesterday", dt=200)
    s.say("kenji", "then it's our cache, 24h TTL. v1.8.1 lowers it to 1h. should show up by tonight", dt=150)
    s.say("yuki", "it's there now, thank you! 🙏", dt=3600 * 5)

    s.at("2026-02-05 11:20:09.050")
    b = s.say("marco", "which bridge should I use to move LUMEN to Arbitrum?")
    s.say("rook",
        "The official one: https://bridge.arbitrum.io. LUMEN on Arbitrum is "
        "`0x3a9F2b7C1e4D8a6B0c5E2f9A7d3B1c8E6f4A2d0B`. Double-check the address on "
        "https://docs.lumendao.org/contracts — scammers deploy lookalike tokens.",
        reply=b, dt=400)
    s.say("marco", "thanks, done. took ~12 minutes", dt=1800)

    s.at("2026-02-11 18:40:51.408")
    s.say("lukas", "Kurze Frage: kostet die Delegation Gas? (sorry, does delegating cost gas?)")
    s.say("sofia", "Ja, einmalig eine kleine Transaktion — auf Arbitrum meist unter 0,05 €. Danach ist alles off-chain über Snapshot. "
                   "(yes, one small tx, then everything is gasless)", dt=300)
    s.say("lukas", "Danke! 👍", dt=60)

    s.at("2026-02-16 22:03:27.337")
    iv = s.say("ivy", "the claim page says 'not eligible' for the contributor rewards but I did 3 PRs??")
    s.say("mira", "Eligibility is in the attached doc: PRs need to be merged before the snapshot block (Feb 1). "
                  "If yours were merged after, they count for the next round.",
          reply=iv, dt=700, files=[("contributor-rewards-eligibility-2026.pdf", 412_876)])
    s.say("ivy", "ah they were merged Feb 3 😢 ok next round then", dt=300)
    s.say("mira", "sorry! next round is in May 🙏", dt=90)

    s.at("2026-02-23 09:14:40.188")
    s.say("carlos", "Wallet shows 0 LUMEN after I bridged, but the tx is confirmed")
    s.say("carlos", "Etherscan: https://arbiscan.io/tx/0x5b1e7d9c3a2f4e6b8d0c1a3e5f7b9d2c4e6a8f0b1d3e5c7a9b2d4f6e8a0c1b3d5", dt=25)
    s.say("rook", "you probably need to import the token in your wallet. Address is in the pinned docs link, "
                  "MetaMask → Import tokens → paste address", dt=300)
    s.say("carlos", "that was it 🤦 thanks", dt=200)
    s.say("natt", "same thing happened to me last month 😂", dt=120)

    s.at("2026-02-25 01:20:15.611")
    bq = s.say("bao", "Làm sao để nhận role Members? (how do I get the Members role?)")
    s.say("rook", "<@bao> react with ✅ on the rules message in <#welcome> 🙂", reply=bq, ping=False, dt=600)
    s.say("bao", "xong rồi, cảm ơn! got it", dt=120)


# ---------------------------------------------------------------------------
# #international
# ---------------------------------------------------------------------------

def write_international():
    i = international
    i.at("2026-02-25 12:03:10.006")
    i.say("mira", "Welcome to <#international> 🌍 Same rules as everywhere else. Have fun!")
    i.at("2026-02-26 03:40:22.919")
    y1 = i.say("yuki", "こんにちは！日本のメンバーいますか？🇯🇵")
    i.say("kenji", "いますよ〜 大阪在住です 🍜", reply=y1, dt=400)
    i.say("yuki", "よかった！提案#12の日本語まとめを作ってみました。間違いがあったら教えてください。",
          files=[("LIP-12_summary_ja.pdf", 233_190)], dt=600)
    i.say("kenji", "ありがとうございます！とても分かりやすいです。一点だけ：T-billの上限は修正案で30万ドルになりました。", dt=1200, edited=65)
    i.say("yuki", "あ、本当だ！直しておきます 🙏", dt=300)
    i.at("2026-02-26 10:15:02.600")
    n1 = i.say("natt", "สวัสดีครับ มีคนไทยอยู่ในนี้ไหมครับ 🇹🇭")
    i.say("natt", "ผมอยู่กรุงเทพครับ ทำงานเป็น developer", dt=120)
    i.say("sofia", "<@natt> no Thai speakers yet I think, but welcome! 🙂", dt=1500)
    i.say("natt", "ขอบคุณครับ 🙏 I'll translate the delegate guide to Thai then", dt=300,
          reactions=[("❤️", ["sofia", "amara", "mira"])])
    i.at("2026-02-26 17:02:45.511")
    o1 = i.say("omar", "مرحبا بالجميع! هل يوجد أعضاء من الأردن أو مصر أو المغرب؟")
    i.say("omar", "أنا من عمّان 🇯🇴 وأعمل في مجال التمويل اللامركزي", dt=90)
    i.say("amara", "<@omar> I don't speak Arabic, but 👋 from Lagos!", dt=700)
    i.say("omar", "Lagos! I'll be at the hackathon there 🔥 — شكرا على الترحيب", dt=240)
    i.say("omar", "سأترجم ملخص المقترح رقم 12 إلى العربية هذا الأسبوع إن شاء الله", reply=o1, ping=False, dt=600)
    i.at("2026-02-27 08:30:19.044")
    l1 = i.say("lukas", "Servus zusammen! Gibt's hier noch andere aus dem DACH-Raum? 🇩🇪🇦🇹")
    i.say("lukas", "Wir organisieren am 12. März ein kleines Treffen in Wien. Budget aus dem Community-Topf: 500\u00a0€", dt=60)
    i.say("sofia", "Ich bin zwar aus Madrid, aber ich lese mit 😄 Viel Spaß in Wien!", reply=l1, dt=800)
    i.say("lukas", "Danke Sofía! Falls du in der Nähe bist: Schnitzel geht auf die DAO 😎", dt=200)
    i.at("2026-02-27 19:45:33.381")
    c1 = i.say("carlos", "¡Hola a todos! ¿Alguien más de Latinoamérica? 🇲🇽")
    i.say("sofia", "¡Hola Carlos! Yo soy de España 🇪🇸 pero tenemos varios miembros en Argentina y Brasil 🇦🇷🇧🇷",
          reply=c1, dt=300)
    i.say("carlos", "¡Genial! ¿Habrá alguna llamada comunitaria en español?", dt=200)
    i.say("sofia", "Buena idea. Lo propongo en la próxima llamada. Mientras tanto, el resumen del Proposal #12 en español está aquí: "
                   "https://forum.lumendao.org/t/lip-12-resumen-en-espanol/1288", dt=400)
    i.say("carlos", "¡Mil gracias! 🙌", dt=60)
    i.at("2026-02-28 05:05:05.505")
    i.say("yuki", "<@&日本語> の皆さん、来週の木曜日に日本語でボイスチャットしませんか？🗓️")
    i.say("kenji", "いいですね！参加します", dt=900)
    i.say("natt", "ฟังไม่เข้าใจแต่ขอเชียร์ครับ 😂 (can't understand but cheering)", dt=600)


# ---------------------------------------------------------------------------
# #off-topic
# ---------------------------------------------------------------------------

def write_offtopic():
    o = offtopic
    o.at("2025-12-03 20:10:09.227")
    o.say("dave", "the market today 📉📉📉", files=[("SPOILER_chart.png", 120_458)])
    o.say("natt", "don't look at the chart, touch grass 🌍", dt=60)
    o.say("dave", "grass is also red today 😭", dt=40)
    o.say("carlos", "🤣🤣🤣", dt=30)
    o.at("2025-12-08 12:30:44.806")
    o.say("priya", "lunch: homemade ramen 🍜", files=[("IMG_20251208_123012.jpg", 2_455_091)],
          reactions=[("🍜", ["yuki", "kenji", "natt"]), ("😎", ["dave"])])
    o.say("yuki", "美味しそう！ 🍣 looks great", dt=120)
    o.say("carlos", "tacos > ramen, fight me 🌮🌶️", dt=90)
    o.say("priya", "both, obviously", dt=45)
    o.at("2025-12-14 22:04:59.019")
    o.say("lukas", "what's everyone's setup? 👩‍💻🧑🏽‍💻 post your desks")
    o.say("kenji", "", files=[("desk.jpg", 1_803_442)], dt=200)
    o.say("dave", "kenji's desk is cleaner than my codebase", dt=60)
    o.say("priya", "mine is a kitchen table and a cat 🐸 wait that's a frog emoji", dt=150)
    o.say("priya", "🙃", dt=10)
    o.at("2025-12-24 18:00:00.000")
    o.say("mira", "Merry Christmas to those who celebrate 🎄✨ and happy holidays to everyone else!")
    o.say("amara", "Merry Christmas from Lagos 🎄🇳🇬", dt=600)
    o.say("natt", "สุขสันต์วันคริสต์มาสครับ 🎄", dt=900)
    o.at("2026-01-01 00:00:01.002")
    o.say("dave", "HAPPY NEW YEAR 🥳🥳🥳 wagmi <:wagmi:>", stickers=["hype"])
    o.say("theo", "happy 2026 🎉", dt=5)
    o.say("carlos", "feliz año nuevo 🥳", dt=40)
    o.at("2026-01-15 14:20:17.880")
    tw = "https://twitter.com/ethereum/status/1879565532901183790"
    o.say("theo", tw, embeds=[
        embed(title="", url=tw, timestamp="2026-01-15T14:02:11+00:00",
              description="Ten years of Ethereum mainnet, in photos 🧵",
              color="#1DA1F2",
              author=embed_author("Ethereum (@ethereum)", "https://twitter.com/ethereum",
                                  "https://pbs.twimg.com/profile_images/1500000000000000000/eth_normal.jpg"),
              image_=image("https://pbs.twimg.com/media/GhAaaaaXoAA1.jpg", 1200, 800),
              footer=embed_footer("Twitter", "https://abs.twimg.com/icons/apple-touch-icon-192x192.png"),
              images=[image("https://pbs.twimg.com/media/GhAaaaaXoAA1.jpg", 1200, 800),
                      image("https://pbs.twimg.com/media/GhAaaaaXoAA2.jpg", 1200, 800),
                      image("https://pbs.twimg.com/media/GhAaaaaXoAA3.jpg", 800, 1200)])])
    o.say("natt", "the 2015 photos 🥲", dt=200)
    o.at("2026-01-24 16:44:08.110")
    o.say("jules", "Pride month is in June but I'm already designing our booth banner 🏳️‍🌈 thoughts?",
          files=[("booth-banner-draft.png", 744_210)],
          reactions=[("🏳️‍🌈", crowd(6, "pride")), ("❤️‍🔥", ["amara", "priya"])])
    o.say("amara", "love the colors! maybe bigger logo?", dt=300)
    o.say("jules", "on it ✨", dt=60)
    o.at("2026-02-01 21:30:12.655")
    o.say("dave", "", stickers=["catdance"])
    o.say("dave", "me after the LIP-12 execution report <:catjam:>", dt=20)
    o.say("lukas", "👍🏿 👍🏻 👍🏽 skin tone gang", dt=120)
    o.say("theo", "<:catjam:> <:catjam:> <:catjam:>", dt=60)
    o.at("2026-02-09 11:11:11.111")
    o.say("hannah", "family trip this weekend 👨‍👩‍👧 no governance for me")
    o.say("mira", "enjoy! the DAO will survive 2 days 😂", dt=300)
    o.at("2026-02-14 19:20:30.400")
    o.say("dave", "||I actually voted AGAINST LIP-12|| 🙈")
    o.say("theo", "the spoiler tag doesn't hide it from Snapshot ser 💀", dt=60)
    o.say("dave", "", stickers=["serpls"], dt=30)
    o.at("2026-02-22 13:00:09.906")
    o.say("newbie", "which hardware wallet do you guys use?")
    o.say("rook", "any well-known one bought directly from the manufacturer. never second hand 🔒", dt=240)
    o.say("kenji", "+1. and write the seed on paper/metal, never a photo 🧠", dt=120)
    o.say("newbie", "👍🏽 ordering one today", dt=300)
    o.at("2026-02-28 20:00:40.707")
    o.say("priya", "it's my birthday 🎂")
    o.say("natt", "HBD 🥳🎉", dt=30)
    o.say("yuki", "お誕生日おめでとう！🎂", dt=60)
    o.say("omar", "كل عام وأنت بخير 🎉", dt=90)
    o.say("lukas", "Alles Gute! 🥨", dt=45)
    o.say("priya", "you all are the best 🫶", dt=200, reactions=[("❤️", crowd(7, "bday"))])


# ---------------------------------------------------------------------------
# #bot-commands
# ---------------------------------------------------------------------------

def lumi_embed(**kw):
    kw.setdefault("color", "#F5C542")
    return embed(**kw)


def write_bots():
    b = bots
    lumi_icon = USERS["lumi"].avatar_url
    b.at("2025-12-02 18:00:31.408")
    r = b.say("priya", "!rank")
    b.say("lumi", "", reply=r, dt=1.2, embeds=[lumi_embed(
        author=embed_author("Priya", None, USERS["priya"].avatar_url),
        description="**Rank #14** • Level 11\nXP: 3,412 / 4,000",
        fields=[("Messages", "1,208", True), ("Voice minutes", "95", True)],
        footer=embed_footer("Lumi • !help for commands", lumi_icon))])
    b.say("dave", "!rank", dt=20)
    b.say("lumi", "", reply=b.messages[-1], dt=1.1, embeds=[lumi_embed(
        author=embed_author("dave 🦇🔊", None, USERS["dave"].avatar_url),
        description="**Rank #3** • Level 27\nXP: 18,930 / 19,500",
        fields=[("Messages", "9,871", True), ("Voice minutes", "1,402", True)],
        footer=embed_footer("Lumi • !help for commands", lumi_icon))])
    b.say("priya", "how are you rank 3 😭", dt=40)
    b.say("dave", "I say gm every day. consistency ser <:ser:>", dt=30)
    b.at("2025-12-05 09:20:05.553")
    b.say("lumi", "", kind="20", interaction=("price", "theo"), embeds=[lumi_embed(
        title="LUMEN / USD", timestamp="2025-12-05T09:20:04+00:00",
        thumbnail=image("https://assets.coingecko.com/coins/images/99999/large/lumen.png", 250, 250),
        fields=[("Price", "$0.8421", True), ("24h", "▲ 3.2%", True), ("Market cap", "$84.2M", True),
                ("Volume 24h", "$3.1M", True)],
        footer=embed_footer("Data: CoinGecko • cached 60s"))])
    b.say("theo", "up only 📈", dt=30)
    b.at("2025-12-09 14:12:48.070")
    h = b.say("newbie", "!help")
    b.say("lumi",
        "Commands:\n"
        "```\n"
        "!rank            your level and XP\n"
        "!top             leaderboard\n"
        "/price [token]   token price (default LUMEN)\n"
        "/proposal <n>    Snapshot status of LIP-n\n"
        "```", reply=h, dt=0.9)
    b.say("newbie", "!wen", dt=15)
    b.say("lumi", "Unknown command `!wen`. Try `!help`.", reply=b.messages[-1], dt=0.7)
    b.say("newbie", "worth a try 😂", dt=20)
    b.at("2025-12-16 20:05:40.606")
    b.say("lumi", "🎉 GG <@priya>, you just reached **level 12**!", dt=0)
    b.say("priya", "🥳", dt=60)
    b.at("2026-01-21 11:02:13.330")
    b.say("lumi", "", kind="20", interaction=("proposal", "amara"), embeds=[lumi_embed(
        title="LIP-12: Treasury diversification",
        url="https://snapshot.org/#/lumendao.eth/proposal/0x3f7a0c2b9d8e1f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2",
        description="🟢 Active — ends Jan 27, 18:00 UTC",
        fields=[("For", "1,402,330 LUMEN (68.1%)", True), ("Against", "540,002 LUMEN (26.2%)", True),
                ("Abstain", "117,400 LUMEN (5.7%)", True), ("Quorum", "2.06M / 2.5M", False)],
        footer=embed_footer("Snapshot • lumendao.eth"))])
    b.say("amara", "quorum close, let's push turnout 🗳️", dt=120)
    b.at("2026-01-28 16:30:58.905")
    b.say("lumi", "", kind="20", interaction=("price", "dave"), embeds=[lumi_embed(
        title="LUMEN / USD", timestamp="2026-01-28T16:30:58+00:00",
        thumbnail=image("https://assets.coingecko.com/coins/images/99999/large/lumen.png", 250, 250),
        fields=[("Price", "$0.7718", True), ("24h", "▼ 4.9%", True), ("Market cap", "$77.2M", True),
                ("Volume 24h", "$5.8M", True)],
        footer=embed_footer("Data: CoinGecko • cached 60s"))])
    b.say("dave", "<:sadge:>", dt=25)
    b.say("lumi", "", kind="20", interaction=("price", "jules"), dt=40, embeds=[lumi_embed(
        title="ETH / USD", timestamp="2026-01-28T16:31:38+00:00",
        fields=[("Price", "$3,184.20", True), ("24h", "▼ 2.1%", True)],
        footer=embed_footer("Data: CoinGecko • cached 60s"))])
    b.at("2026-02-02 19:40:44.402")
    k = b.say("kenji", "!rank")
    b.say("lumi", "", reply=k, dt=0.8, embeds=[lumi_embed(
        author=embed_author("Kenji 🛠️", None, USERS["kenji"].avatar_url),
        description="**Rank #2** • Level 29\nXP: 21,877 / 22,500",
        fields=[("Messages", "11,302", True), ("Voice minutes", "2,215", True)],
        footer=embed_footer("Lumi • !help for commands", lumi_icon))])
    b.say("dave", "kenji farming XP in the dev channel 👀", dt=35)
    b.say("kenji", "it's called working ser", dt=25)

    b.at("2026-02-08 10:00:03.003")
    b.say("lumi", "🎉 GG <@jules>, you just reached **level 5**! New role unlocked: <@&Members>", dt=0)
    b.say("jules", "lets gooo", dt=45)
    b.at("2026-02-17 13:45:22.222")
    t = b.say("carlos", "!top")
    b.say("lumi", "", reply=t, dt=1.3, embeds=[lumi_embed(
        title="Leaderboard — Lumen DAO",
        description="1️⃣ Mira | Mod — 24,102 XP\n2️⃣ Kenji 🛠️ — 21,877 XP\n3️⃣ dave 🦇🔊 — 19,405 XP\n4️⃣ Sofía Rodríguez — 15,220 XP\n5️⃣ theo.eth — 12,998 XP",
        footer=embed_footer("Lumi • updated hourly", lumi_icon))])
    b.say("carlos", "one day 🫡", dt=30)
    b.at("2026-02-27 22:10:18.181")
    b.say("lumi", "", kind="20", interaction=("price", "natt"), embeds=[lumi_embed(
        title="LUMEN / THB", timestamp="2026-02-27T22:10:17+00:00",
        fields=[("ราคา", "฿28.41", True), ("24h", "▲ 1.3%", True)],
        footer=embed_footer("Data: CoinGecko • cached 60s"))])
    b.say("natt", "ขอบคุณ Lumi 🤖", dt=20)


# ---------------------------------------------------------------------------
# Output and validation
# ---------------------------------------------------------------------------

EXPORT_ORDER = ["announcements", "welcome", "general", "support", "international", "off-topic",
                "governance", "govthread", "dev", "devthread", "bot-commands"]
EXPORT_START_TICKS = parse_when("2026-03-05 10:41:07") * 10_000 + 4_170_931


def build():
    holiday = write_announcements()
    write_welcome()
    starter = write_governance()
    write_gov_thread(starter)
    write_dev()
    write_dev_thread()
    write_general(holiday)
    write_support()
    write_international()
    write_offtopic()
    write_bots()
    exports = []
    ticks = EXPORT_START_TICKS
    for key in EXPORT_ORDER:
        ch = ALL_CHANNELS[key]
        exports.append((ch, ch.export_obj(ticks)))
        ticks += 10_000_000 * (2 + len(ch.messages) // 40) + hnum("tick", key) % 10_000_000
    return exports


CHANNEL_NOTES = {
    "announcements": "News channel: mod/core posts, `@everyone`, pinned posts + pin notices, Snapshot webhook embeds "
                     "with fields, a PDF, a GitHub link embed, a Twitter embed with image, an edited post, "
                     "role mentions (`@Moderators`, `@日本語`), a voice-channel mention (`#Community Call [voice]`).",
    "welcome": "Rules (keycap emoji 1️⃣-5️⃣, pinned, edited), `GuildMemberJoin` messages, sticker-only "
               "\"wave\" replies to join messages (Lottie sticker), greetings in Japanese and Vietnamese.",
    "general": "Chit-chat with two pairs of interleaved conversations, replies with and without ping, a "
               "forwarded announcement, a boost message (type `\"8\"`), a Deleted User, a YouTube embed with "
               "`video`, gm in Arabic/Thai/Japanese/Spanish, German, ZWJ flag emoji, two image attachments.",
    "support": "Question/answer threads built from replies, an image and a PDF attachment, Arabic, German and "
               "Vietnamese questions, a reply whose parent was deleted (dangling `reference.messageId`), "
               "a mention of a user who is not a guild member, 0x addresses and tx hashes.",
    "international": "Japanese, Thai, Arabic, German, Spanish text; a role mention in Japanese; a NBSP "
                     "(written `\\u00A0`); flags.",
    "off-topic": "Memes and emoji: ZWJ sequences, skin tones, a `SPOILER_` attachment, spoiler markup, "
                 "Png/Apng/Gif stickers, sticker-only and attachment-only messages (empty content), a Twitter "
                 "embed with three `images`, animated custom emoji.",
    "governance": "Proposal talk: LIP/Proposal numbers, EIP-1559/EIP-4824, $50k / 10 ETH / 1.2M USDC, 0x "
                  "addresses, ENS names, FOR/AGAINST/ABSTAIN votes; the message the Proposal #12 thread was "
                  "started from (its id is the thread's id).",
    "govthread": "Public thread started from a #governance message: first message is type `\"21\"` (thread "
                 "starter) referencing that message; Thai text, an attachment, a pinned amendment, edits.",
    "dev": "Code: fenced blocks (bash, ts, go with tab characters, solidity, diff, regex, json with escaped "
           "quotes, a Windows path with backslashes), inline code, owner/repo#123 refs, versions, GitHub "
           "link embeds, a pinned setup post + pin notice, a `ThreadCreated` system message.",
    "devthread": "Public thread created without a starter message (see the `ThreadCreated` message in #dev); "
                 "rollout checklist, a .txt attachment, a GitHub embed.",
    "bot-commands": "Prefix commands (`!rank`, `!help`, `!top`, `!wen`) answered by the bot as replies with "
                    "embeds (author/fields/footer), slash-command responses (type `\"20\"` with `interaction`), "
                    "level-up messages, an embed with Thai field names.",
}


def _find(key, pred):
    hits = [m for m in ALL_CHANNELS[key].messages if pred(m)]
    if len(hits) != 1:
        raise ValueError("edge-case lookup in %s matched %d messages" % (key, len(hits)))
    return hits[0]


def _has(text):
    return lambda m: text in m["content"]


EDGE_CASES = [
    ("announcements", _has("Welcome to Lumen DAO season 3"), "`@everyone`, pinned, custom emoji `:lumen:` in content + inlineEmojis, 3 reactions incl. a custom one"),
    ("announcements", lambda m: m["author"]["name"] == "Snapshot" and "LIP-9" in m["embeds"][0]["title"], "webhook author (isBot, no roles), empty content, embed with author/footer/3 fields and an emoji in the description (embed inlineEmojis)"),
    ("announcements", _has("Q4 2025 treasury report"), "PDF attachment"),
    ("announcements", _has("Community call **today"), "edited; keycaps 1️⃣2️⃣3️⃣; voice-channel mention rendered `#Community Call [voice]`"),
    ("announcements", _has("Scam alert"), "pinned + edited; role mention `@Moderators`; `\"` quotes in content"),
    ("announcements", _has("New channel:"), "role mention `@日本語`; Japanese/Thai/Arabic in one line; flag reactions"),
    ("welcome", _has("# Welcome to Lumen DAO"), "rules: pinned, edited (~20 h later), keycaps 1️⃣-5️⃣, ✅ reaction with 15 users"),
    ("welcome", lambda m: m["type"] == "Reply" and m["author"]["name"] == "miraonchain" and m["stickers"], "sticker-only reply (Lottie `.json` sticker) to a GuildMemberJoin message; content \"\""),
    ("general", lambda m: "forwardedMessage" in m, "forward: content \"\", `reference.type` \"Forward\" pointing into #announcements, `forwardedMessage` present"),
    ("general", lambda m: m["type"] == "8", "boost message, unknown numeric type \"8\", content \"\""),
    ("general", _has("does anyone know if the indexer API has rate limits"), "Deleted User author (roles [], default avatar), edited"),
    ("general", _has("Turnout on the last 5 votes"), "start of interleaved conversations (turnout vs hoodie), untangled by replies"),
    ("general", _has("Honest question: why diversify"), "second interleaving (Proposal #12 vs hackathon), includes a reply with ping off"),
    ("general", _has("Bin nächste Woche in Berlin"), "German in #general, followed by a mod asking for English"),
    ("general", _has("see you all at ETHDenver"), "ZWJ flag 🏳️‍🌈 (surrogates + raw ZWJ/VS16 in the file)"),
    ("general", lambda m: m["content"].startswith("https://www.youtube.com/"), "content is only a URL; YouTube embed with `video` (url == canonicalUrl)"),
    ("support", _has("verify my wallet"), "reply to a deleted message: `reference.messageId` not in the export; mentions a non-member (\"Lumen Support\", roles [])"),
    ("support", _has("هل التصويت مجاني"), "English + Arabic in one message"),
    ("support", _has("Làm sao để nhận role"), "Vietnamese question; the answer is a reply without ping"),
    ("international", _has("Community-Topf"), "NBSP U+00A0, written as `\\u00A0`"),
    ("international", _has("来週の木曜日"), "role mention `@日本語` inside Japanese text"),
    ("governance", lambda m: m["isPinned"] and "LIP-12 draft" in m["content"], "thread starter: its id is the id of the Proposal #12 thread; pinned; forum link embed"),
    ("govthread", lambda m: m["type"] == "21", "type \"21\" (thread starter) with content \"\" and a reference to the #governance message"),
    ("dev", lambda m: m["type"] == "ThreadCreated", "\"Started a thread.\"; `reference.messageId` null, `reference.channelId` = the indexer v2 rollout thread"),
    ("dev", _has("Wrote a tiny Go client"), "code block with tab characters (`\\t`), GitHub embed, 2 reactions"),
    ("dev", _has("Windows contributor here"), "backslashes (`\\\\`) and quotes inside a code block"),
    ("dev", _has("error body would look like this"), "JSON code block: escaped quotes, an escaped backslash-quote"),
    ("dev", _has("Dev setup for new contributors"), "pinned + edited 3 days later (pin notice follows), user mention"),
    ("bot-commands", lambda m: m["type"] == "20" and m["interaction"]["name"] == "proposal", "slash-command response (type \"20\"), `interaction` {name \"proposal\", user with roles}"),
    ("bot-commands", lambda m: m["type"] == "Reply" and m["author"]["name"] == "Lumi" and m["embeds"] and m["embeds"][0].get("author", {}).get("name") == "Priya", "bot reply to `!rank` with embed author/fields/footer; legacy-discriminator bot (#8162)"),
    ("off-topic", lambda m: any(a["fileName"].startswith("SPOILER_") for a in m["attachments"]), "spoiler attachment `SPOILER_chart.png`"),
    ("off-topic", lambda m: m["embeds"] and len(m["embeds"][0]["images"]) == 3, "Twitter embed with 3 merged `images`"),
    ("off-topic", _has("skin tone gang"), "skin-tone modifiers 👍🏿 👍🏻 👍🏽"),
    ("off-topic", _has("family trip"), "multi-ZWJ family emoji 👨‍👩‍👧"),
]


def readme(exports):
    lines = []
    add = lines.append
    add("# Fixture guild: Lumen DAO (synthetic)")
    add("")
    add("A made-up DAO community server exported the way DiscordChatExporter does it (JSON, `--utc`, default")
    add("markdown rendering), written for dbind's tests. Every user, id, address, link and message here is")
    add("fictional; nothing was exported from a real server. The files are generated by")
    add("`scripts/make_fixture_guild.py` (deterministic, stdlib only), which also wrote this README. Do not")
    add("edit the JSON by hand: change the script and run `python3 scripts/make_fixture_guild.py`.")
    add("")
    add("Format reference: `../shared/data/dce-json-format.md`. Highlights of what the files reproduce:")
    add("2-space indentation, DCE key order, `null` for absent values, conditional keys only when set,")
    add("non-BMP characters as upper-case surrogate-pair escapes while other non-ASCII text and `<>&'` are")
    add("raw, NBSP escaped, ids as strings, snowflake ids whose time equals the message timestamp,")
    add("timestamps with `+00:00` and 0-3 fraction digits (edited timestamps up to 6, `exportedAt` 7),")
    add("`messageCount` = messages in the file, no trailing newline.")
    add("")
    add("Guild: **%s**, id `%s`. Total: **%d messages** in %d files, %d Reply messages." % (
        GUILD_NAME, GUILD["id"], sum(len(c.messages) for c, _ in exports), len(exports),
        sum(1 for c, _ in exports for m in c.messages if m["type"] == "Reply")))
    add("")
    add("| channel | id | type | parent (categoryId) | messages | exercises |")
    add("|---|---|---|---|---|---|")
    for ch, obj in exports:
        add("| %s | `%d` | %s | %s (`%d`) | %d | %s |" % (
            ch.name, ch.id, ch.kind, ch.parent.name, ch.parent.id, len(ch.messages), CHANNEL_NOTES[ch.key]))
    add("")
    add("File names follow DCE's default `<Guild> - <Parent> - <Channel> [<id>].json`; for threads the")
    add("parent is the parent channel (`channel.categoryId`/`category` hold the parent channel, not a")
    add("category). The Governance category name contains an emoji, so one file name does too.")
    add("")
    add("## Authors")
    add("")
    add("| username | display name (`nickname`) | discriminator | roles (highest first) | color | notes |")
    add("|---|---|---|---|---|---|")
    notes = {
        "mira": "moderator", "rook": "moderator, animated avatar", "kenji": "emoji in display name",
        "sofia": "guild-specific avatar URL", "omar": "Arabic display name; color from a lower role",
        "natt": "Thai display name", "yuki": "Japanese display name; highest role has no color",
        "dave": "emoji in display name, animated avatar", "newbie": "legacy username with discriminator",
        "marco": "left the guild (roles [])", "ivy": "member without roles", "bao": "Vietnamese display name",
        "hannah": "new account, default avatar", "ghost": "deleted account",
        "scam": "only appears in a mention; not a member", "lumi": "bot with a legacy discriminator",
        "snapshot": "webhook (isBot, not a member)",
    }
    for u in USERS.values():
        add("| %s | %s | %s | %s | %s | %s |" % (u.name, u.display.replace("|", "\\|"), u.discriminator,
            ", ".join(r["name"] for r in u.roles) or "(none)", u.color or "null", notes.get(u.key, "")))
    add("")
    add("## Edge cases, by message id")
    add("")
    add("| channel | message id | what |")
    add("|---|---|---|")
    for key, pred, what in EDGE_CASES:
        m = _find(key, pred)
        add("| %s | `%s` | %s |" % (ALL_CHANNELS[key].name, m["id"], what))
    no_frac = [m for c, _ in exports for m in c.messages if "." not in m["timestamp"]]
    long_edit = [m for c, _ in exports for m in c.messages
                 if m["timestampEdited"] and len(m["timestampEdited"].split(".")[1].split("+")[0]) == 6]
    add("")
    add("Timestamps without a fraction (`...:SS+00:00`): %s." % ", ".join("`%s`" % m["id"] for m in no_frac))
    add("Edited timestamps with 6 fraction digits: %s." % ", ".join("`%s`" % m["id"] for m in long_edit))
    short_edit = [m for c, _ in exports for m in c.messages
                  if m["timestampEdited"] and len(m["timestampEdited"].split(".")[1].split("+")[0]) == 5]
    add("Edited timestamps with 5 fraction digits (trailing zero trimmed): %s." % ", ".join(
        "`%s`" % m["id"] for m in short_edit))
    add("")
    add("Deliberate irregularities: exactly one Reply whose parent is missing (see the table); pinned")
    add("messages without a pin notice (the Proposal #12 starter and the pinned posts in both threads); reaction users")
    add("carry no `roles`; `mentions` of a reply include the replied-to author unless the reply was sent")
    add("without ping, and that author's name is not in `content`. Emoji inside a mentioned user's display")
    add("name (e.g. `@Kenji 🛠️`) are not listed in `inlineEmojis`, as DCE extracts emoji from the raw markdown.")
    add("")
    add("The generator re-reads what it wrote and checks: every file parses, top-level keys and order,")
    add("`messageCount`, no raw non-BMP bytes, unique ids, snowflake time == `timestamp`, chronological order,")
    add("edits after posts, reply targets present in the same channel (except the one deliberate dangling")
    add("reply), and pin notices pointing at pinned messages.")
    return "\n".join(lines) + "\n"


def write(exports, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        if old.endswith(".json") and old.startswith(GUILD_NAME + " - "):
            os.remove(os.path.join(out_dir, old))
    paths = []
    for ch, obj in exports:
        path = os.path.join(out_dir, ch.file_name())
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(dump(obj))
        paths.append(path)
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(readme(exports))
    return paths


def validate(paths):
    problems = []
    ids = {}
    by_id = {}
    allowed_dangling = set()
    total = 0
    for path in paths:
        raw = open(path, "rb").read()
        if raw.startswith(b"\xef\xbb\xbf"):
            problems.append("%s: BOM" % path)
        doc = json.loads(raw.decode("utf-8"))
        if list(doc) != ["guild", "channel", "dateRange", "exportedAt", "messages", "messageCount"]:
            problems.append("%s: top-level keys %s" % (path, list(doc)))
        if doc["messageCount"] != len(doc["messages"]):
            problems.append("%s: messageCount mismatch" % path)
        if re.search(rb"[\xf0-\xf4]", raw):
            problems.append("%s: raw non-BMP character (should be a surrogate escape)" % path)
        chan_id = doc["channel"]["id"]
        prev = -1
        for m in doc["messages"]:
            total += 1
            mid = m["id"]
            if mid in ids:
                problems.append("duplicate message id %s" % mid)
            ids[mid] = chan_id
            by_id[mid] = m
            ms = snowflake_ms(mid)
            ts = datetime.fromisoformat(m["timestamp"])
            if int(round(ts.timestamp() * 1000)) != ms:
                problems.append("%s: timestamp %s does not match snowflake" % (mid, m["timestamp"]))
            if ms <= prev:
                problems.append("%s: not chronological" % mid)
            prev = ms
            if m["timestampEdited"] and datetime.fromisoformat(m["timestampEdited"]) <= ts:
                problems.append("%s: edited before posted" % mid)
            if m.get("content") is None:
                problems.append("%s: content null" % mid)
    for mid, m in by_id.items():
        if m["type"] == "Reply":
            target = m["reference"]["messageId"]
            if target not in by_id:
                if "verify my wallet" in m["content"]:
                    allowed_dangling.add(mid)
                else:
                    problems.append("%s: reply target %s missing" % (mid, target))
            elif ids[target] != m["reference"]["channelId"]:
                problems.append("%s: reply target in another channel" % mid)
        if m["type"] == "ChannelPinnedMessage":
            target = m["reference"]["messageId"]
            if target not in by_id or not by_id[target]["isPinned"]:
                problems.append("%s: pin notice target missing or not pinned" % mid)
    if len(allowed_dangling) != 1:
        problems.append("expected exactly one deliberate dangling reply, got %d" % len(allowed_dangling))
    return problems, total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    exports = build()
    paths = write(exports, args.out)
    for (ch, obj), path in zip(exports, paths):
        print("%4d  %s" % (obj["messageCount"], os.path.basename(path)))
    problems, total = validate(paths)
    print("%4d  messages in %d files" % (total, len(paths)))
    if problems:
        for p in problems:
            print("PROBLEM:", p, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
