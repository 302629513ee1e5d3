-- A version per guild that moves whenever the guild's pins change (not
-- when one is used), so every replica's pin matcher knows when to rebuild
-- with one indexed read instead of listing every pin on every question.
CREATE TABLE pin_versions (
    guild   text   PRIMARY KEY,
    version bigint NOT NULL
);

CREATE FUNCTION bump_pin_version() RETURNS trigger AS $$
BEGIN
    INSERT INTO pin_versions (guild, version)
    VALUES (COALESCE(NEW.guild, OLD.guild), 1)
    ON CONFLICT (guild) DO UPDATE SET version = pin_versions.version + 1;
    IF TG_OP = 'UPDATE' AND OLD.guild <> NEW.guild THEN
        INSERT INTO pin_versions (guild, version) VALUES (OLD.guild, 1)
        ON CONFLICT (guild) DO UPDATE SET version = pin_versions.version + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER pins_version_insert_delete AFTER INSERT OR DELETE ON pins
    FOR EACH ROW EXECUTE FUNCTION bump_pin_version();
CREATE TRIGGER pins_version_update AFTER UPDATE OF guild, questions, answer, citations ON pins
    FOR EACH ROW EXECUTE FUNCTION bump_pin_version();
