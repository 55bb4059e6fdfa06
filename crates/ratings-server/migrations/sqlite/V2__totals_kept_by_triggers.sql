-- Totals are kept by the database itself: every insert, change or removal of a vote adjusts its
-- page's row in the same statement, whoever writes (this server, another process, a person with
-- the sqlite3 shell). They are rebuilt from the votes once, here, so that a database written by
-- the first server starts from totals that match its votes.
DELETE FROM totals;
INSERT INTO totals (date, page, sum, count)
    SELECT date, page, SUM(score), COUNT(*) FROM votes GROUP BY date, page;

CREATE TRIGGER votes_insert AFTER INSERT ON votes
BEGIN
    INSERT INTO totals (date, page, sum, count) VALUES (NEW.date, NEW.page, NEW.score, 1)
    ON CONFLICT (date, page) DO UPDATE SET sum = sum + excluded.sum, count = count + 1;
END;

-- A repeated vote (same score) changes nothing; a new score on the same page is one row update.
CREATE TRIGGER votes_rescore AFTER UPDATE OF score ON votes
WHEN OLD.score IS NOT NEW.score AND OLD.date IS NEW.date AND OLD.page IS NEW.page
BEGIN
    UPDATE totals SET sum = sum + NEW.score - OLD.score WHERE date = NEW.date AND page = NEW.page;
END;

CREATE TRIGGER votes_move AFTER UPDATE OF date, page ON votes
WHEN OLD.date IS NOT NEW.date OR OLD.page IS NOT NEW.page
BEGIN
    UPDATE totals SET sum = sum - OLD.score, count = count - 1 WHERE date = OLD.date AND page = OLD.page;
    INSERT INTO totals (date, page, sum, count) VALUES (NEW.date, NEW.page, NEW.score, 1)
    ON CONFLICT (date, page) DO UPDATE SET sum = sum + excluded.sum, count = count + 1;
END;

CREATE TRIGGER votes_delete AFTER DELETE ON votes
BEGIN
    UPDATE totals SET sum = sum - OLD.score, count = count - 1 WHERE date = OLD.date AND page = OLD.page;
END;
