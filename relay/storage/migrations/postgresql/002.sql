-- Automation: per-org settings, intake answers, and the outbound queue the
-- sender works through. Times ending in _ms are Unix milliseconds.

CREATE TABLE org_automation (
    org_id           TEXT PRIMARY KEY REFERENCES organizations(id),
    -- 1: the carrier number confirms STOP/START and answers HELP itself
    -- (Twilio Advanced Opt-Out), so we must not send a second confirmation.
    advanced_opt_out INTEGER NOT NULL DEFAULT 0,
    on_call_number   TEXT,
    -- JSON array of {"key", "text"}; NULL means the product's defaults.
    intake_questions TEXT,
    -- JSON object of template name -> text overriding the defaults.
    templates        TEXT,
    updated_at       BIGINT NOT NULL
);

ALTER TABLE contacts ADD COLUMN time_zone TEXT;

-- How many intake questions were asked on the lead, and why a dispatcher
-- should look at it (e.g. 'soft_opt_out').
ALTER TABLE leads ADD COLUMN intake_asked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN attention TEXT;

CREATE TABLE lead_answers (
    org_id       TEXT NOT NULL REFERENCES organizations(id),
    lead_id      TEXT NOT NULL REFERENCES leads(id),
    question_key TEXT NOT NULL,
    answer       TEXT NOT NULL,
    answered_at  BIGINT NOT NULL,
    PRIMARY KEY (org_id, lead_id, question_key)
);

-- One row per outbound text (its message row holds body and status). The
-- decision key makes every decision send at most once: a text-back per lead,
-- one STOP confirmation per STOP message, one question per step.
CREATE TABLE outbound_jobs (
    org_id             TEXT NOT NULL REFERENCES organizations(id),
    message_id         TEXT NOT NULL,
    decision_key       TEXT NOT NULL,
    purpose            TEXT NOT NULL,
    to_number          TEXT NOT NULL,
    contact_id         TEXT,
    lead_id            TEXT,
    -- pending (waiting for due_ms), sending (claimed; outcome not yet
    -- recorded), sent, refused, failed.
    state              TEXT NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    -- 1: the last attempt may have reached the carrier unheard; ask it first.
    unknown_outcome    INTEGER NOT NULL DEFAULT 0,
    due_ms             BIGINT NOT NULL,
    lease_until_ms     BIGINT,
    attempt_started_ms BIGINT,
    queued_ms          BIGINT NOT NULL,
    last_error         TEXT,
    updated_ms         BIGINT NOT NULL,
    PRIMARY KEY (org_id, message_id),
    UNIQUE (org_id, decision_key)
);
CREATE INDEX outbound_jobs_due ON outbound_jobs (state, due_ms);
