-- Passenger contact details sealed at rest (docs/privacy.md): name, e-mail and phone are one AES-256-GCM box in
-- contacts_sealed, and the desk finds an account by an exact value through keyed hashes (HMAC-SHA256 under a
-- subkey of privacy.key), never by the value itself. The old plaintext columns stay for the schema's history; the
-- backend seals their contents at start-up and clears them.
alter table accounts add column contacts_sealed blob null;
alter table accounts add column contact_name_hash text null;
alter table accounts add column contact_email_hash text null;
alter table accounts add column contact_phone_hash text null;
create index accounts_contact_name_hash on accounts (contact_name_hash);
create index accounts_contact_email_hash on accounts (contact_email_hash);
create index accounts_contact_phone_hash on accounts (contact_phone_hash);
drop index accounts_contact_email;
drop index accounts_contact_phone;

-- The check value of the privacy key the rows above were sealed with: a backend started with another key refuses
-- to start instead of writing rows no one can open beside rows it cannot read.
create table privacy_key_check (
    only_row integer primary key check (only_row = 1),
    key_check text not null,
    created_at bigint not null);

