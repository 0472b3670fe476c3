-- +goose Up
-- The lifter's own word on their lift names (/lift): a short name that logs
-- a lift (alias), and a lift's class or the lift it is a variation of.
CREATE TABLE lift_aliases (
    id integer PRIMARY KEY AUTOINCREMENT,
    user_id integer NOT NULL,
    alias text NOT NULL,
    lift text NOT NULL
);
CREATE UNIQUE INDEX idx_lift_alias ON lift_aliases (user_id, alias);

CREATE TABLE lift_settings (
    id integer PRIMARY KEY AUTOINCREMENT,
    user_id integer NOT NULL,
    lift text NOT NULL,
    kind text,
    base text
);
CREATE UNIQUE INDEX idx_lift_setting ON lift_settings (user_id, lift);
