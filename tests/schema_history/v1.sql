-- Schema version 1 as roundtable wrote it (frozen: the databases in use were made by exactly this).
    CREATE TABLE forum (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        theme TEXT,
        venue TEXT,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        organisers TEXT NOT NULL DEFAULT '[]',
        languages TEXT NOT NULL DEFAULT '["en"]',
        background TEXT,
        objectives TEXT NOT NULL DEFAULT '[]',
        programme_path TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE tracks (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        date TEXT NOT NULL,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        track TEXT,
        room TEXT,
        chair TEXT,
        rapporteur TEXT,
        attribution TEXT NOT NULL DEFAULT 'attributed',
        speaking_time INTEGER NOT NULL DEFAULT 180,
        queue_policy TEXT NOT NULL DEFAULT 'fifo',
        requests_close TEXT,
        in_programme INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX sessions_by_time ON sessions (date, start);
    CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        honorific TEXT,
        position TEXT,
        organisation TEXT,
        country TEXT,
        category TEXT NOT NULL DEFAULT 'other',
        rank TEXT NOT NULL DEFAULT 'other',
        gender TEXT,
        email TEXT,
        origin TEXT NOT NULL DEFAULT 'roster',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id),
        participant_id TEXT NOT NULL REFERENCES participants (id),
        status TEXT NOT NULL DEFAULT 'queued',
        requested_at TEXT NOT NULL,
        position REAL NOT NULL DEFAULT 0,
        reason TEXT NOT NULL DEFAULT '',
        started_at TEXT,
        ended_at TEXT,
        paused_at TEXT,
        paused_seconds REAL NOT NULL DEFAULT 0,
        limit_seconds INTEGER NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX requests_by_session ON requests (session_id, status, position);
    CREATE INDEX requests_by_participant ON requests (participant_id);
    CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id),
        intervention_id TEXT REFERENCES requests (id),
        text TEXT NOT NULL,
        key_point INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX notes_by_session ON notes (session_id, created_at);
    CREATE INDEX notes_by_intervention ON notes (intervention_id);
    CREATE TABLE recommendations (
        id TEXT PRIMARY KEY,
        track_code TEXT NOT NULL,
        session_id TEXT REFERENCES sessions (id),
        text TEXT NOT NULL,
        addressed_to TEXT,
        status TEXT NOT NULL DEFAULT 'proposed',
        position REAL NOT NULL DEFAULT 0,
        merged_into TEXT REFERENCES recommendations (id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX recommendations_by_track ON recommendations (track_code, position);
    CREATE TABLE recommendation_sources (
        id TEXT PRIMARY KEY,
        recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
        session_id TEXT REFERENCES sessions (id),
        note_id TEXT REFERENCES notes (id),
        intervention_id TEXT REFERENCES requests (id),
        created_at TEXT NOT NULL
    );
    CREATE INDEX recommendation_sources_by_recommendation ON recommendation_sources (recommendation_id);
    CREATE TABLE drafts (
        key TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    
    CREATE VIRTUAL TABLE notes_fts USING FTS5 (
        text, content=[notes], tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
      INSERT INTO notes_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    CREATE TRIGGER notes_au AFTER UPDATE ON notes BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
      INSERT INTO notes_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    
    CREATE VIRTUAL TABLE recommendations_fts USING FTS5 (
        text, addressed_to, content=[recommendations], tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER recommendations_ai AFTER INSERT ON recommendations BEGIN
      INSERT INTO recommendations_fts (rowid, text, addressed_to) VALUES (new.rowid, new.text, new.addressed_to);
    END;
    CREATE TRIGGER recommendations_ad AFTER DELETE ON recommendations BEGIN
      INSERT INTO recommendations_fts (recommendations_fts, rowid, text, addressed_to) VALUES ('delete', old.rowid, old.text, old.addressed_to);
    END;
    CREATE TRIGGER recommendations_au AFTER UPDATE ON recommendations BEGIN
      INSERT INTO recommendations_fts (recommendations_fts, rowid, text, addressed_to) VALUES ('delete', old.rowid, old.text, old.addressed_to);
      INSERT INTO recommendations_fts (rowid, text, addressed_to) VALUES (new.rowid, new.text, new.addressed_to);
    END;
    
