-- The relay's first schema (PostgreSQL). Times are Unix seconds (UTC); booleans
-- are 0/1 integers, so the same statements read both dialects.

CREATE TABLE organizations (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    time_zone             TEXT NOT NULL,
    office_number         TEXT NOT NULL,
    billing_state         TEXT NOT NULL DEFAULT 'trial',
    dedupe_window_minutes INTEGER NOT NULL DEFAULT 1440,
    quiet_start_minutes   INTEGER NOT NULL DEFAULT 1260,
    quiet_end_minutes     INTEGER NOT NULL DEFAULT 480,
    quiet_policy          TEXT NOT NULL DEFAULT 'defer',
    created_at            BIGINT NOT NULL
);

-- One called number belongs to exactly one organization.
CREATE TABLE org_numbers (
    org_id     TEXT NOT NULL REFERENCES organizations(id),
    e164       TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, e164)
);

CREATE TABLE org_carrier_accounts (
    org_id                TEXT NOT NULL REFERENCES organizations(id),
    carrier               TEXT NOT NULL DEFAULT 'twilio',
    account_sid           TEXT NOT NULL,
    messaging_service_sid TEXT UNIQUE,
    auth_token_sealed     TEXT NOT NULL,
    updated_at            BIGINT NOT NULL,
    PRIMARY KEY (org_id, carrier)
);
CREATE INDEX org_carrier_accounts_by_account ON org_carrier_accounts (account_sid);

CREATE TABLE contacts (
    id                 TEXT PRIMARY KEY,
    org_id             TEXT NOT NULL REFERENCES organizations(id),
    phone              TEXT NOT NULL,
    name               TEXT NOT NULL DEFAULT '',
    opted_out          INTEGER NOT NULL DEFAULT 0,
    opt_out_changed_at BIGINT,
    opt_out_source     TEXT,
    created_at         BIGINT NOT NULL,
    UNIQUE (org_id, phone)
);

CREATE TABLE leads (
    id                TEXT PRIMARY KEY,
    org_id            TEXT NOT NULL REFERENCES organizations(id),
    contact_id        TEXT NOT NULL REFERENCES contacts(id),
    state             TEXT NOT NULL,
    outcome           TEXT,
    missed_at         BIGINT NOT NULL,
    first_text_at     BIGINT,
    first_reply_at    BIGINT,
    booked_at         BIGINT,
    handed_off_at     BIGINT,
    closed_at         BIGINT,
    last_call_at      BIGINT NOT NULL,
    call_count        INTEGER NOT NULL DEFAULT 1,
    automation_paused INTEGER NOT NULL DEFAULT 0,
    urgent            INTEGER NOT NULL DEFAULT 0,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX leads_by_contact ON leads (org_id, contact_id, last_call_at);
CREATE INDEX leads_by_org ON leads (org_id, missed_at);

-- One row per call and carrier: a carrier's retry of the same CallSid hits the
-- primary key and stores nothing (INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE call_events (
    org_id      TEXT NOT NULL REFERENCES organizations(id),
    carrier     TEXT NOT NULL,
    call_sid    TEXT NOT NULL,
    from_number TEXT NOT NULL,
    to_number   TEXT NOT NULL,
    status      TEXT NOT NULL,
    lead_id     TEXT REFERENCES leads(id),
    occurred_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, carrier, call_sid)
);

CREATE TABLE messages (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organizations(id),
    lead_id     TEXT REFERENCES leads(id),
    direction   TEXT NOT NULL,
    author      TEXT NOT NULL,
    body        TEXT NOT NULL,
    carrier_sid TEXT,
    status      TEXT NOT NULL,
    error_code  INTEGER,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (org_id, carrier_sid)
);
CREATE INDEX messages_by_lead ON messages (org_id, lead_id, created_at);

-- Status callbacks reuse the MessageSid: the key is sid + status.
CREATE TABLE delivery_updates (
    org_id      TEXT NOT NULL REFERENCES organizations(id),
    message_sid TEXT NOT NULL,
    status      TEXT NOT NULL,
    error_code  INTEGER,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, message_sid, status)
);

-- The org's event log that sync serves: seq is gapless and monotonic per org,
-- handed out from org_event_counters inside the writing transaction.
CREATE TABLE org_event_counters (
    org_id   TEXT PRIMARY KEY REFERENCES organizations(id),
    last_seq BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE events (
    org_id     TEXT NOT NULL REFERENCES organizations(id),
    seq        BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, seq)
);
