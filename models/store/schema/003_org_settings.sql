-- CallSnare profile schema, version 3: the organization's settings as the
-- relay has them (its "org.settings" events), which an owner edits through
-- sync. Quiet hours, dedupe window and time zone already have columns;
-- templates live in the templates table.

-- The relay's settings version this profile holds; 0 until the first
-- org.settings event arrives. A settings.change names it as its base.
ALTER TABLE organizations ADD COLUMN settings_version INTEGER NOT NULL DEFAULT 0;
-- E.164; NULL when urgent texts alert no one.
ALTER TABLE organizations ADD COLUMN on_call_number TEXT;
-- JSON array of {"key", "text"}, in the order they are asked; NULL until synced.
ALTER TABLE organizations ADD COLUMN intake_questions TEXT;
