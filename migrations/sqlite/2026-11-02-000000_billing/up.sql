-- Money in kopecks, volumes in thousandths of a unit, areas in hundredths of m², tariffs in
-- hundredths of a kopeck per unit: all BIGINT. Every tenant table carries organization_id,
-- the first filter of every operator query.

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('uk', 'tsj', 'zhsk', 'rso', 'kapremont')),
    name TEXT NOT NULL,
    inn TEXT NOT NULL UNIQUE,
    kpp TEXT NOT NULL,
    ogrn TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    site TEXT NOT NULL,
    hours TEXT NOT NULL,
    bank_account TEXT NOT NULL,
    bank_name TEXT NOT NULL,
    bic TEXT NOT NULL,
    corr_account TEXT NOT NULL,
    reading_day_from INTEGER NOT NULL DEFAULT 20,
    reading_day_to INTEGER NOT NULL DEFAULT 25,
    due_day INTEGER NOT NULL DEFAULT 15,
    penalties_enabled BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);

ALTER TABLE users ADD COLUMN organization_id BIGINT REFERENCES organizations (id);

CREATE TABLE houses (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    address TEXT NOT NULL,
    total_area BIGINT NOT NULL,
    common_area BIGINT NOT NULL,
    share_cap_at_norm BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX houses_org ON houses (organization_id);

CREATE TABLE premises (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    house_id BIGINT NOT NULL REFERENCES houses (id),
    number TEXT NOT NULL,
    residential BOOLEAN NOT NULL DEFAULT TRUE,
    area BIGINT NOT NULL CHECK (area > 0),
    UNIQUE (house_id, number)
);
CREATE INDEX premises_org ON premises (organization_id);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    premise_id BIGINT NOT NULL REFERENCES premises (id),
    number TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('zhku', 'kapremont', 'rso')),
    holder TEXT NOT NULL,
    persons INTEGER NOT NULL CHECK (persons >= 0),
    -- debt (positive) or advance carried over from before the first period billed here
    opening_balance BIGINT NOT NULL DEFAULT 0,
    link_code TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (organization_id, number)
);
CREATE INDEX accounts_premise ON accounts (premise_id);

CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    supplier_name TEXT NOT NULL,
    supplier_inn TEXT NOT NULL,
    -- meter | area | person | fixed | common_share | heating | drainage
    method TEXT NOT NULL,
    -- cold_water | hot_water | electricity | heat | gas, for metered and shared resources
    resource TEXT,
    -- the metered services a common share or drainage is computed from (comma-separated ids)
    source_service_ids TEXT NOT NULL DEFAULT '',
    norm_per_person BIGINT NOT NULL DEFAULT 0,
    norm_per_m2 BIGINT,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX services_org ON services (organization_id);

CREATE TABLE account_services (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    service_id BIGINT NOT NULL REFERENCES services (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (account_id, service_id)
);

CREATE TABLE tariffs (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    service_id BIGINT NOT NULL REFERENCES services (id),
    valid_from DATE NOT NULL,
    -- 0: the single tariff; 1..4: a zone of a multi-zone meter
    zone INTEGER NOT NULL DEFAULT 0,
    price BIGINT NOT NULL CHECK (price >= 0),
    UNIQUE (service_id, valid_from, zone)
);
CREATE INDEX tariffs_org ON tariffs (organization_id);

CREATE TABLE meters (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    -- a flat's meter (ИПУ) has an account; a house meter (ОДПУ) has a house only
    account_id BIGINT REFERENCES accounts (id),
    house_id BIGINT NOT NULL REFERENCES houses (id),
    service_id BIGINT NOT NULL REFERENCES services (id),
    serial TEXT NOT NULL,
    zones INTEGER NOT NULL DEFAULT 1 CHECK (zones BETWEEN 1 AND 4),
    digits INTEGER NOT NULL DEFAULT 5 CHECK (digits BETWEEN 3 AND 9),
    installed_on DATE NOT NULL,
    verification_due DATE NOT NULL,
    -- the reading at installation, per zone (comma-separated thousandths)
    initial_values TEXT NOT NULL DEFAULT '0'
);
CREATE INDEX meters_org ON meters (organization_id);
CREATE INDEX meters_account ON meters (account_id);

CREATE TABLE readings (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    meter_id BIGINT NOT NULL REFERENCES meters (id),
    period TEXT NOT NULL,
    zone INTEGER NOT NULL DEFAULT 1,
    value BIGINT NOT NULL CHECK (value >= 0),
    rolled_over BOOLEAN NOT NULL DEFAULT FALSE,
    source TEXT NOT NULL CHECK (source IN ('resident', 'operator', 'import')),
    submitted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
-- the newest row of (meter, period, zone) counts; older rows are the correction history
CREATE INDEX readings_meter_period ON readings (meter_id, period, zone);
CREATE INDEX readings_org_period ON readings (organization_id, period);

CREATE TABLE periods (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    period TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closing', 'closed')),
    accounts_total INTEGER NOT NULL DEFAULT 0,
    accounts_done INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    closed_at TIMESTAMP,
    closed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (organization_id, period)
);

CREATE TABLE charges (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    period TEXT NOT NULL,
    service_id BIGINT NOT NULL REFERENCES services (id),
    zone INTEGER NOT NULL DEFAULT 0,
    method TEXT NOT NULL,
    volume BIGINT NOT NULL,
    common_volume BIGINT NOT NULL,
    tariff BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    -- how the line was computed, for "explain my bill" (JSON)
    details TEXT NOT NULL
);
CREATE INDEX charges_account_period ON charges (account_id, period);
CREATE INDEX charges_org_period ON charges (organization_id, period);

-- what each meter consumed per period and how: the history behind averages
CREATE TABLE meter_volumes (
    meter_id BIGINT NOT NULL REFERENCES meters (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    period TEXT NOT NULL,
    method TEXT NOT NULL,
    -- per zone, comma-separated thousandths; and the readings billed up to
    volumes TEXT NOT NULL,
    billed_values TEXT NOT NULL,
    PRIMARY KEY (meter_id, period)
);

CREATE TABLE recalculations (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    service_id BIGINT NOT NULL REFERENCES services (id),
    period TEXT NOT NULL,
    corrects_period TEXT NOT NULL,
    amount BIGINT NOT NULL,
    reason TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX recalculations_account ON recalculations (account_id, period);
CREATE INDEX recalculations_org_period ON recalculations (organization_id, period);

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    amount BIGINT NOT NULL CHECK (amount > 0),
    paid_on DATE NOT NULL,
    source TEXT NOT NULL,
    external_id TEXT,
    -- the period the payer named, if any
    for_period TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (organization_id, source, external_id)
);
CREATE INDEX payments_account ON payments (account_id, paid_on);

CREATE TABLE balances (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    period TEXT NOT NULL,
    opening BIGINT NOT NULL,
    charged BIGINT NOT NULL,
    recalculated BIGINT NOT NULL,
    penalties BIGINT NOT NULL,
    paid BIGINT NOT NULL,
    closing BIGINT NOT NULL,
    PRIMARY KEY (account_id, period)
);
CREATE INDEX balances_org_period ON balances (organization_id, period);
