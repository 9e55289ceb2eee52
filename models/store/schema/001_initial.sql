-- CallSnare profile schema, version 1.
-- Instants are INTEGER seconds since 1970-01-01T00:00:00Z (UTC); ids are TEXT
-- (UUIDs minted by the relay or the desktop). Every row carries org_id and
-- every repository query filters on it. Enumerations are stored as the
-- domain's wire names (domain/*.h: wireName()).

CREATE TABLE profile_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE organizations (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    time_zone             TEXT NOT NULL,
    office_number         TEXT,
    billing_state         TEXT NOT NULL,
    dedupe_window_minutes INTEGER NOT NULL,
    quiet_start_minute    INTEGER NOT NULL,
    quiet_end_minute      INTEGER NOT NULL,
    quiet_policy          TEXT NOT NULL,
    reminder_offsets      TEXT NOT NULL, -- minutes, comma-separated: "1440,120"
    version               INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE org_numbers (
    org_id TEXT NOT NULL REFERENCES organizations(id),
    e164   TEXT NOT NULL,
    PRIMARY KEY (org_id, e164)
);

-- Weekly opening stretches in the org's local time; weekday 0 = Sunday.
CREATE TABLE business_hours (
    org_id       TEXT NOT NULL REFERENCES organizations(id),
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    open_minute  INTEGER NOT NULL,
    close_minute INTEGER NOT NULL,
    PRIMARY KEY (org_id, weekday, open_minute)
);

CREATE TABLE holidays (
    org_id TEXT NOT NULL REFERENCES organizations(id),
    day    TEXT NOT NULL, -- "2026-12-25"
    PRIMARY KEY (org_id, day)
);

CREATE TABLE templates (
    org_id TEXT NOT NULL REFERENCES organizations(id),
    name   TEXT NOT NULL, -- domain TemplateName
    body   TEXT NOT NULL,
    PRIMARY KEY (org_id, name)
);

CREATE TABLE contacts (
    id                 TEXT PRIMARY KEY,
    org_id             TEXT NOT NULL REFERENCES organizations(id),
    phone              TEXT NOT NULL, -- E.164
    name               TEXT NOT NULL DEFAULT '',
    opted_out          INTEGER NOT NULL DEFAULT 0,
    opt_out_changed_at INTEGER,
    opt_out_source     TEXT,
    time_zone_override TEXT,
    UNIQUE (org_id, phone)
);

CREATE TABLE leads (
    id                TEXT PRIMARY KEY,
    org_id            TEXT NOT NULL REFERENCES organizations(id),
    contact_id        TEXT NOT NULL REFERENCES contacts(id),
    state             TEXT NOT NULL,
    outcome           TEXT,
    missed_at         INTEGER NOT NULL,
    first_text_at     INTEGER,
    first_reply_at    INTEGER,
    booked_at         INTEGER,
    handed_off_at     INTEGER,
    closed_at         INTEGER,
    last_call_at      INTEGER NOT NULL,
    -- The newest fact on the lead (call, message, note, status): the inbox order.
    last_activity_at  INTEGER NOT NULL,
    unread_count      INTEGER NOT NULL DEFAULT 0,
    automation_paused INTEGER NOT NULL DEFAULT 0,
    urgent            INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1
);
-- Inbox pages: newest activity first, keyset (last_activity_at, id).
CREATE INDEX leads_inbox ON leads (org_id, last_activity_at DESC, id DESC);
CREATE INDEX leads_inbox_by_state ON leads (org_id, state, last_activity_at DESC, id DESC);
-- The inbox views "new" and "needs reply" span several states, which the
-- per-state index cannot return in activity order without a sort; these
-- partial indexes hold just those leads, in inbox order (InboxQuery.cpp
-- repeats their WHERE clauses verbatim so SQLite can use them).
CREATE INDEX leads_inbox_new ON leads (org_id, last_activity_at DESC, id DESC)
    WHERE state IN ('missed', 'texted');
CREATE INDEX leads_inbox_needs_reply ON leads (org_id, last_activity_at DESC, id DESC)
    WHERE unread_count > 0 OR state = 'replied';
CREATE INDEX leads_by_contact ON leads (org_id, contact_id, last_call_at DESC);

CREATE TABLE call_events (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organizations(id),
    lead_id         TEXT REFERENCES leads(id),
    carrier         TEXT NOT NULL,
    carrier_call_id TEXT NOT NULL,
    from_number     TEXT, -- NULL: caller id withheld
    to_number       TEXT NOT NULL,
    outcome         TEXT NOT NULL, -- "missed" | "answered"
    carrier_status  TEXT NOT NULL DEFAULT '',
    occurred_at     INTEGER NOT NULL,
    UNIQUE (org_id, carrier, carrier_call_id)
);
CREATE INDEX call_events_by_lead ON call_events (lead_id, occurred_at);

CREATE TABLE messages (
    id                 TEXT PRIMARY KEY,
    org_id             TEXT NOT NULL REFERENCES organizations(id),
    lead_id            TEXT NOT NULL REFERENCES leads(id),
    direction          TEXT NOT NULL, -- "inbound" | "outbound"
    author             TEXT NOT NULL, -- "homeowner" | "automation" | "dispatcher"
    body               TEXT NOT NULL,
    carrier_id         TEXT NOT NULL DEFAULT '', -- Twilio MessageSid once accepted
    status             TEXT NOT NULL, -- domain DeliveryStatus wire name
    carrier_error_code INTEGER,
    created_at         INTEGER NOT NULL
);
CREATE INDEX messages_by_lead ON messages (lead_id, created_at);
CREATE UNIQUE INDEX messages_by_carrier_id ON messages (org_id, carrier_id) WHERE carrier_id <> '';

CREATE TABLE notes (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations(id),
    lead_id    TEXT NOT NULL REFERENCES leads(id),
    author     TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX notes_by_lead ON notes (lead_id, created_at);

CREATE TABLE bookings (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organizations(id),
    lead_id          TEXT NOT NULL REFERENCES leads(id),
    starts_at        INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL,
    technician       TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL, -- "scheduled" | "canceled"
    version          INTEGER NOT NULL DEFAULT 1
);
-- A lead's bookings within its organization (InboxQuery's thread names it:
-- SQLite would otherwise prefer bookings_by_start for its partial order).
CREATE INDEX bookings_by_lead ON bookings (org_id, lead_id);
CREATE INDEX bookings_by_start ON bookings (org_id, starts_at);

-- A mirror of the relay's reminder jobs (the relay sends them).
CREATE TABLE reminder_jobs (
    id                TEXT PRIMARY KEY,
    org_id            TEXT NOT NULL REFERENCES organizations(id),
    booking_id        TEXT NOT NULL REFERENCES bookings(id),
    kind              TEXT NOT NULL, -- "confirmation" | "reminder"
    offset_minutes    INTEGER NOT NULL,
    booking_starts_at INTEGER NOT NULL,
    due_at            INTEGER NOT NULL,
    status            TEXT NOT NULL -- "pending" | "sent" | "canceled"
);
CREATE INDEX reminder_jobs_by_booking ON reminder_jobs (booking_id, due_at);

CREATE TABLE lifecycle_events (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organizations(id),
    lead_id     TEXT NOT NULL REFERENCES leads(id),
    kind        TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    occurred_at INTEGER NOT NULL
);
CREATE INDEX lifecycle_events_by_lead ON lifecycle_events (lead_id, occurred_at);

-- The org's proof ledger as received from the relay (domain/ProofLedger.h).
-- fields holds the fact's key/value pairs in the ledger's canonical order,
-- encoded as canonicalBytes() encodes them, so hashes can be re-verified.
CREATE TABLE proof_records (
    org_id        TEXT NOT NULL REFERENCES organizations(id),
    sequence      INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    occurred_at   INTEGER NOT NULL,
    fields        BLOB NOT NULL,
    previous_hash TEXT NOT NULL,
    hash          TEXT NOT NULL,
    PRIMARY KEY (org_id, sequence)
);

-- Where this device is in the org's event log.
CREATE TABLE sync_state (
    org_id      TEXT PRIMARY KEY REFERENCES organizations(id),
    cursor      INTEGER NOT NULL DEFAULT 0,
    relay_url   TEXT NOT NULL DEFAULT '',
    device_id   TEXT NOT NULL DEFAULT ''
);

-- Dispatcher actions waiting to reach the relay, flushed in id order.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      TEXT NOT NULL REFERENCES organizations(id),
    client_uuid TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL, -- the mutation as JSON
    created_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_by_org ON outbox (org_id, id);

-- Full-text search over message bodies, notes, contact names and numbers.
-- search_documents says what each indexed text belongs to and holds the text
-- itself; search_index is an FTS4 index over it (external content: FTS4 keeps
-- no second copy of every text in a search_index_content table of its own,
-- which was a third of the cost of indexing a text). The repositories keep
-- both in step with the fact, in the same transaction, in FTS4's order: an
-- entry leaves search_index before its text changes or leaves
-- search_documents (FTS4 reads the old text to find the terms to remove).
CREATE TABLE search_documents (
    docid   INTEGER PRIMARY KEY,
    org_id  TEXT NOT NULL REFERENCES organizations(id),
    lead_id TEXT, -- NULL for a contact
    kind    TEXT NOT NULL, -- "message" | "note" | "contact"
    ref_id  TEXT NOT NULL, -- the message, note or contact id
    body    TEXT NOT NULL, -- the indexed text (SearchText.h: indexableText())
    org_key INTEGER NOT NULL, -- search_orgs.org_key of org_id: the FTS4 languageid
    UNIQUE (kind, ref_id)
);
-- FTS4 keeps a separate index per languageid; the store uses it as a small
-- integer per organization, so a search reads its own organization's entries
-- only instead of checking every hit against search_documents.org_id.
CREATE TABLE search_orgs (
    org_key INTEGER PRIMARY KEY,
    org_id  TEXT NOT NULL UNIQUE REFERENCES organizations(id)
);
CREATE VIRTUAL TABLE search_index USING fts4(body, tokenize=unicode61, content="search_documents",
                                             languageid="org_key");
