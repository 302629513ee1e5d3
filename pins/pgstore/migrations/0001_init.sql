-- Pins, votes, the unanswered queue and the vote salt, per guild.
-- Applied once, in one transaction, by the first replica that starts.

CREATE TABLE meta (
    key   text PRIMARY KEY,
    value bytea NOT NULL
);

-- The last number given out per guild and kind ('pin', 'queue'). A row
-- lock on it serialises Adds of one guild across replicas, so no two pins
-- ever get the same id.
CREATE TABLE counters (
    guild text   NOT NULL,
    kind  text   NOT NULL,
    last  bigint NOT NULL,
    PRIMARY KEY (guild, kind)
);

CREATE TABLE pins (
    guild       text        NOT NULL,
    id          text        NOT NULL,
    num         bigint      NOT NULL,
    questions   text[]      NOT NULL,
    answer      text        NOT NULL,
    citations   text[]      NOT NULL DEFAULT '{}',
    pinned_by   text        NOT NULL DEFAULT '',
    pinned_at   timestamptz NOT NULL,
    edited_by   text        NOT NULL DEFAULT '',
    edited_at   timestamptz,
    message_url text        NOT NULL DEFAULT '',
    uses        integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (guild, id)
);
CREATE INDEX pins_order ON pins (guild, num);

-- One row per user and question: the primary key is what makes a vote
-- one per user, whichever replica records it.
CREATE TABLE votes (
    guild    text    NOT NULL,
    question text    NOT NULL,
    user_key text    NOT NULL,
    helpful  boolean NOT NULL,
    PRIMARY KEY (guild, question, user_key)
);

CREATE TABLE queue (
    guild       text        NOT NULL,
    id          text        NOT NULL,
    question    text        NOT NULL,
    -- The question folded by the bot (Go's strings.ToLower): same-text
    -- matching must not depend on the database's collation.
    fold        text        NOT NULL,
    variants    text[]      NOT NULL DEFAULT '{}',
    count       integer     NOT NULL,
    reason      text        NOT NULL,
    first_asked timestamptz NOT NULL,
    last_asked  timestamptz NOT NULL,
    PRIMARY KEY (guild, id)
);
CREATE INDEX queue_fold ON queue (guild, fold);
