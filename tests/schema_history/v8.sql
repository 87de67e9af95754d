-- Schema version 8 as roundtable wrote it (frozen: the databases in use were made by exactly this).
ALTER TABLE participants ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
