-- CallSnare profile schema, version 4: the rest of the organization's
-- settings the relay sends ("org.settings") and the owner edits. Business
-- hours, holidays and reminder offsets already have their tables and column
-- (business_hours, holidays, organizations.reminder_offsets).

-- How long a homeowner's reply may wait for a human answer before the inbox
-- nudges the dispatchers; 5 until the relay says otherwise.
ALTER TABLE organizations ADD COLUMN response_target_minutes INTEGER NOT NULL DEFAULT 5;
