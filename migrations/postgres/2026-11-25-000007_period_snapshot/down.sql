ALTER TABLE organizations DROP COLUMN last_closed;
ALTER TABLE periods DROP COLUMN services;
ALTER TABLE periods DROP COLUMN ends_on;
