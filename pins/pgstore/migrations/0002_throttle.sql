-- Cooldown and duplicate-window state shared by every replica: a key is
-- held until its time, and whoever finds it free takes it.
CREATE TABLE throttle (
    key   text        PRIMARY KEY,
    until timestamptz NOT NULL
);
CREATE INDEX throttle_until ON throttle (until);
