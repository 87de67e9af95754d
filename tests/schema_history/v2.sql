-- Schema version 2 as roundtable wrote it (frozen: the databases in use were made by exactly this).
    ALTER TABLE requests ADD COLUMN speech_type TEXT NOT NULL DEFAULT 'statement';
    ALTER TABLE requests ADD COLUMN language TEXT;
    CREATE TABLE session_state (
        session_id TEXT PRIMARY KEY REFERENCES sessions (id),
        list_closed INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    );
