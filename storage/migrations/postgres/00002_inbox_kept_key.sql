-- +goose Up
-- An update whose sender was told it is kept while storage was down carries
-- a key of its chat, sender and words, so a message sent again after the
-- notice is recognised (adapters/telegram: resentOf).
ALTER TABLE inbox ADD COLUMN IF NOT EXISTS kept_key varchar(64);
CREATE INDEX IF NOT EXISTS idx_inbox_kept ON inbox (kept_key) WHERE kept_key IS NOT NULL;
