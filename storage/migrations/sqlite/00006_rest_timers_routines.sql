-- +goose Up
-- /rest and /settings timer: one row per user, the setting and the running
-- rest timer (due_at NULL: none). seq names each timer started, so a River
-- job of a replaced or cancelled timer finds itself stale.
CREATE TABLE rest_timers (
    id integer PRIMARY KEY AUTOINCREMENT,
    user_id integer NOT NULL,
    auto numeric NOT NULL DEFAULT false,
    seq integer NOT NULL DEFAULT 0,
    seconds integer NOT NULL DEFAULT 0,
    due_at datetime,
    started_at datetime,
    platform text,
    next_lift text,
    updated_at datetime
);
CREATE UNIQUE INDEX idx_rest_timer ON rest_timers (user_id);

-- /routine: a named list of the user's lifts.
CREATE TABLE routines (
    id integer PRIMARY KEY AUTOINCREMENT,
    user_id integer NOT NULL,
    name text NOT NULL,
    lifts text NOT NULL,
    created_at datetime
);
CREATE UNIQUE INDEX idx_routine ON routines (user_id, name);
