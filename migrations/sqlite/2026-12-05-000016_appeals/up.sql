-- Appeals: a resident writes to the company about an account, and the company answers in
-- a thread of messages (see docs/appeals.md).

-- The topics an organization offers; none means the default list.
CREATE TABLE appeal_topics (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (organization_id, name)
);

CREATE TABLE appeals (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    house_id BIGINT NOT NULL REFERENCES houses (id),
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    topic TEXT NOT NULL,
    -- The start of the first message, for the lists.
    excerpt TEXT NOT NULL,
    contact_phone TEXT,
    contact_email TEXT,
    status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'answered', 'closed')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- The last answer, and until when the resident has read the thread.
    answered_at TIMESTAMP,
    closed_at TIMESTAMP,
    read_at TIMESTAMP NOT NULL,
    CHECK (contact_phone IS NOT NULL OR contact_email IS NOT NULL)
);
CREATE INDEX appeals_account ON appeals (account_id, created_at);
CREATE INDEX appeals_queue ON appeals (organization_id, status, updated_at);

CREATE TABLE appeal_messages (
    id INTEGER PRIMARY KEY,
    appeal_id BIGINT NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
    from_staff BOOLEAN NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX appeal_messages_appeal ON appeal_messages (appeal_id, id);

-- Photos live in the database beside their message: written in the same transaction,
-- backed up with it, and served only through the appeal's access check.
CREATE TABLE appeal_photos (
    id INTEGER PRIMARY KEY,
    appeal_id BIGINT NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
    message_id BIGINT NOT NULL REFERENCES appeal_messages (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/heic')),
    size BIGINT NOT NULL,
    data BLOB NOT NULL
);
CREATE INDEX appeal_photos_message ON appeal_photos (message_id);
