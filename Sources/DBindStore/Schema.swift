import GRDB

/// The database schema, as a list of versioned migrations.
///
/// Migrations only ever get appended: a store written by an older dbind is brought up to date
/// on open, and nothing already recorded is rewritten.
enum Schema {
    /// Secondary indexes of the ingested tables. A large ingest drops those marked
    /// `rebuiltAfterLoads` and builds them again afterwards (one sorted pass instead of millions
    /// of random inserts); opening a store recreates any that an interrupted ingest left missing.
    /// The channel-time index stays: ingest writes messages in id order, which is time order,
    /// so each channel's entries are appended at its end, like the table's rows.
    static let ingestIndexes: [(name: String, definition: String, rebuiltAfterLoads: Bool)] = [
        ("messages_by_channel_time", "messages(channel_id, timestamp, id)", false),
        ("messages_by_author", "messages(author_id, timestamp)", true),
        ("messages_by_reply", "messages(reply_to) WHERE reply_to IS NOT NULL", true),
        ("mentions_by_author", "mentions(author_id)", true),
    ]

    /// The migration every store begins with: a database that has applied it is a store.
    static let firstMigration = "v1-guild"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(firstMigration) { db in
            try db.execute(sql: """
            CREATE TABLE guilds (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                icon_url TEXT
            );
            CREATE TABLE channels (
                id INTEGER PRIMARY KEY,
                guild_id INTEGER NOT NULL REFERENCES guilds(id),
                type TEXT NOT NULL,
                name TEXT NOT NULL,
                topic TEXT,
                parent_id INTEGER,
                parent_name TEXT,
                is_thread INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX channels_by_guild ON channels(guild_id);
            CREATE TABLE roles (
                id INTEGER PRIMARY KEY,
                guild_id INTEGER NOT NULL REFERENCES guilds(id),
                name TEXT NOT NULL,
                color TEXT,
                position INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE authors (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                discriminator TEXT NOT NULL DEFAULT '0000',
                nickname TEXT,
                color TEXT,
                is_bot INTEGER NOT NULL DEFAULT 0,
                avatar_url TEXT
            );
            CREATE TABLE member_roles (
                guild_id INTEGER NOT NULL REFERENCES guilds(id),
                author_id INTEGER NOT NULL REFERENCES authors(id),
                role_id INTEGER NOT NULL REFERENCES roles(id),
                PRIMARY KEY (guild_id, author_id, role_id)
            ) WITHOUT ROWID;
            CREATE TABLE messages (
                id INTEGER PRIMARY KEY,
                channel_id INTEGER NOT NULL REFERENCES channels(id),
                author_id INTEGER NOT NULL REFERENCES authors(id),
                type TEXT NOT NULL,
                is_system INTEGER NOT NULL DEFAULT 0,
                timestamp INTEGER NOT NULL,
                utc_offset INTEGER NOT NULL DEFAULT 0,
                edited_at INTEGER,
                call_ended_at INTEGER,
                is_pinned INTEGER NOT NULL DEFAULT 0,
                content TEXT NOT NULL,
                reply_to INTEGER,
                reference_type TEXT,
                reference_message_id INTEGER,
                reference_channel_id INTEGER,
                reference_guild_id INTEGER,
                interaction_id INTEGER,
                interaction_name TEXT,
                interaction_user_id INTEGER,
                forwarded_content TEXT,
                exported_at INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE mentions (
                message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                author_id INTEGER NOT NULL REFERENCES authors(id),
                PRIMARY KEY (message_id, author_id)
            ) WITHOUT ROWID;
            CREATE TABLE reactions (
                message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                emoji_key TEXT NOT NULL,
                position INTEGER NOT NULL,
                emoji_id INTEGER,
                emoji_name TEXT NOT NULL,
                emoji_code TEXT NOT NULL,
                is_animated INTEGER NOT NULL DEFAULT 0,
                emoji_image_url TEXT,
                count INTEGER NOT NULL,
                user_ids TEXT,
                PRIMARY KEY (message_id, emoji_key)
            ) WITHOUT ROWID;
            CREATE TABLE attachments (
                message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                id INTEGER NOT NULL,
                url TEXT NOT NULL,
                file_name TEXT NOT NULL,
                size_bytes INTEGER NOT NULL,
                PRIMARY KEY (message_id, id)
            ) WITHOUT ROWID;
            CREATE TABLE embeds (
                message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                title TEXT NOT NULL,
                url TEXT,
                timestamp INTEGER,
                description TEXT NOT NULL,
                color TEXT,
                author_name TEXT,
                footer_text TEXT,
                image_url TEXT,
                fields TEXT,
                PRIMARY KEY (message_id, position)
            ) WITHOUT ROWID;
            CREATE TABLE stickers (
                message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                id INTEGER NOT NULL,
                name TEXT NOT NULL,
                format TEXT NOT NULL,
                source_url TEXT NOT NULL,
                PRIMARY KEY (message_id, id)
            ) WITHOUT ROWID;
            CREATE INDEX messages_by_channel_time ON messages(channel_id, timestamp, id);
            CREATE INDEX messages_by_author ON messages(author_id, timestamp);
            CREATE INDEX messages_by_reply ON messages(reply_to) WHERE reply_to IS NOT NULL;
            CREATE INDEX mentions_by_author ON mentions(author_id);
            CREATE TABLE ingest_files (
                path TEXT PRIMARY KEY,
                channel_id INTEGER,
                size_bytes INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('complete', 'partial', 'failed')),
                messages INTEGER NOT NULL DEFAULT 0,
                error TEXT,
                finished_at INTEGER NOT NULL
            );
            """)
        }
        migrator.registerMigration("v1-results") { db in
            try db.execute(sql: """
            CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                stage TEXT NOT NULL,
                version TEXT NOT NULL,
                schema_name TEXT,
                schema_version TEXT,
                started_at INTEGER NOT NULL,
                finished_at INTEGER
            );
            CREATE TABLE conversations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                channel_id INTEGER NOT NULL REFERENCES channels(id),
                first_message_id INTEGER NOT NULL,
                start_at INTEGER NOT NULL,
                end_at INTEGER NOT NULL,
                message_count INTEGER NOT NULL,
                participant_count INTEGER NOT NULL,
                first_question_id INTEGER,
                answered INTEGER,
                run_id INTEGER REFERENCES runs(id)
            );
            CREATE INDEX conversations_by_channel ON conversations(channel_id, start_at);
            CREATE TABLE conversation_links (
                message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
                conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                antecedent_id INTEGER,
                rule TEXT NOT NULL,
                score REAL NOT NULL,
                origin TEXT NOT NULL DEFAULT 'auto' CHECK (origin IN ('auto', 'manual'))
            );
            CREATE INDEX conversation_links_by_conversation ON conversation_links(conversation_id);
            CREATE TABLE spans (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('question', 'entity')),
                type TEXT NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                value TEXT,
                rule TEXT NOT NULL,
                confidence REAL NOT NULL,
                run_id INTEGER REFERENCES runs(id)
            );
            CREATE INDEX spans_by_message ON spans(message_id);
            CREATE INDEX spans_by_type ON spans(kind, type);
            CREATE TABLE tags (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                level TEXT NOT NULL CHECK (level IN ('channel', 'conversation', 'message', 'span')),
                item_id TEXT NOT NULL,
                facet TEXT NOT NULL,
                tag TEXT NOT NULL,
                confidence REAL NOT NULL,
                rules TEXT NOT NULL,
                schema_name TEXT NOT NULL,
                schema_version TEXT NOT NULL,
                run_id INTEGER REFERENCES runs(id),
                created_at INTEGER NOT NULL,
                UNIQUE (level, item_id, tag)
            );
            CREATE INDEX tags_by_tag ON tags(tag, confidence);
            CREATE TABLE label_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                annotator TEXT NOT NULL,
                level TEXT NOT NULL,
                item_id TEXT NOT NULL,
                label_set TEXT NOT NULL,
                action TEXT NOT NULL,
                old_value TEXT,
                new_value TEXT,
                note TEXT
            );
            CREATE INDEX label_events_by_item ON label_events(level, item_id);
            CREATE TRIGGER label_events_are_append_only_update BEFORE UPDATE ON label_events
            BEGIN SELECT RAISE(ABORT, 'label history is append-only'); END;
            CREATE TRIGGER label_events_are_append_only_delete BEFORE DELETE ON label_events
            BEGIN SELECT RAISE(ABORT, 'label history is append-only'); END;
            CREATE TABLE labels (
                level TEXT NOT NULL,
                item_id TEXT NOT NULL,
                label_set TEXT NOT NULL,
                annotator TEXT NOT NULL,
                value TEXT NOT NULL,
                event_id INTEGER NOT NULL REFERENCES label_events(id),
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (level, item_id, label_set, annotator)
            ) WITHOUT ROWID;
            """)
        }
        migrator.registerMigration("v2-review") { db in
            try db.execute(sql: """
            CREATE TABLE label_sets (
                name TEXT PRIMARY KEY,
                level TEXT NOT NULL CHECK (level IN ('channel', 'conversation', 'message', 'span')),
                facet TEXT,
                multi INTEGER NOT NULL DEFAULT 0,
                labels TEXT NOT NULL
            );
            ALTER TABLE label_events ADD COLUMN undoes INTEGER;
            CREATE INDEX label_events_by_annotator ON label_events(annotator, id);
            CREATE INDEX label_events_by_undoes ON label_events(undoes) WHERE undoes IS NOT NULL;
            CREATE INDEX labels_by_set ON labels(label_set, annotator);
            CREATE TABLE review_positions (
                annotator TEXT NOT NULL,
                queue TEXT NOT NULL,
                state TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (annotator, queue)
            ) WITHOUT ROWID;
            CREATE INDEX tags_by_facet ON tags(facet, level, confidence);
            CREATE INDEX tags_by_item ON tags(level, item_id, facet, confidence);
            CREATE INDEX spans_by_kind_confidence ON spans(kind, confidence);
            CREATE INDEX spans_by_position ON spans(message_id, start, "end");
            CREATE INDEX conversation_links_by_score ON conversation_links(score);
            CREATE INDEX conversation_links_by_conversation_score ON conversation_links(conversation_id, score);
            """)
        }
        migrator.registerMigration("v3-tag-state") { db in
            try db.execute(sql: """
            CREATE TABLE tag_state (
                channel_id INTEGER PRIMARY KEY REFERENCES channels(id),
                schema_name TEXT NOT NULL,
                schema_version TEXT NOT NULL,
                messages INTEGER NOT NULL,
                last_message INTEGER NOT NULL,
                edits INTEGER NOT NULL,
                exported INTEGER NOT NULL,
                manual_links INTEGER NOT NULL,
                tagged_at INTEGER NOT NULL
            );
            """)
        }
        // Two indexes that are prefixes of others (`spans_by_position`,
        // `conversation_links_by_conversation_score`) serve every lookup they did, foreign keys
        // included; dropping them spares `dbind tag` a B-tree insert per span and per link.
        migrator.registerMigration("v4-drop-prefix-indexes") { db in
            try db.execute(sql: """
            DROP INDEX spans_by_message;
            DROP INDEX conversation_links_by_conversation;
            """)
        }
        return migrator
    }
}
