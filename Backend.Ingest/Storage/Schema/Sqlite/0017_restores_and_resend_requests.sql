-- After a restore the backend asks each terminal to upload again what the restored database lacks (docs/backup.md,
-- "After a restore"). Times are unix milliseconds by the backend's clock.

-- One row per restore, written by the restore command into the database it restored. resend_number is the
-- to-version of the Resend downlinks it causes: it rises across restores even when an older backup is put back
-- over a newer one (the command takes at least the restore's unix second and more than any number it saw).
create table restores (
    resend_number bigint primary key,
    restored_at bigint not null,
    backup_taken_at bigint not null,
    backup_schema text not null,
    restored_by text not null);

-- One row per terminal and Resend: those a restore plans for every terminal the database knows, and those an
-- operator asks for (POST /api/terminals/{id}/resend). A terminal is asked once when the backend starts or the
-- request is made, and again at a later status while it holds acknowledged records at or above from_sequence and no
-- JournalRewound event (code 13) came after the first ask. outcome: null while open, 'rewound' once the event came
-- (rewound_from: its value, the first sequence uploaded again), 'superseded' when a newer request for the terminal replaced it.
create table resend_requests (
    resend_number bigint not null,
    terminal_id bigint not null,
    from_sequence bigint not null,
    cause text not null check (cause in ('restore', 'operator')),
    requested_at bigint not null,
    requested_by text not null,
    first_asked_at bigint null,
    last_asked_at bigint null,
    asks integer not null default 0,
    outcome text null check (outcome in ('rewound', 'superseded')),
    answered_at bigint null,
    rewound_from bigint null,
    primary key (resend_number, terminal_id));
create index resend_requests_open on resend_requests (terminal_id, outcome);
