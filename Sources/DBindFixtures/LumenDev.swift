import DBindCore
import DBindFormats

extension LumenBuilder {
    /// #dev: code blocks, GitHub embeds, and the system message of the thread it opens.
    func writeDev() {
        let d = channel("dev")
        d.at("2025-12-02 10:15:07.700")
        let setup = d.say(
            "kenji",
            """
            Dev setup for new contributors 🛠️
            ```bash
            git clone https://github.com/lumen-dao/indexer.git
            cd indexer && cp .env.example .env
            docker compose up -d postgres
            pnpm install && pnpm dev
            ```
            Node 20+, pnpm 9. Ping me or <@priya> if something breaks.
            """,
            pinned: true, edited: 86400 * 3)
        d.pinNotice("kenji", setup, dt: 12)
        d.at("2025-12-03 14:40:22.018")
        let q = d.say("priya", "fresh clone, `pnpm dev` fails with `ECONNREFUSED 127.0.0.1:5432` — postgres is up though?")
        d.say(
            "kenji", "is it maybe bound to the docker network only? try `docker compose ps` and check the port mapping",
            reply: q)
        d.say("priya", "yep, an old local postgres was squatting 5432. killed it, works now 🙈", dt: 140)
        d.say("kenji", "classic. I'll add a check to the README", dt: 60)
        d.at("2025-12-09 09:30:55.119")
        d.say(
            "omar",
            """
            Opened lumen-dao/indexer#482: delegate profile query does N+1 lookups for ENS names. \
            Before/after on 500 delegates: 3.9s → 0.41s
            """,
            embeds: [
                githubEmbed(
                    "lumen-dao/indexer/pull/482",
                    "perf: batch ENS lookups in delegate profiles by omar-haddad · Pull Request #482 · lumen-dao/indexer",
                    "Replaces per-row reverse resolution with a single multicall batch.")])
        d.say("kenji", "nice! reviewing after standup", dt: 300)
        d.say(
            "kenji",
            """
            one nit: the batch size should be configurable, some RPCs cap multicall at 100 calls
            ```ts
            const ENS_BATCH_SIZE = Number(process.env.ENS_BATCH_SIZE ?? 100);
            for (const chunk of chunks(addresses, ENS_BATCH_SIZE)) {
              const names = await resolver.reverseMany(chunk); // Map<Address, string | null>
              names.forEach((name, addr) => cache.set(addr, name));
            }
            ```
            """,
            dt: 2400)
        d.say(
            "omar", "done, pushed. also added a test with a fake resolver that returns `null` for half the addresses",
            dt: 900)
        d.say("kenji", "merged ✅ will ship in v1.8.0", dt: 600, reactions: [("🚀", ["omar", "priya"])])
        d.at("2025-12-15 12:48:30.007")
        d.say(
            "kenji",
            "tagging v1.8.0 now. changelog: https://github.com/lumen-dao/indexer/blob/main/CHANGELOG.md#180---2025-12-15")
        d.at("2025-12-18 16:04:12.555")
        let b = d.say(
            "priya",
            """
            Windows contributor here 😅 the migration script breaks on paths with backslashes:
            ```
            Error: ENOENT: no such file or directory, open 'C:\\Users\\priya\\lumen\\indexer\\migrations\\0007_delegates.sql'
                at Object.openSync (node:fs:573:18)
            ```
            looks like we build the path with `"/" + name` somewhere
            """)
        d.say("kenji", "ugh. should be `path.join(migrationsDir, name)`. want to send the fix?", reply: b)
        d.say("priya", "on it → lumen-dao/indexer#489", dt: 1200)
        d.at("2026-01-06 10:22:40.091")
        d.say(
            "lukas",
            """
            Wrote a tiny Go client for the indexer API for our dashboard, sharing in case it's useful:
            ```go
            func (c *Client) Delegate(ctx context.Context, addr string) (*Delegate, error) {
            \treq, err := http.NewRequestWithContext(ctx, "GET", c.base+"/v1/delegates/"+addr, nil)
            \tif err != nil {
            \t\treturn nil, err
            \t}
            \tvar d Delegate
            \treturn &d, c.do(req, &d)
            }
            ```
            repo: https://github.com/lukasweber/lumen-go
            """,
            embeds: [
                githubEmbed(
                    "lukasweber/lumen-go", "GitHub - lukasweber/lumen-go: Go client for the Lumen DAO indexer API",
                    "Go client for the Lumen DAO indexer API. Contribute to lukasweber/lumen-go development by creating an account on GitHub.")],
            reactions: [("🐢", ["dave"]), ("🔥", ["kenji", "priya", "omar"])])
        d.say("dave", "go gopher gang 🐢", dt: 300)
        d.say("kenji", "<@lukas> nice, mind if we link it from the docs under \"community SDKs\"?", dt: 200)
        d.say("lukas", "go for it", dt: 400)
        d.at("2026-01-14 21:10:05.480")
        let sol = d.say(
            "omar",
            """
            Question on the vesting contract: is this guard correct? feels like it allows claiming twice in the same block
            ```solidity
            function claim() external {
                uint256 amount = vested(msg.sender) - claimed[msg.sender];
                require(amount > 0, "nothing to claim");
                claimed[msg.sender] += amount;
                token.safeTransfer(msg.sender, amount);
            }
            ```
            """)
        d.say(
            "kenji",
            "no, `claimed` is updated before the transfer (checks-effects-interactions) so a second call in the same block gets amount == 0 and reverts",
            dt: 700, reply: sol)
        d.say("omar", "ah right, I misread. thanks 🙏", dt: 120)
        d.say("sofia", "audited by two firms btw, reports in https://docs.lumendao.org/security", dt: 300)
        d.at("2026-01-22 15:00:00.000")
        d.say(
            "kenji",
            """
            v2 planning: moving from polling to websocket subscriptions + a proper queue. \
            Tracking issue lumen-dao/indexer#500. Target: rc by early Feb.
            """,
            embeds: [
                githubEmbed(
                    "lumen-dao/indexer/issues/500",
                    "Indexer v2: event subscriptions and job queue · Issue #500 · lumen-dao/indexer",
                    "Replace block polling with eth_subscribe, add a durable job queue (pg-boss), split the API from the worker.")])
        d.say("priya", "I can take the API/worker split 🙋‍♀️", dt: 500)
        d.say("omar", "I'll do the queue", dt: 90)
        d.say("kenji", "🙌 assigned. standup Tuesdays 15:00 UTC in <#stage>", dt: 240)
        d.at("2026-01-29 11:05:27.940")
        let rx = d.say(
            "priya",
            """
            Address validation in the API is too loose, it accepts `0x` + 39 chars. Proposal:
            ```regex
            ^0x[a-fA-F0-9]{40}$
            ```
            and reject mixed-case input that fails the EIP-55 checksum
            """)
        d.say(
            "kenji", "+1, but use `isAddress()` from viem instead of a regex, it does the checksum for us", dt: 400,
            reply: rx)
        d.say(
            "priya",
            """
            fair. error body would look like this:
            ```json
            {
              "error": "invalid_address",
              "detail": "expected 0x-prefixed 20-byte hex, got \\"0x71C7…976\\""
            }
            ```
            """,
            dt: 300)
        d.say("omar", "maybe also a `hint` field? people paste ENS names there all the time (e.g. `vitalik.eth`)", dt: 200)
        d.say(
            "kenji", "good idea. ENS names → resolve, then validate. ship it in lumen-dao/indexer#509", dt: 150,
            reactions: [("👍", ["priya", "omar"])])

        d.at("2026-02-03 16:11:40.336")
        d.say(
            "kenji",
            "rc.1 is tagged: " + rel("v2.0.0-rc.1") + " — starting a thread for the rollout so this channel stays readable")
        // The thread was created without a starter message: DCE shows a ThreadCreated system message.
        d.clock = Snowflake(channel("devthread").id).createdAtMilliseconds
        d.say(
            "kenji", dt: 0.3, kind: "ThreadCreated",
            ref: d.reference(to: nil, in: channel("devthread").id))
        d.at("2026-02-09 11:30:19.902")
        d.say("jules", "Hi! frontend dev here, new to web3. Is there a list of good first issues?")
        d.say(
            "priya", "<@jules> welcome! label `good first issue` on lumen-dao/frontend — #77 and #81 are nice starters",
            dt: 420)
        d.say("jules", "perfect, picking lumen-dao/frontend#81 (dark mode toggle)", dt: 200)
        d.at("2026-02-12 17:45:51.330")
        d.say(
            "jules", "PR is up: https://github.com/lumen-dao/frontend/pull/94 — first web3 PR ever 👩‍💻",
            embeds: [
                githubEmbed(
                    "lumen-dao/frontend/pull/94",
                    "feat: dark mode toggle by jules-dev · Pull Request #94 · lumen-dao/frontend",
                    "Adds a theme toggle persisted in localStorage. Closes #81.")],
            reactions: [("🎉", crowd(5, "pr94")), ("👩‍💻", ["priya"])])
        d.say("kenji", "approved with two small comments. welcome aboard <@jules> 🎉", dt: 3000)
        d.at("2026-02-20 09:05:33.808")
        d.say(
            "kenji",
            """
            Heads-up: v2.0.0 final is tagged 🎉 Breaking change for API users:
            ```diff
            - GET /delegates?sort=votes
            + GET /v2/delegates?sort=-votingPower
            ```
            v1 endpoints stay up until v2.2. Docs: https://docs.lumendao.org/api/v2
            """,
            edited: 600, reactions: [("🎉", crowd(7, "v2")), ("😬", ["lukas"])])
        d.say("lukas", "ok updating the Go client 😬", dt: 400)
        d.say("lukas", "done → lumen-go v0.3.0 supports /v2", dt: 5400)
    }

