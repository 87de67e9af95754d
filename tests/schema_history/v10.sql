-- Schema version 10 as roundtable wrote it (frozen: the databases in use were made by exactly this).
-- Issue 28's migration (V11 in TEAM.md), numbered 10 until issue 24's V10 lands.
ALTER TABLE sessions ADD COLUMN "floor_requests" TEXT NOT NULL DEFAULT 'review';
CREATE TABLE "floor_requests" (
   "id" TEXT PRIMARY KEY,
   "session_id" TEXT NOT NULL REFERENCES "sessions"("id"),
   "participant_id" TEXT NOT NULL REFERENCES "participants"("id"),
   "speech_type" TEXT NOT NULL DEFAULT 'statement',
   "status" TEXT NOT NULL DEFAULT 'waiting',
   "request_id" TEXT REFERENCES "requests"("id"),
   "asked_at" TEXT NOT NULL,
   "decided_at" TEXT,
   "updated_at" TEXT NOT NULL,
   "deleted_at" TEXT
);
CREATE INDEX "floor_requests_by_session"
    ON "floor_requests" ("session_id", "status");
CREATE INDEX "floor_requests_by_participant"
    ON "floor_requests" ("participant_id", "session_id");
CREATE INDEX "floor_requests_by_request"
    ON "floor_requests" ("request_id");
CREATE TABLE "delegate_keys" (
   "key_hash" TEXT PRIMARY KEY,
   "participant_id" TEXT NOT NULL REFERENCES "participants"("id"),
   "generation" INTEGER NOT NULL DEFAULT 1,
   "issued_at" TEXT NOT NULL,
   "revoked_at" TEXT,
   "updated_at" TEXT NOT NULL
);
CREATE INDEX "delegate_keys_by_participant"
    ON "delegate_keys" ("participant_id", "generation");
CREATE TRIGGER floor_requests_changes_ai AFTER INSERT ON floor_requests BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT new.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER floor_requests_changes_au AFTER UPDATE ON floor_requests BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT new.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT old.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER floor_requests_changes_ad AFTER DELETE ON floor_requests BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT old.session_id AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER delegate_keys_changes_ai AFTER INSERT ON delegate_keys BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'roster' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER delegate_keys_changes_au AFTER UPDATE ON delegate_keys BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'roster' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'roster' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER delegate_keys_changes_ad AFTER DELETE ON delegate_keys BEGIN
INSERT INTO changes (scope, version) SELECT scope, 1 FROM (SELECT 'roster' AS scope) WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
