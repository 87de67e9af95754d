-- Schema version 9 as roundtable wrote it (frozen: the databases in use were made by exactly this).
ALTER TABLE participants ADD COLUMN to_complete TEXT;
