-- +goose Up
-- The lifter's own word on their lift names (/lift): a short name that logs
-- a lift (alias), and a lift's class or the lift it is a variation of.
CREATE TABLE lift_aliases (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    alias varchar(64) NOT NULL,
    lift varchar(64) NOT NULL
);
CREATE UNIQUE INDEX idx_lift_alias ON lift_aliases (user_id, alias);

CREATE TABLE lift_settings (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    lift varchar(64) NOT NULL,
    kind varchar(24),
    base varchar(64)
);
CREATE UNIQUE INDEX idx_lift_setting ON lift_settings (user_id, lift);
