-- Schema 2 of an annotation project: what review needs (docs/annotation-guide.md, "Review rules", "Queue",
-- "Agreement"). A schema-1 project is migrated when it is opened; its items start with every aspect unreviewed.

-- Each of the four scene aspects of an item is judged on its own: kept as written (accepted), corrected (edited)
-- or left out of the data sets (rejected). Same values as items.state.
ALTER TABLE items ADD COLUMN face_state TEXT NOT NULL DEFAULT 'unreviewed'
    CHECK (face_state IN ('unreviewed', 'accepted', 'edited', 'rejected'));
ALTER TABLE items ADD COLUMN action_state TEXT NOT NULL DEFAULT 'unreviewed'
    CHECK (action_state IN ('unreviewed', 'accepted', 'edited', 'rejected'));
ALTER TABLE items ADD COLUMN object_state TEXT NOT NULL DEFAULT 'unreviewed'
    CHECK (object_state IN ('unreviewed', 'accepted', 'edited', 'rejected'));
ALTER TABLE items ADD COLUMN background_state TEXT NOT NULL DEFAULT 'unreviewed'
    CHECK (background_state IN ('unreviewed', 'accepted', 'edited', 'rejected'));

-- The queue filters by label and orders by video time.
CREATE INDEX items_by_label ON items (label, video_id, start_s);

-- Review compares an item with its values as imported: the oldest change still done of each field.
CREATE INDEX edit_changes_by_item ON edit_changes (item_id, step_id);

-- What a model (run in the workbench) says about an item's span: its label and its confidence in that label.
-- One opinion per item and model: running the model again replaces it. Not part of the edit history.
CREATE TABLE model_opinions (
    item_id     INTEGER NOT NULL REFERENCES items (id),
    model       TEXT    NOT NULL CHECK (length(trim(model)) > 0),
    label       TEXT    NOT NULL,
    confidence  REAL    NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    at          TEXT    NOT NULL,
    UNIQUE (item_id, model)
);
CREATE INDEX model_opinions_latest ON model_opinions (item_id, at);

-- Other annotators' judgements, imported from their copies of the project: one row per item (by origin_key, the
-- item's identity across copies, in this project's terms) and annotator. Importing a copy again replaces its rows.
-- state is the peer's item state (accepted, edited, rejected; unreviewed items are not imported).
CREATE TABLE peer_reviews (
    origin_key  TEXT    NOT NULL,
    annotator   TEXT    NOT NULL CHECK (length(trim(annotator)) > 0),
    from_file   TEXT    NOT NULL,
    label       TEXT,
    start_s     REAL    NOT NULL CHECK (start_s >= 0),
    end_s       REAL    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('accepted', 'edited', 'rejected')),
    rating      INTEGER CHECK (rating IS NULL OR (rating >= 1 AND rating <= 6)),
    imported_at TEXT    NOT NULL,
    UNIQUE (origin_key, annotator),
    CHECK (end_s >= start_s)
);
CREATE INDEX peer_reviews_by_file ON peer_reviews (from_file);
