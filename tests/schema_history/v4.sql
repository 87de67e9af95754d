-- Schema version 4 as roundtable wrote it (frozen: the databases in use were made by exactly this).
    ALTER TABLE requests ADD COLUMN interrupted_at TEXT;
    ALTER TABLE requests ADD COLUMN kept INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE requests ADD COLUMN corrected_seconds REAL;
    ALTER TABLE requests ADD COLUMN deleted_at TEXT;
    ALTER TABLE session_state ADD COLUMN suspended_at TEXT;
    ALTER TABLE forum ADD COLUMN timezone TEXT;
    CREATE TABLE undo_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        scope TEXT NOT NULL,
        action TEXT NOT NULL,
        label TEXT NOT NULL,
        terminal TEXT NOT NULL,
        at TEXT NOT NULL,
        changes TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'done',
        undone_at TEXT,
        undone_by TEXT
    );
    CREATE INDEX undo_log_by_scope ON undo_log (scope, state, id);
