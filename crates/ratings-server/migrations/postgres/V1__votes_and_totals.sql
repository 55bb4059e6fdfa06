-- One row per client per page; a changed vote replaces the row (one upsert).
CREATE TABLE votes (
    date    date        NOT NULL,
    page    text        NOT NULL CHECK (length(page) BETWEEN 1 AND 200),
    client  text        NOT NULL CHECK (length(client) BETWEEN 8 AND 64),
    score   smallint    NOT NULL CHECK (score BETWEEN 1 AND 5),
    updated timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (date, page, client)
);

-- Each page's sum and count, kept by the trigger below in the same transaction as the vote, so
-- that a read costs one row whatever the number of votes and the totals cannot drift from them.
-- Concurrent votes on one page queue on its row lock; votes on different pages do not meet.
CREATE TABLE totals (
    date  date   NOT NULL,
    page  text   NOT NULL,
    sum   bigint NOT NULL,
    count bigint NOT NULL,
    PRIMARY KEY (date, page)
);

CREATE FUNCTION votes_to_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The common change: a new score on the same page, one row update.
    IF TG_OP = 'UPDATE' AND OLD.date = NEW.date AND OLD.page = NEW.page THEN
        UPDATE totals SET sum = sum + NEW.score - OLD.score WHERE date = NEW.date AND page = NEW.page;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE totals SET sum = sum - OLD.score, count = count - 1
         WHERE date = OLD.date AND page = OLD.page;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO totals AS t (date, page, sum, count) VALUES (NEW.date, NEW.page, NEW.score, 1)
        ON CONFLICT (date, page) DO UPDATE SET sum = t.sum + excluded.sum, count = t.count + 1;
    END IF;
    RETURN NULL;
END;
$$;

-- A repeated vote (same score, same page) changes nothing and takes no lock on the totals.
CREATE TRIGGER votes_insert_delete AFTER INSERT OR DELETE ON votes
    FOR EACH ROW EXECUTE FUNCTION votes_to_totals();
CREATE TRIGGER votes_update AFTER UPDATE ON votes
    FOR EACH ROW WHEN (OLD.score IS DISTINCT FROM NEW.score OR OLD.date IS DISTINCT FROM NEW.date
                       OR OLD.page IS DISTINCT FROM NEW.page)
    EXECUTE FUNCTION votes_to_totals();

CREATE FUNCTION votes_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE totals;
    RETURN NULL;
END;
$$;
CREATE TRIGGER votes_truncate AFTER TRUNCATE ON votes
    FOR EACH STATEMENT EXECUTE FUNCTION votes_truncated();
