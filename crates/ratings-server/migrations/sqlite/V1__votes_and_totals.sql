-- The schema of the first reference server, which created it without a migration tool: IF NOT
-- EXISTS lets this migration adopt such a database as it is.
CREATE TABLE IF NOT EXISTS votes (
    date    TEXT    NOT NULL,
    page    TEXT    NOT NULL,
    client  TEXT    NOT NULL,
    score   INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    updated INTEGER NOT NULL,
    PRIMARY KEY (date, page, client)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS totals (
    date  TEXT    NOT NULL,
    page  TEXT    NOT NULL,
    sum   INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (date, page)
) WITHOUT ROWID;
