-- CallSnare profile schema, version 2: what the desktop's sync client keeps.

-- Where the device token lives: "keychain" (the OS keychain holds it, the
-- profile only says so) or "profile" (no keychain service answered, e.g. a
-- headless Linux machine; the token is kept here, inside the encrypted file).
ALTER TABLE sync_state ADD COLUMN token_store TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_state ADD COLUMN device_token TEXT NOT NULL DEFAULT '';

-- Dispatcher actions the relay did not apply (stale base version, unknown
-- lead or booking, refused), kept for the UI to show until dismissed.
CREATE TABLE sync_conflicts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       TEXT NOT NULL REFERENCES organizations(id),
    client_uuid  TEXT NOT NULL UNIQUE, -- the mutation's id
    kind         TEXT NOT NULL, -- the mutation's kind ("lead.set_state", ...)
    lead_id      TEXT, -- the lead the action was about, when it names one
    status       INTEGER NOT NULL, -- the relay's answer: 409, 404 or 422
    code         TEXT NOT NULL, -- the relay's error code ("stale", ...)
    message      TEXT NOT NULL, -- the relay's sentence
    mutation     TEXT NOT NULL, -- the mutation as it was sent (JSON)
    current      TEXT, -- on 409: the thing as the relay has it now (JSON)
    recorded_at  INTEGER NOT NULL,
    dismissed_at INTEGER
);
CREATE INDEX sync_conflicts_open ON sync_conflicts (org_id, id) WHERE dismissed_at IS NULL;
