-- CallSnare profile schema, version 4: what the inbox's attention order
-- (issue 7) reads straight off an index: since when a lead's homeowner has
-- been waiting for a person's answer, and the open urgent leads.

-- The first homeowner text after the last text a person sent (automatic
-- texts answer nobody); NULL when nobody waits. Every writer of messages
-- keeps it with the statements in AwaitingReply.h, run right after its
-- INSERT: as an INSERT trigger the update made every message INSERT a
-- two-table statement with a statement journal, whose pages SQLCipher
-- encrypts. Deleting a message (nothing does today) is covered below.
ALTER TABLE leads ADD COLUMN awaiting_reply_since INTEGER;

UPDATE leads SET awaiting_reply_since = (
    SELECT MIN(i.created_at) FROM messages i
    WHERE i.lead_id = leads.id AND i.org_id = leads.org_id AND i.direction = 'inbound'
      AND i.created_at > COALESCE((
          SELECT MAX(o.created_at) FROM messages o
          WHERE o.lead_id = leads.id AND o.org_id = leads.org_id AND o.direction = 'outbound'
            AND o.author <> 'automation'), -1));

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
