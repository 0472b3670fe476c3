-- A Spotter database as made by gorm's AutoMigrate in
-- the release after the scheduler merge (ce2b29e): experiments, the full
-- indexes idx_sets_import_key and idx_inbox_pending; no lift_ranges, inbox
-- leases (owner, lease_until) or nudge confirmation (unconfirmed, prev_*).
-- `spotter migrate` of that commit, then SELECT sql FROM sqlite_master
-- (Spotter's tables, not River's).

CREATE TABLE `users` (`id` integer PRIMARY KEY AUTOINCREMENT,`name` text,`units` text NOT NULL,`level` text NOT NULL,`tz` text NOT NULL,`increment_mill` integer,`increment_unit` text,`deload_every` integer,`deload_style` text,`poll_time` text,`pending` text,`started` numeric,`created_at` datetime,`updated_at` datetime);
CREATE TABLE `identities` (`id` integer PRIMARY KEY AUTOINCREMENT,`platform` text NOT NULL,`platform_user_id` text NOT NULL,`user_id` integer NOT NULL,`created_at` datetime);
CREATE INDEX `idx_identities_user_id` ON `identities`(`user_id`);
CREATE UNIQUE INDEX `idx_identity` ON `identities`(`platform`,`platform_user_id`);
CREATE TABLE `handled_messages` (`id` integer PRIMARY KEY AUTOINCREMENT,`platform` text NOT NULL,`ref` text NOT NULL,`user_id` integer,`reply` text,`created_at` datetime);
CREATE INDEX `idx_handled_messages_user_id` ON `handled_messages`(`user_id`);
CREATE UNIQUE INDEX `idx_handled` ON `handled_messages`(`platform`,`ref`);
CREATE TABLE `entries` (`id` integer PRIMARY KEY AUTOINCREMENT,`user_id` integer NOT NULL,`kind` text NOT NULL,`date` integer NOT NULL,`lift` text,`summary` text,`prev_json` text,`created_at` datetime);
CREATE INDEX `idx_entries_user` ON `entries`(`user_id`,`created_at`);
CREATE TABLE `sets` (`id` integer PRIMARY KEY AUTOINCREMENT,`user_id` integer NOT NULL,`entry_id` integer NOT NULL,`lift` text NOT NULL,`date` integer NOT NULL,`seq` integer NOT NULL,`load_milli` integer NOT NULL,`load_unit` text NOT NULL,`load_kg` real,`bodyweight` numeric,`reps` integer NOT NULL,`rir` real,`has_rir` numeric,`kind` text,`rest_sec` integer,`tags` text,`import_key` text);
CREATE UNIQUE INDEX `idx_sets_import_key` ON `sets`(`import_key`);
CREATE INDEX `idx_sets_entry_id` ON `sets`(`entry_id`);
CREATE INDEX `idx_sets_user_date` ON `sets`(`user_id`,`date`);
CREATE INDEX `idx_sets_user_lift_date` ON `sets`(`user_id`,`lift`,`date`);
CREATE TABLE `checkins` (`id` integer PRIMARY KEY AUTOINCREMENT,`user_id` integer NOT NULL,`date` integer NOT NULL,`sleep` text,`soreness` text,`joints` text,`motivation` text,`warmup` text,`rhr` integer,`hrv` real,`slept_hours` real,`tags` text,`updated_at` datetime);
CREATE UNIQUE INDEX `idx_checkin_day` ON `checkins`(`user_id`,`date`);
CREATE TABLE `deloads` (`id` integer PRIMARY KEY AUTOINCREMENT,`user_id` integer NOT NULL,`start_day` integer NOT NULL,`skipped` numeric NOT NULL,`end_day` integer NOT NULL,`planned` numeric);
CREATE UNIQUE INDEX `idx_deload` ON `deloads`(`user_id`,`start_day`,`skipped`);
CREATE TABLE `experiments` (`id` integer PRIMARY KEY AUTOINCREMENT,`user_id` integer NOT NULL,`lift` text NOT NULL,`opened` integer NOT NULL,`kind` text NOT NULL,`lever` text,`baseline` real);
CREATE UNIQUE INDEX `idx_experiment` ON `experiments`(`user_id`,`lift`,`opened`,`kind`);
CREATE TABLE `teams` (`id` integer PRIMARY KEY AUTOINCREMENT,`platform` text NOT NULL,`server_id` text NOT NULL,`channel_id` text NOT NULL,`post_time` text NOT NULL,`tz` text NOT NULL,`coach_role` text,`created_at` datetime,`updated_at` datetime);
CREATE UNIQUE INDEX `idx_team` ON `teams`(`platform`,`server_id`);
CREATE TABLE `team_members` (`id` integer PRIMARY KEY AUTOINCREMENT,`team_id` integer NOT NULL,`user_id` integer NOT NULL,`name` text,`created_at` datetime);
CREATE INDEX `idx_team_members_user_id` ON `team_members`(`user_id`);
CREATE UNIQUE INDEX `idx_team_member` ON `team_members`(`team_id`,`user_id`);
CREATE TABLE `team_posts` (`id` integer PRIMARY KEY AUTOINCREMENT,`team_id` integer NOT NULL,`day` integer NOT NULL,`message_id` text,`claimed_at` datetime NOT NULL);
CREATE UNIQUE INDEX `idx_team_post` ON `team_posts`(`team_id`,`day`);
CREATE TABLE `team_checkins` (`id` integer PRIMARY KEY AUTOINCREMENT,`team_id` integer NOT NULL,`day` integer NOT NULL,`user_id` integer NOT NULL);
CREATE INDEX `idx_team_checkins_user_id` ON `team_checkins`(`user_id`);
CREATE UNIQUE INDEX `idx_team_checkin` ON `team_checkins`(`team_id`,`day`,`user_id`);
CREATE TABLE `link_codes` (`id` integer PRIMARY KEY AUTOINCREMENT,`code` text NOT NULL,`user_id` integer NOT NULL,`expires_at` datetime NOT NULL,`used_at` datetime,`created_at` datetime);
CREATE INDEX `idx_link_codes_user_id` ON `link_codes`(`user_id`);
CREATE UNIQUE INDEX `idx_link_codes_code` ON `link_codes`(`code`);
CREATE TABLE `inbox` (`id` integer PRIMARY KEY AUTOINCREMENT,`platform` text NOT NULL,`update_id` integer NOT NULL,`chat_key` text NOT NULL,`payload` text NOT NULL,`done` numeric NOT NULL DEFAULT false,`received_at` datetime,`done_at` datetime);
CREATE INDEX `idx_inbox_pending` ON `inbox`(`done`,`platform`,`update_id`);
CREATE UNIQUE INDEX `idx_inbox` ON `inbox`(`platform`,`update_id`);
CREATE TABLE `nudges` (`id` integer PRIMARY KEY AUTOINCREMENT,`user_id` integer NOT NULL,`kind` text NOT NULL,`key_day` integer NOT NULL,`first_day` integer NOT NULL,`last_day` integer NOT NULL,`sent` integer NOT NULL,`sent_at` datetime,`updated_at` datetime);
CREATE UNIQUE INDEX `idx_nudge` ON `nudges`(`user_id`,`kind`,`key_day`);
