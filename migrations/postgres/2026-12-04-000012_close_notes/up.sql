-- What a close set aside and billed by the fallback rules instead (a reading the meter's
-- history no longer allows), for the staff to look at: a JSON array of CloseNote.
ALTER TABLE periods ADD COLUMN notes TEXT NOT NULL DEFAULT '[]';
