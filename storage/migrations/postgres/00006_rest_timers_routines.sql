-- +goose Up
-- /rest and /settings timer: one row per user, the setting and the running
-- rest timer (due_at NULL: none). seq names each timer started, so a River
-- job of a replaced or cancelled timer finds itself stale.
CREATE TABLE rest_timers (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    auto boolean NOT NULL DEFAULT false,
    seq bigint NOT NULL DEFAULT 0,
    seconds bigint NOT NULL DEFAULT 0,
    due_at timestamptz,
    started_at timestamptz,
    platform varchar(16),
    next_lift varchar(64),
    updated_at timestamptz
);
CREATE UNIQUE INDEX idx_rest_timer ON rest_timers (user_id);

-- /routine: a named list of the user's lifts.
CREATE TABLE routines (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    name varchar(32) NOT NULL,
    lifts text NOT NULL,
    created_at timestamptz
);
CREATE UNIQUE INDEX idx_routine ON routines (user_id, name);
