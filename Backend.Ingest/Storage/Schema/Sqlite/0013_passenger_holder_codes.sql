-- Passenger self-service (docs/security.md, "Passenger sign-in"): the installation's secret that derives the code
-- printed on each card and account, and the wrong codes counted per card or account for the lockout.
-- Times are unix milliseconds by the backend's clock.

-- One row per secret, written once by the first backend that needs it (insert ... on conflict do nothing) and only
-- read after that; base64 of 32 random bytes.
create table passenger_secrets (
    name text primary key,
    secret text not null,
    created_at bigint not null);

-- Wrong codes in a row for a subject ('card:UID' or 'account:ID', existing or not, so the answer never tells which
-- exist), and until when it is locked; a right code deletes the row.
create table holder_code_failures (
    subject text primary key,
    failures integer not null check (failures >= 0),
    locked_until bigint not null,
    last_failure_at bigint not null);
