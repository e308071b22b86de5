-- Schema 1 of an annotation project (docs/annotation-guide.md, "The project file").
-- Times are seconds from the start of the video; instants are ISO-8601 UTC text (2026-01-31T12:00:00.123Z).

-- The project itself: exactly one row.
CREATE TABLE project (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    created_at  TEXT    NOT NULL
);

-- One row each time the project is opened: who worked, where, from when. Edits, imports and the audit log
-- point here for "who".
CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    annotator   TEXT    NOT NULL CHECK (length(trim(annotator)) > 0),
    host        TEXT    NOT NULL,
    pid         INTEGER NOT NULL,
    opened_at   TEXT    NOT NULL
);

-- Videos by path and, where known, content hash (relink finds moved files by it). A hash identifies a video
-- once; a path identifies one only while its hash is unknown.
CREATE TABLE videos (
    id          INTEGER PRIMARY KEY,
    path        TEXT    NOT NULL,
    sha256      TEXT    UNIQUE CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
    duration    REAL    CHECK (duration IS NULL OR duration > 0)
);
CREATE UNIQUE INDEX videos_unhashed_path ON videos (path) WHERE sha256 IS NULL;

-- One row per import of a file.
CREATE TABLE imports (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions (id),
    at              TEXT    NOT NULL,
    file            TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('attributions', 'ground-truth', 'result')),
    added           INTEGER NOT NULL DEFAULT 0,
    already_present INTEGER NOT NULL DEFAULT 0,
    problems        INTEGER NOT NULL DEFAULT 0
);

-- What is reviewed: a segment of a video with its sentiment, the four scene aspects (paper section 4.1) and a
-- summary, where it came from, and the review's state and rationality rating (Atr-R, 1-6).
-- origin_key is fixed at import (video, span, label, source, generator as imported), so that importing the same
-- thing again adds nothing, whatever was edited since.
CREATE TABLE items (
    id                  INTEGER PRIMARY KEY,
    video_id            INTEGER NOT NULL REFERENCES videos (id),
    start_s             REAL    NOT NULL CHECK (start_s >= 0),
    end_s               REAL    NOT NULL,
    frame_time          REAL,
    label               TEXT,
    face                TEXT,
    action              TEXT,
    object              TEXT,
    background          TEXT,
    summary             TEXT,
    source              TEXT    NOT NULL CHECK (source IN ('attribution', 'ground-truth', 'prediction')),
    generator           TEXT    NOT NULL,
    generator_version   TEXT    NOT NULL,
    score               REAL    CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
    state               TEXT    NOT NULL DEFAULT 'unreviewed'
                                CHECK (state IN ('unreviewed', 'accepted', 'edited', 'rejected')),
    rating              INTEGER CHECK (rating IS NULL OR (rating >= 1 AND rating <= 6)),
    import_id           INTEGER NOT NULL REFERENCES imports (id),
    origin_key          TEXT    NOT NULL UNIQUE,
    CHECK (end_s >= start_s)
);
CREATE INDEX items_by_video ON items (video_id, start_s);
CREATE INDEX items_by_state ON items (state);

-- The edit history, for undo and redo: one step per user action (one or more field changes), undone and redone
-- as a whole. Steps form one line: undo takes the last 'done' step, redo the first 'undone' one, and a new edit
-- discards what could have been redone.
CREATE TABLE edit_steps (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES sessions (id),
    at          TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('done', 'undone', 'discarded'))
);
CREATE INDEX edit_steps_by_status ON edit_steps (status, id);

-- Values keep their SQL type (no declared type): REAL times, TEXT texts and states, INTEGER ratings, NULL.
CREATE TABLE edit_changes (
    step_id     INTEGER NOT NULL REFERENCES edit_steps (id),
    item_id     INTEGER NOT NULL REFERENCES items (id),
    field       TEXT    NOT NULL,
    old_value,
    new_value,
    PRIMARY KEY (step_id, item_id, field)
);

-- Who changed what and when, append-only: edits, undos, redos of item fields and relinked video paths.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES sessions (id),
    at          TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('edit', 'undo', 'redo', 'relink')),
    item_id     INTEGER REFERENCES items (id),
    video_id    INTEGER REFERENCES videos (id),
    field       TEXT    NOT NULL,
    old_value,
    new_value
);
CREATE INDEX audit_by_item ON audit (item_id, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
