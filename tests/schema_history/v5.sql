-- Schema version 5 as roundtable wrote it (frozen: the databases in use were made by exactly this).
    ALTER TABLE forum ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE tracks ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE sessions ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE participants ADD COLUMN attending INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE participants ADD COLUMN publish INTEGER NOT NULL DEFAULT 1;
