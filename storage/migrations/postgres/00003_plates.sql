-- +goose Up
-- The lifter's bar and plates for /plates (bot/plates): the unit they are
-- in ('' = the defaults of the user's unit), the bar in thousandths, the
-- plate list as typed ("25 20 10x2"), and whether /advice shows plates.
ALTER TABLE users ADD COLUMN IF NOT EXISTS plate_unit varchar(2);
ALTER TABLE users ADD COLUMN IF NOT EXISTS bar_milli bigint;
ALTER TABLE users ADD COLUMN IF NOT EXISTS plates varchar(128);
ALTER TABLE users ADD COLUMN IF NOT EXISTS plates_show boolean;
