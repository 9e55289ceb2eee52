-- The rest of an organization's settings an owner edits through sync. The
-- automation reads the business hours and holidays to choose the text-back
-- wording (open or after hours); reminder offsets and the response target
-- travel to the desktops. Stored as their wire JSON (sync/protocol's
-- business-hours codec); NULL means the product's default: weekdays
-- 08:00-17:00, no holidays, reminders 24 h and 2 h before a visit.

ALTER TABLE organizations ADD COLUMN business_hours TEXT;
ALTER TABLE organizations ADD COLUMN holidays TEXT;
ALTER TABLE organizations ADD COLUMN reminder_offsets TEXT;
ALTER TABLE organizations ADD COLUMN response_target_minutes INTEGER NOT NULL DEFAULT 5;
