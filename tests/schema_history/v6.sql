-- Schema version 6 as roundtable wrote it (frozen: the databases in use were made by exactly this).
    ALTER TABLE notes ADD COLUMN by_chair INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE participants ADD COLUMN edited_at TEXT;
    ALTER TABLE participants ADD COLUMN merged_into TEXT;
