-- Who has been counted on each queue entry (a salted hash, as for votes):
-- one member clicking "Not helpful" 30 times is one asking. Gone with its
-- entry.
CREATE TABLE queue_askers (
    guild    text NOT NULL,
    id       text NOT NULL,
    user_key text NOT NULL,
    PRIMARY KEY (guild, id, user_key),
    FOREIGN KEY (guild, id) REFERENCES queue (guild, id) ON DELETE CASCADE
);

-- A full queue evicts the least asked, then the oldest, entry: this index
-- finds it without sorting the queue.
CREATE INDEX queue_evict ON queue (guild, count, last_asked, id);
