-- CallSnare profile schema, version 4: what the inbox's attention order
-- (issue 7) reads straight off an index: since when a lead's homeowner has
-- been waiting for a person's answer, and the open urgent leads.

-- The first homeowner text after the last text a person sent (automatic
-- texts answer nobody); NULL when nobody waits. Kept by the triggers below,
-- so every writer (repositories, sync, bulk import) keeps it right without
-- knowing about it.
ALTER TABLE leads ADD COLUMN awaiting_reply_since INTEGER;

UPDATE leads SET awaiting_reply_since = (
    SELECT MIN(i.created_at) FROM messages i
    WHERE i.lead_id = leads.id AND i.org_id = leads.org_id AND i.direction = 'inbound'
      AND i.created_at > COALESCE((
          SELECT MAX(o.created_at) FROM messages o
          WHERE o.lead_id = leads.id AND o.org_id = leads.org_id AND o.direction = 'outbound'
            AND o.author <> 'automation'), -1));

-- A homeowner's text starts a wait unless one is already running or a
-- person answered at or after it (texts can arrive out of order).
CREATE TRIGGER messages_awaiting_on_inbound AFTER INSERT ON messages
WHEN NEW.direction = 'inbound'
BEGIN
    UPDATE leads SET awaiting_reply_since = NEW.created_at
    WHERE id = NEW.lead_id AND org_id = NEW.org_id
      AND (awaiting_reply_since IS NULL OR awaiting_reply_since > NEW.created_at)
      AND NOT EXISTS (
          SELECT 1 FROM messages o
          WHERE o.lead_id = NEW.lead_id AND o.org_id = NEW.org_id AND o.direction = 'outbound'
            AND o.author <> 'automation' AND o.created_at >= NEW.created_at);
END;

-- A person's text ends a wait that started at or before it; the next wait
-- starts with the first homeowner text after it (stored earlier, out of
-- order). Without a running wait, or one that started after this text,
-- nothing changes: one lookup of the lead, no probe of its messages.
CREATE TRIGGER messages_awaiting_on_answer AFTER INSERT ON messages
WHEN NEW.direction = 'outbound' AND NEW.author <> 'automation'
BEGIN
    UPDATE leads SET awaiting_reply_since = (
        SELECT MIN(i.created_at) FROM messages i
        WHERE i.lead_id = NEW.lead_id AND i.org_id = NEW.org_id AND i.direction = 'inbound'
          AND i.created_at > NEW.created_at)
    WHERE id = NEW.lead_id AND org_id = NEW.org_id
      AND awaiting_reply_since IS NOT NULL AND awaiting_reply_since <= NEW.created_at;
END;

CREATE TRIGGER messages_awaiting_on_delete AFTER DELETE ON messages
BEGIN
    UPDATE leads SET awaiting_reply_since = (
        SELECT MIN(i.created_at) FROM messages i
        WHERE i.lead_id = leads.id AND i.org_id = leads.org_id AND i.direction = 'inbound'
          AND i.created_at > COALESCE((
              SELECT MAX(o.created_at) FROM messages o
              WHERE o.lead_id = leads.id AND o.org_id = leads.org_id AND o.direction = 'outbound'
                AND o.author <> 'automation'), -1))
    WHERE id = OLD.lead_id AND org_id = OLD.org_id;
END;

-- The attention tiers' own indexes. InboxQuery.cpp repeats their WHERE
-- clauses verbatim so SQLite can use them. Waiting leads, longest first:
CREATE INDEX leads_awaiting_reply ON leads (org_id, awaiting_reply_since, id)
    WHERE awaiting_reply_since IS NOT NULL AND state IN ('missed', 'texted', 'replied');
-- Open urgent leads, newest activity first:
CREATE INDEX leads_urgent_open ON leads (org_id, last_activity_at DESC, id DESC)
    WHERE urgent = 1 AND state IN ('missed', 'texted', 'replied');