    /// The indexer v2 rollout thread, created without a starter message.
    func writeDevThread() {
        let t = channel("devthread")
        t.at("2026-02-03 16:13:02.440")
        t.say(
            "kenji",
            """
            Rollout plan for v2.0.0-rc.1:
            1. staging today (indexer-staging.lumendao.org)
            2. shadow-run against prod for 72h, diff the outputs
            3. switch the API behind a flag
            4. v2.0.0 final if no diffs
            Known issues: reorg handling on Arbitrum is untested.
            """,
            pinned: true)
        t.say("omar", "queue is deployed on staging. 0 failed jobs so far")
        t.say("priya", "API split deployed, p95 latency 38ms vs 120ms on v1 👀", dt: 900)
        t.at("2026-02-04 09:10:27.118")
        let bug = t.say(
            "omar",
            """
            Found a diff: delegate `0x71C7656EC7ab88b098defB751B7401B5f6d8976F` shows 0 votes on v2 but 12 on v1. \
            Looks like events from block 19,432,110 were skipped after a websocket reconnect 🐛
            """,
            files: [("diff-report-2026-02-04.txt", 18_502)])
        t.say(
            "kenji", "good find. we resubscribe from `latest` instead of from the last processed block", dt: 600,
            reply: bug)
        t.say(
            "kenji",
            """
            fix: https://github.com/lumen-dao/indexer/pull/517
            ```ts
            ws.on("reconnect", async () => {
              const from = (await store.lastProcessedBlock()) + 1;
              await backfill(from, await provider.getBlockNumber());
              subscribe();
            });
            ```
            """,
            dt: 2600,
            embeds: [
                githubEmbed(
                    "lumen-dao/indexer/pull/517",
                    "fix: backfill missed blocks after websocket reconnect by kenji-dev · Pull Request #517 · lumen-dao/indexer",
                    "Backfills from the last processed block before resubscribing. Adds a reconnect test with a fake provider.")])
        t.say("omar", "LGTM, approved", dt: 500)
        t.at("2026-02-05 14:22:10.551")
        t.say("priya", "shadow-run restarted with #517. will post the diff tomorrow", edited: 75)
        t.at("2026-02-06 14:30:44.003")
        t.say("priya", "24h diff: 0 mismatches across 2,341 delegates ✅")
        t.say("kenji", "🎉 let's give it the full 72h before flipping the flag", dt: 300)
        t.at("2026-02-08 15:01:20.090")
        t.say("priya", "72h diff clean. flipping the flag on prod now")
        t.say("priya", "flag on. monitoring 👀", dt: 240)
        t.say("omar", "error rate flat, queue depth < 10", dt: 600)
        t.at("2026-02-10 10:12:12.120")
        t.say("lukas", "reorg question: how deep do you handle on Arbitrum? we saw a 3-block reorg last month")
        t.say("kenji", "we keep 64 blocks of undo logs per chain. 3 is fine. anything deeper pages someone", dt: 700)
        t.say("lukas", "perfect 👍🏻", dt: 60)
        t.at("2026-02-20 09:07:00.040")
        t.say("kenji", "v2.0.0 final shipped, closing this thread. thanks <@omar> <@priya> 🙏")
    }
}
