-- Sync: enrolled desktop devices, one-time enrollment codes, the answers to
-- the mutations devices sent (replayed by client id), and what dispatchers
-- make on the desktop (notes, bookings). Leads carry a version that grows
-- with every change, so a stale edit is detected instead of overwriting.

ALTER TABLE leads ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- token_hash: hex SHA-256 of the token's secret part; the token itself is
-- shown once at enrollment and never stored.
CREATE TABLE devices (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organizations(id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX devices_by_org ON devices (org_id, created_at);

-- code_hash: hex SHA-256 of the canonical code. A code enrolls one device.
CREATE TABLE enrollment_codes (
    code_hash  TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    device_id  TEXT
);

CREATE TABLE sync_mutations (
    org_id      TEXT NOT NULL REFERENCES organizations(id),
    client_id   TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    status      INTEGER NOT NULL,
    result      TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, client_id)
);

CREATE TABLE notes (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations(id),
    lead_id    TEXT NOT NULL REFERENCES leads(id),
    author     TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX notes_by_lead ON notes (org_id, lead_id, created_at);

CREATE TABLE bookings (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organizations(id),
    lead_id          TEXT NOT NULL REFERENCES leads(id),
    starts_at        INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL,
    technician       TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX bookings_by_lead ON bookings (org_id, lead_id);
CREATE INDEX bookings_by_start ON bookings (org_id, starts_at);
