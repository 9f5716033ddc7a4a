-- 0002: accounts, sessions and login throttling for `tcxd serve`.
-- Times here are Unix seconds (integers): sessions expire by inactivity and failures age out of
-- the throttle window, both compared numerically. Portable SQL (SQLite and PostgreSQL).

-- An account. role: admin | staff | viewer. scope_org_id: the organization whose subtree (as of
-- today) the account may see. pw_hash: libsodium crypto_pwhash_str (argon2id) text.
CREATE TABLE app_user (
    username     TEXT PRIMARY KEY,
    full_name    TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL,
    scope_org_id INTEGER NOT NULL REFERENCES org(id),
    pw_hash      TEXT NOT NULL,
    disabled     INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

-- A login session. Only a hash of the token is stored (crypto_generichash, hex); the CSRF token
-- is returned to the client by /api/me, so it is kept as issued.
CREATE TABLE user_session (
    token_hash TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES app_user(username),
    csrf       TEXT NOT NULL,
    address    TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL
);
CREATE INDEX user_session_user ON user_session(username);

-- One row per failed login, for throttling by account and by address.
CREATE TABLE login_failure (
    id       INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    address  TEXT NOT NULL,
    at       INTEGER NOT NULL
);
CREATE INDEX login_failure_user ON login_failure(username, at);
CREATE INDEX login_failure_addr ON login_failure(address, at);
