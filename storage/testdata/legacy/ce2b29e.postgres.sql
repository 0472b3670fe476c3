-- A Spotter database as made by gorm's AutoMigrate in
-- the release after the scheduler merge (ce2b29e): experiments, the full
-- indexes idx_sets_import_key and idx_inbox_pending; no lift_ranges, inbox
-- leases (owner, lease_until) or nudge confirmation (unconfirmed, prev_*).
-- `spotter migrate` of that commit, then pg_dump --schema-only of Spotter's
-- tables (not River's), schema name removed.

CREATE TABLE checkins (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    date integer NOT NULL,
    sleep character varying(8),
    soreness character varying(8),
    joints character varying(10),
    motivation character varying(8),
    warmup character varying(8),
    rhr bigint,
    hrv numeric,
    slept_hours numeric,
    tags text,
    updated_at timestamp with time zone
);

CREATE SEQUENCE checkins_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE checkins_id_seq OWNED BY checkins.id;

CREATE TABLE deloads (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    start_day integer NOT NULL,
    skipped boolean NOT NULL,
    end_day integer NOT NULL,
    planned boolean
);

CREATE SEQUENCE deloads_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE deloads_id_seq OWNED BY deloads.id;

CREATE TABLE entries (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    kind character varying(16) NOT NULL,
    date integer NOT NULL,
    lift character varying(64),
    summary text,
    prev_json text,
    created_at timestamp with time zone
);

CREATE SEQUENCE entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE entries_id_seq OWNED BY entries.id;

CREATE TABLE experiments (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    lift character varying(64) NOT NULL,
    opened integer NOT NULL,
    kind character varying(8) NOT NULL,
    lever character varying(8),
    baseline numeric
);

CREATE SEQUENCE experiments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE experiments_id_seq OWNED BY experiments.id;

CREATE TABLE handled_messages (
    id bigint NOT NULL,
    platform character varying(16) NOT NULL,
    ref character varying(128) NOT NULL,
    user_id bigint,
    reply text,
    created_at timestamp with time zone
);

CREATE SEQUENCE handled_messages_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE handled_messages_id_seq OWNED BY handled_messages.id;

CREATE TABLE identities (
    id bigint NOT NULL,
    platform character varying(16) NOT NULL,
    platform_user_id character varying(64) NOT NULL,
    user_id bigint NOT NULL,
    created_at timestamp with time zone
);

CREATE SEQUENCE identities_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE identities_id_seq OWNED BY identities.id;

CREATE TABLE inbox (
    id bigint NOT NULL,
    platform character varying(16) NOT NULL,
    update_id bigint NOT NULL,
    chat_key character varying(64) NOT NULL,
    payload text NOT NULL,
    done boolean DEFAULT false NOT NULL,
    received_at timestamp with time zone,
    done_at timestamp with time zone
);

CREATE SEQUENCE inbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE inbox_id_seq OWNED BY inbox.id;

CREATE TABLE link_codes (
    id bigint NOT NULL,
    code character varying(16) NOT NULL,
    user_id bigint NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    created_at timestamp with time zone
);

CREATE SEQUENCE link_codes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE link_codes_id_seq OWNED BY link_codes.id;

CREATE TABLE nudges (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    kind character varying(16) NOT NULL,
    key_day integer NOT NULL,
    first_day integer NOT NULL,
    last_day integer NOT NULL,
    sent bigint NOT NULL,
    sent_at timestamp with time zone,
    updated_at timestamp with time zone
);

CREATE SEQUENCE nudges_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE nudges_id_seq OWNED BY nudges.id;

CREATE TABLE sets (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    entry_id bigint NOT NULL,
    lift character varying(64) NOT NULL,
    date integer NOT NULL,
    seq bigint NOT NULL,
    load_milli bigint NOT NULL,
    load_unit character varying(2) NOT NULL,
    load_kg numeric,
    bodyweight boolean,
    reps bigint NOT NULL,
    rir numeric,
    has_rir boolean,
    kind character varying(16),
    rest_sec bigint,
    tags text,
    import_key character varying(96)
);

CREATE SEQUENCE sets_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE sets_id_seq OWNED BY sets.id;

CREATE TABLE team_checkins (
    id bigint NOT NULL,
    team_id bigint NOT NULL,
    day integer NOT NULL,
    user_id bigint NOT NULL
);

CREATE SEQUENCE team_checkins_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE team_checkins_id_seq OWNED BY team_checkins.id;

CREATE TABLE team_members (
    id bigint NOT NULL,
    team_id bigint NOT NULL,
    user_id bigint NOT NULL,
    name character varying(128),
    created_at timestamp with time zone
);

CREATE SEQUENCE team_members_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE team_members_id_seq OWNED BY team_members.id;

CREATE TABLE team_posts (
    id bigint NOT NULL,
    team_id bigint NOT NULL,
    day integer NOT NULL,
    message_id character varying(64),
    claimed_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE team_posts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE team_posts_id_seq OWNED BY team_posts.id;

CREATE TABLE teams (
    id bigint NOT NULL,
    platform character varying(16) NOT NULL,
    server_id character varying(64) NOT NULL,
    channel_id character varying(64) NOT NULL,
    post_time character varying(5) NOT NULL,
    tz character varying(64) NOT NULL,
    coach_role character varying(64),
    created_at timestamp with time zone,
    updated_at timestamp with time zone
);

CREATE SEQUENCE teams_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE teams_id_seq OWNED BY teams.id;

CREATE TABLE users (
    id bigint NOT NULL,
    name text,
    units character varying(2) NOT NULL,
    level character varying(16) NOT NULL,
    tz character varying(64) NOT NULL,
    increment_mill bigint,
    increment_unit character varying(2),
    deload_every bigint,
    deload_style character varying(16),
    poll_time character varying(5),
    pending character varying(64),
    started boolean,
    created_at timestamp with time zone,
    updated_at timestamp with time zone
);

CREATE SEQUENCE users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE users_id_seq OWNED BY users.id;

ALTER TABLE ONLY checkins ALTER COLUMN id SET DEFAULT nextval('checkins_id_seq'::regclass);

ALTER TABLE ONLY deloads ALTER COLUMN id SET DEFAULT nextval('deloads_id_seq'::regclass);

ALTER TABLE ONLY entries ALTER COLUMN id SET DEFAULT nextval('entries_id_seq'::regclass);

ALTER TABLE ONLY experiments ALTER COLUMN id SET DEFAULT nextval('experiments_id_seq'::regclass);

ALTER TABLE ONLY handled_messages ALTER COLUMN id SET DEFAULT nextval('handled_messages_id_seq'::regclass);

ALTER TABLE ONLY identities ALTER COLUMN id SET DEFAULT nextval('identities_id_seq'::regclass);

ALTER TABLE ONLY inbox ALTER COLUMN id SET DEFAULT nextval('inbox_id_seq'::regclass);

ALTER TABLE ONLY link_codes ALTER COLUMN id SET DEFAULT nextval('link_codes_id_seq'::regclass);

ALTER TABLE ONLY nudges ALTER COLUMN id SET DEFAULT nextval('nudges_id_seq'::regclass);

ALTER TABLE ONLY sets ALTER COLUMN id SET DEFAULT nextval('sets_id_seq'::regclass);

ALTER TABLE ONLY team_checkins ALTER COLUMN id SET DEFAULT nextval('team_checkins_id_seq'::regclass);

ALTER TABLE ONLY team_members ALTER COLUMN id SET DEFAULT nextval('team_members_id_seq'::regclass);

ALTER TABLE ONLY team_posts ALTER COLUMN id SET DEFAULT nextval('team_posts_id_seq'::regclass);

ALTER TABLE ONLY teams ALTER COLUMN id SET DEFAULT nextval('teams_id_seq'::regclass);

ALTER TABLE ONLY users ALTER COLUMN id SET DEFAULT nextval('users_id_seq'::regclass);

ALTER TABLE ONLY checkins
    ADD CONSTRAINT checkins_pkey PRIMARY KEY (id);

ALTER TABLE ONLY deloads
    ADD CONSTRAINT deloads_pkey PRIMARY KEY (id);

ALTER TABLE ONLY entries
    ADD CONSTRAINT entries_pkey PRIMARY KEY (id);

ALTER TABLE ONLY experiments
    ADD CONSTRAINT experiments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY handled_messages
    ADD CONSTRAINT handled_messages_pkey PRIMARY KEY (id);

ALTER TABLE ONLY identities
    ADD CONSTRAINT identities_pkey PRIMARY KEY (id);

ALTER TABLE ONLY inbox
    ADD CONSTRAINT inbox_pkey PRIMARY KEY (id);

ALTER TABLE ONLY link_codes
    ADD CONSTRAINT link_codes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY nudges
    ADD CONSTRAINT nudges_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sets
    ADD CONSTRAINT sets_pkey PRIMARY KEY (id);

ALTER TABLE ONLY team_checkins
    ADD CONSTRAINT team_checkins_pkey PRIMARY KEY (id);

ALTER TABLE ONLY team_members
    ADD CONSTRAINT team_members_pkey PRIMARY KEY (id);

ALTER TABLE ONLY team_posts
    ADD CONSTRAINT team_posts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);

ALTER TABLE ONLY users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX idx_checkin_day ON checkins USING btree (user_id, date);

CREATE UNIQUE INDEX idx_deload ON deloads USING btree (user_id, start_day, skipped);

CREATE INDEX idx_entries_user ON entries USING btree (user_id, created_at);

CREATE UNIQUE INDEX idx_experiment ON experiments USING btree (user_id, lift, opened, kind);

CREATE UNIQUE INDEX idx_handled ON handled_messages USING btree (platform, ref);

CREATE INDEX idx_handled_messages_user_id ON handled_messages USING btree (user_id);

CREATE INDEX idx_identities_user_id ON identities USING btree (user_id);

CREATE UNIQUE INDEX idx_identity ON identities USING btree (platform, platform_user_id);

CREATE UNIQUE INDEX idx_inbox ON inbox USING btree (platform, update_id);

CREATE INDEX idx_inbox_pending ON inbox USING btree (done, platform, update_id);

CREATE UNIQUE INDEX idx_link_codes_code ON link_codes USING btree (code);

CREATE INDEX idx_link_codes_user_id ON link_codes USING btree (user_id);

CREATE UNIQUE INDEX idx_nudge ON nudges USING btree (user_id, kind, key_day);

CREATE INDEX idx_sets_entry_id ON sets USING btree (entry_id);

CREATE UNIQUE INDEX idx_sets_import_key ON sets USING btree (import_key);

CREATE INDEX idx_sets_user_date ON sets USING btree (user_id, date);

CREATE INDEX idx_sets_user_lift_date ON sets USING btree (user_id, lift, date);

CREATE UNIQUE INDEX idx_team ON teams USING btree (platform, server_id);

CREATE UNIQUE INDEX idx_team_checkin ON team_checkins USING btree (team_id, day, user_id);

CREATE INDEX idx_team_checkins_user_id ON team_checkins USING btree (user_id);

CREATE UNIQUE INDEX idx_team_member ON team_members USING btree (team_id, user_id);

CREATE INDEX idx_team_members_user_id ON team_members USING btree (user_id);

CREATE UNIQUE INDEX idx_team_post ON team_posts USING btree (team_id, day);
