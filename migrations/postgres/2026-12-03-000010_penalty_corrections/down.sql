ALTER TABLE periods DROP COLUMN penalty_rate_bp;
DROP TABLE penalty_corrections;
