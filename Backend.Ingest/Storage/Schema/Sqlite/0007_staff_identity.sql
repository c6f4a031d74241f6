-- Staff identity and access: staff members who sign in to the web application (ASP.NET Core Identity keeps its
-- user rows here through Backend.Ingest/Identity/StaffUserStore.cs), their roles, and the API keys integrations
-- send as "Authorization: Bearer". Times are unix milliseconds by the backend's clock.

-- One row per staff member. password_hash is Identity's PasswordHasher output (PBKDF2); must_change_password is
-- 1 while the password is a one-time one (create-admin, an admin's new user), so the first sign-in changes it.
create table staff_users (
    user_id text primary key,
    user_name text not null,
    normalized_user_name text not null unique,
    password_hash text null,
    security_stamp text not null,
    concurrency_stamp text not null,
    must_change_password integer not null check (must_change_password in (0, 1)),
    lockout_enabled integer not null check (lockout_enabled in (0, 1)),
    access_failed_count integer not null check (access_failed_count >= 0),
    lockout_end bigint null,
    created_at bigint not null,
    created_by text not null);

create table staff_user_roles (
    user_id text not null references staff_users (user_id),
    role text not null check (role in ('admin', 'operations', 'customer-service', 'finance', 'auditor')),
    primary key (user_id, role));

-- One row per API key. The key itself is shown once, when it is made; only the SHA-256 of its secret part is
-- kept (the secret is 256 random bits, so a slow hash adds nothing). roles: space-separated role names. A name
-- may be reused (a rotated key: the new one issued, the old one revoked); the audit log names the key.
create table api_keys (
    key_id text primary key,
    name text not null,
    secret_hash text not null,
    roles text not null,
    created_at bigint not null,
    created_by text not null,
    revoked_at bigint null,
    revoked_by text null);
