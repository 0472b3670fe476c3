-- +goose Up
-- Body weight (/bw, /checkin bw): one row per message that logged it, so
-- /undo of the latest weigh-in of a day brings back the one before; the
-- day's weight is its last row. entry_id is the entry that stored it (0 for
-- one an import restored).
CREATE TABLE IF NOT EXISTS body_weights (
    id integer PRIMARY KEY AUTOINCREMENT,
    user_id integer NOT NULL,
    entry_id integer NOT NULL,
    date integer NOT NULL,
    weight_milli integer NOT NULL,
    unit text NOT NULL,
    created_at datetime
);
CREATE INDEX IF NOT EXISTS idx_body_weights_user_date ON body_weights (user_id, date);
CREATE INDEX IF NOT EXISTS idx_body_weights_entry_id ON body_weights (entry_id);

-- Notes: a quoted note on /log (lift set) or /note (the day's latest
-- session's lift, or no lift for a note on the day).
CREATE TABLE IF NOT EXISTS notes (
    id integer PRIMARY KEY AUTOINCREMENT,
    user_id integer NOT NULL,
    entry_id integer NOT NULL,
    date integer NOT NULL,
    lift text,
    text text NOT NULL,
    created_at datetime
);
CREATE INDEX IF NOT EXISTS idx_notes_user_date ON notes (user_id, date);
CREATE INDEX IF NOT EXISTS idx_notes_entry_id ON notes (entry_id);

