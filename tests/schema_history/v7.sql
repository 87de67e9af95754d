-- Schema version 7 as roundtable wrote it (frozen: the databases in use were made by exactly this).
    CREATE TABLE changes (
        scope TEXT NOT NULL PRIMARY KEY,
        version INTEGER NOT NULL DEFAULT 0
    );
    CREATE TRIGGER requests_changes_ai AFTER INSERT ON requests BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT new.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER requests_changes_au AFTER UPDATE ON requests BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT new.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT old.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER requests_changes_ad AFTER DELETE ON requests BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT old.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER notes_changes_ai AFTER INSERT ON notes BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT new.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER notes_changes_au AFTER UPDATE ON notes BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT new.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT old.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER notes_changes_ad AFTER DELETE ON notes BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT old.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER session_state_changes_ai AFTER INSERT ON session_state BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT new.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER session_state_changes_au AFTER UPDATE ON session_state BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT new.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT old.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER session_state_changes_ad AFTER DELETE ON session_state BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT old.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER participants_changes_ai AFTER INSERT ON participants BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'roster' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER participants_changes_au AFTER UPDATE ON participants BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'roster' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'roster' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER participants_changes_ad AFTER DELETE ON participants BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'roster' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER forum_changes_ai AFTER INSERT ON forum BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'programme' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER forum_changes_au AFTER UPDATE ON forum BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'programme' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'programme' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER forum_changes_ad AFTER DELETE ON forum BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'programme' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER tracks_changes_ai AFTER INSERT ON tracks BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'programme' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER tracks_changes_au AFTER UPDATE ON tracks BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'programme' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'programme' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER tracks_changes_ad AFTER DELETE ON tracks BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'programme' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER sessions_changes_ai AFTER INSERT ON sessions BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'programme' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER sessions_changes_au AFTER UPDATE ON sessions BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'programme' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'programme' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER sessions_changes_ad AFTER DELETE ON sessions BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'programme' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER recommendations_changes_ai AFTER INSERT ON recommendations BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'recommendations' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT new.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT DISTINCT session_id AS scope FROM recommendation_sources WHERE recommendation_id = new.id) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER recommendations_changes_au AFTER UPDATE ON recommendations BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'recommendations' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT new.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT DISTINCT session_id AS scope FROM recommendation_sources WHERE recommendation_id = new.id) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'recommendations' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT old.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT DISTINCT session_id AS scope FROM recommendation_sources WHERE recommendation_id = old.id) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER recommendations_changes_ad AFTER DELETE ON recommendations BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'recommendations' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT old.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT DISTINCT session_id AS scope FROM recommendation_sources WHERE recommendation_id = old.id) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER recommendation_sources_changes_ai AFTER INSERT ON recommendation_sources BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'recommendations' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT new.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER recommendation_sources_changes_au AFTER UPDATE ON recommendation_sources BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'recommendations' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT new.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'recommendations' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT old.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER recommendation_sources_changes_ad AFTER DELETE ON recommendation_sources BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'recommendations' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT old.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
