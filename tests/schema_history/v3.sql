-- Schema version 3 as roundtable wrote it (frozen: the databases in use were made by exactly this).
    CREATE TABLE merge_marks (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        here_updated_at TEXT NOT NULL,
        there_updated_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (table_name, row_id)
    );
