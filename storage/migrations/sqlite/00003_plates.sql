-- +goose Up
-- The lifter's bar and plates for /plates (bot/plates): the unit they are
-- in ('' = the defaults of the user's unit), the bar in thousandths, the
-- plate list as typed ("25 20 10x2"), and whether /advice shows plates.
ALTER TABLE users ADD COLUMN plate_unit text;
ALTER TABLE users ADD COLUMN bar_milli integer;
ALTER TABLE users ADD COLUMN plates text;
ALTER TABLE users ADD COLUMN plates_show numeric;
