-- Schema version 1 on PostgreSQL: the schema gorm's AutoMigrate made from
-- the models before Spotter had numbered migrations (types as gorm's
-- PostgreSQL dialect spells them: bigserial keys, varchar(size), bigint for
-- Go int, numeric for float64, timestamptz), and install_settings, which
-- Open made beside them.
--
-- Every statement says IF NOT EXISTS because a database made by that
-- AutoMigrate already holds most of this: baseline.go first adds the columns
-- and drops what older releases left, then this file creates whatever is
-- still missing (lift_ranges, install_settings, the partial indexes) and
-- marks version 1. Later migrations need no IF NOT EXISTS.
--
-- No Down: Spotter only migrates forward (restore a backup to go back).

-- +goose Up
CREATE TABLE IF NOT EXISTS users (
    id bigserial PRIMARY KEY,
    name text,
    units varchar(2) NOT NULL,
    level varchar(16) NOT NULL,
    tz varchar(64) NOT NULL,
    increment_mill bigint,
    increment_unit varchar(2),
    deload_every bigint,
    deload_style varchar(16),
    poll_time varchar(5),
    pending varchar(64),
    started boolean,
    created_at timestamptz,
    updated_at timestamptz
);

CREATE TABLE IF NOT EXISTS identities (
    id bigserial PRIMARY KEY,
    platform varchar(16) NOT NULL,
    platform_user_id varchar(64) NOT NULL,
    user_id bigint NOT NULL,
    created_at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_identities_user_id ON identities (user_id);
CREATE UNIQUE INDEX IF NOT EXISTS idx_identity ON identities (platform, platform_user_id);

CREATE TABLE IF NOT EXISTS handled_messages (
    id bigserial PRIMARY KEY,
    platform varchar(16) NOT NULL,
    ref varchar(128) NOT NULL,
    user_id bigint,
    reply text,
    created_at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_handled_messages_user_id ON handled_messages (user_id);
CREATE UNIQUE INDEX IF NOT EXISTS idx_handled ON handled_messages (platform, ref);

CREATE TABLE IF NOT EXISTS entries (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    kind varchar(16) NOT NULL,
    date integer NOT NULL,
    lift varchar(64),
    summary text,
    prev_json text,
    created_at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_entries_user ON entries (user_id, created_at);

CREATE TABLE IF NOT EXISTS sets (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    entry_id bigint NOT NULL,
    lift varchar(64) NOT NULL,
    date integer NOT NULL,
    seq bigint NOT NULL,
    load_milli bigint NOT NULL,
    load_unit varchar(2) NOT NULL,
    load_kg numeric,
    bodyweight boolean,
    reps bigint NOT NULL,
    rir numeric,
    has_rir boolean,
    kind varchar(16),
    rest_sec bigint,
    tags text,
    import_key varchar(96)
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_sets_import_key_given ON sets (import_key) WHERE import_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_sets_entry_id ON sets (entry_id);
CREATE INDEX IF NOT EXISTS idx_sets_user_date ON sets (user_id, date);
CREATE INDEX IF NOT EXISTS idx_sets_user_lift_date ON sets (user_id, lift, date);

CREATE TABLE IF NOT EXISTS checkins (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    date integer NOT NULL,
    sleep varchar(8),
    soreness varchar(8),
    joints varchar(10),
    motivation varchar(8),
    warmup varchar(8),
    rhr bigint,
    hrv numeric,
    slept_hours numeric,
    tags text,
    updated_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_checkin_day ON checkins (user_id, date);

CREATE TABLE IF NOT EXISTS deloads (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    start_day integer NOT NULL,
    skipped boolean NOT NULL,
    end_day integer NOT NULL,
    planned boolean
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_deload ON deloads (user_id, start_day, skipped);

CREATE TABLE IF NOT EXISTS teams (
    id bigserial PRIMARY KEY,
    platform varchar(16) NOT NULL,
    server_id varchar(64) NOT NULL,
    channel_id varchar(64) NOT NULL,
    post_time varchar(5) NOT NULL,
    tz varchar(64) NOT NULL,
    coach_role varchar(64),
    created_at timestamptz,
    updated_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_team ON teams (platform, server_id);

CREATE TABLE IF NOT EXISTS team_members (
    id bigserial PRIMARY KEY,
    team_id bigint NOT NULL,
    user_id bigint NOT NULL,
    name varchar(128),
    created_at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_team_members_user_id ON team_members (user_id);
CREATE UNIQUE INDEX IF NOT EXISTS idx_team_member ON team_members (team_id, user_id);

CREATE TABLE IF NOT EXISTS team_posts (
    id bigserial PRIMARY KEY,
    team_id bigint NOT NULL,
    day integer NOT NULL,
    message_id varchar(64),
    claimed_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_team_post ON team_posts (team_id, day);

CREATE TABLE IF NOT EXISTS team_checkins (
    id bigserial PRIMARY KEY,
    team_id bigint NOT NULL,
    day integer NOT NULL,
    user_id bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_team_checkins_user_id ON team_checkins (user_id);
CREATE UNIQUE INDEX IF NOT EXISTS idx_team_checkin ON team_checkins (team_id, day, user_id);

CREATE TABLE IF NOT EXISTS link_codes (
    id bigserial PRIMARY KEY,
    code varchar(16) NOT NULL,
    user_id bigint NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    created_at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_link_codes_user_id ON link_codes (user_id);
CREATE UNIQUE INDEX IF NOT EXISTS idx_link_codes_code ON link_codes (code);

CREATE TABLE IF NOT EXISTS inbox (
    id bigserial PRIMARY KEY,
    platform varchar(16) NOT NULL,
    update_id bigint NOT NULL,
    chat_key varchar(64) NOT NULL,
    payload text NOT NULL,
    done boolean NOT NULL DEFAULT false,
    received_at timestamptz,
    done_at timestamptz,
    owner varchar(64),
    lease_until timestamptz
);
CREATE INDEX IF NOT EXISTS idx_inbox_undone ON inbox (platform, update_id) WHERE done = false;
CREATE UNIQUE INDEX IF NOT EXISTS idx_inbox ON inbox (platform, update_id);

CREATE TABLE IF NOT EXISTS nudges (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    kind varchar(16) NOT NULL,
    key_day integer NOT NULL,
    first_day integer NOT NULL,
    last_day integer NOT NULL,
    sent bigint NOT NULL,
    sent_at timestamptz,
    updated_at timestamptz,
    unconfirmed boolean NOT NULL DEFAULT false,
    prev_first integer,
    prev_last integer,
    prev_sent bigint,
    prev_sent_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_nudge ON nudges (user_id, kind, key_day);

CREATE TABLE IF NOT EXISTS lift_ranges (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    lift varchar(64) NOT NULL,
    lo bigint NOT NULL,
    hi bigint NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_lift_range ON lift_ranges (user_id, lift);

-- The install's own settings (logkey.go), read without gorm, as Open made
-- them beside AutoMigrate's tables.
CREATE TABLE IF NOT EXISTS install_settings (
    name VARCHAR(64) PRIMARY KEY,
    value TEXT NOT NULL
);
