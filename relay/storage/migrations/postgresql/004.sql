-- Organization settings travel to the desktops through sync: every change
-- (a device's settings.change, an operator's admin command) moves this
-- version and appends the settings as a whole ("org.settings"), so a stale
-- edit is detected instead of overwriting another one.

ALTER TABLE organizations ADD COLUMN settings_version INTEGER NOT NULL DEFAULT 1;
