-- Schema version 11 as roundtable wrote it (frozen: the databases in use were made by exactly this).
-- Issue 24: a point of order's own limit; a reset recorded in session_state; the chair's list decision apart from the row's stamp.
-- (Amended before it reached main: the merge marks per other database.)
ALTER TABLE "forum" ADD COLUMN "point_of_order_time" INTEGER NOT NULL DEFAULT 60;
ALTER TABLE "sessions" ADD COLUMN "point_of_order_time" INTEGER NOT NULL DEFAULT 60;
ALTER TABLE "session_state" ADD COLUMN "list_changed_at" TEXT;
ALTER TABLE "session_state" ADD COLUMN "reset_at" TEXT;
UPDATE session_state SET list_changed_at = updated_at;
DROP TABLE "merge_marks";
CREATE TABLE "merge_marks" (
   "peer" TEXT NOT NULL,
   "table_name" TEXT NOT NULL,
   "row_id" TEXT NOT NULL,
   "here_updated_at" TEXT NOT NULL,
   "there_updated_at" TEXT NOT NULL,
   "updated_at" TEXT NOT NULL,
   PRIMARY KEY ("peer", "table_name", "row_id")
);
