-- A period keeps its last day, to tell the payments it counted from those that arrived
-- after, and the services' names, suppliers and units as they were when it closed: what
-- the resident's card and charges print for that period.
ALTER TABLE periods ADD COLUMN ends_on DATE;
UPDATE periods
SET ends_on = (to_date(period || '-01', 'YYYY-MM-DD') + INTERVAL '1 month' - INTERVAL '1 day')::date;
ALTER TABLE periods ALTER COLUMN ends_on SET NOT NULL;

-- JSON: [[service id, name, supplier, unit], ...]
ALTER TABLE periods ADD COLUMN services TEXT;
UPDATE periods pe
SET services = COALESCE((
    SELECT json_agg(json_build_array(s.id, s.name, s.supplier_name, s.unit) ORDER BY s.id)::text
    FROM services s
    WHERE s.organization_id = pe.organization_id
), '[]')
WHERE status = 'closed';

-- The organization's newest closed period: the one a resident's card shows.
ALTER TABLE organizations ADD COLUMN last_closed TEXT;
UPDATE organizations
SET last_closed = (
    SELECT max(period) FROM periods
    WHERE periods.organization_id = organizations.id AND periods.status = 'closed'
);
