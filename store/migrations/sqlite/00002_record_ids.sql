-- Each record carries an id the writer gives it, so that a batch retried after an ambiguous
-- failure (the connection broke during COMMIT: did it commit?) cannot be kept twice.

-- +goose Up
ALTER TABLE questions ADD COLUMN rec_id TEXT;
CREATE UNIQUE INDEX questions_rec_id ON questions (rec_id);
ALTER TABLE feedback ADD COLUMN rec_id TEXT;
CREATE UNIQUE INDEX feedback_rec_id ON feedback (rec_id);

-- +goose Down
DROP INDEX feedback_rec_id;
ALTER TABLE feedback DROP COLUMN rec_id;
DROP INDEX questions_rec_id;
ALTER TABLE questions DROP COLUMN rec_id;
